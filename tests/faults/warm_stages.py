"""Imported by the fork server of nightly_stages.run_killable: the pipeline's modules and the gazetteer, loaded
once so that every forked run starts warm."""

import sitrep.models  # noqa: F401
import sitrep.pipeline  # noqa: F401
import sitrep.pipeline.ingest  # noqa: F401
import sitrep.snapshots.stage  # noqa: F401
from sitrep.coding.places.gazetteer_cache import get_gazetteer

get_gazetteer()
