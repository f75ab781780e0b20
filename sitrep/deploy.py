"""The nightly deployment: flows.nightly.nightly_flow on the cron schedule from settings ([schedule] in sitrep.toml).

Prefect is imported inside the function, so importing sitrep never needs it; flows/ stays the only place that
defines flows."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.settings import Settings

if TYPE_CHECKING:
    from prefect.deployments.runner import RunnerDeployment

DEPLOYMENT_NAME = "nightly"
FLOW_NAME = "sitrep-nightly"
FULL_NAME = f"{FLOW_NAME}/{DEPLOYMENT_NAME}"     # what `prefect deployment run` takes


def build_nightly_deployment(settings: Settings, config: str | Path | None = None,
                             flow: Any = None) -> RunnerDeployment:
    """The nightly deployment, not yet registered: `.apply()` registers it, `prefect.serve(it)` serves it.

    config (a sitrep.toml) is passed to every run as the flow's `config` parameter, as an absolute path so a run
    reads the same file whatever folder the serving process was started in. flow defaults to the nightly flow."""
    from prefect.schedules import Cron

    if flow is None:
        from flows.nightly import nightly_flow as flow
    parameters = {"config": str(Path(config).resolve())} if config else {}
    return flow.to_deployment(
        name=DEPLOYMENT_NAME,
        schedules=[Cron(settings.schedule_cron, timezone=settings.schedule_timezone)],
        parameters=parameters,
        description="sitrep's nightly run: ingest the configured sources, code, publish, rebuild the DuckDB models.",
        tags=["sitrep", "nightly"],
    )
