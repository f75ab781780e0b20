"""`sitrep gazetteer build`: rebuild the cached gazetteer from the installed GeoNames packages and print counts."""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gazetteer", help="build the place gazetteer cache (GeoNames → ACLED naming)")
    actions = parser.add_subparsers(dest="gazetteer_action", metavar="ACTION")
    build = actions.add_parser("build", help="rebuild the cache and print counts")
    build.add_argument("--cache-dir", type=Path, help="where to write it (default: $SITREP_CACHE_DIR or data/cache)")
    build.set_defaults(handler=run_build)
    parser.set_defaults(handler=run_build)


def run_build(args: argparse.Namespace) -> int:
    from sitrep.coding.places.gazetteer_cache import build_and_cache, default_cache_dir

    cache_dir = getattr(args, "cache_dir", None)
    if cache_dir is None and not os.environ.get("SITREP_CACHE_DIR") and getattr(args, "config", None):
        from sitrep.settings import load_settings

        cache_dir = load_settings(Path(args.config)).cache_dir
    started = time.perf_counter()
    gazetteer, path = build_and_cache(cache_dir or default_cache_dir())
    counts = gazetteer.counts()
    print(f"gazetteer written to {path} in {time.perf_counter() - started:.1f} s")
    for name, value in counts.items():
        print(f"  {name:<10} {value:>8,}")
    return 0
