"""`sitrep snapshot publish|list|pull`: versioned, checksummed snapshots of the curated tables.

    sitrep snapshot publish [--to TARGET] [--keep N] [--force]   tables from <curated_dir>/tables, when they
                                                             differ from LATEST's (the nightly run's rule)
    sitrep snapshot list --from URL_OR_PATH
    sitrep snapshot pull [VERSION] --from URL_OR_PATH --to DIR

TARGET / URL_OR_PATH: a folder, s3://bucket/prefix (endpoint: --endpoint-url or SITREP_S3_ENDPOINT_URL,
FSSPEC_S3_ENDPOINT_URL, AWS_ENDPOINT_URL), or for list/pull an http(s):// base URL."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("snapshot", help="publish, list or download versioned snapshots",
                                   description=__doc__.split("\n\n")[0])
    actions = parser.add_subparsers(dest="snapshot_action", metavar="ACTION", required=True)

    publish = actions.add_parser("publish", help="publish the curated tables as a new version")
    publish.add_argument("--to", dest="target", help="folder or s3:// URL (default: [snapshot] target in "
                                                     "sitrep.toml, else <data_dir>/curated/snapshots)")
    publish.add_argument("--keep", type=int, default=None, help="versions to keep (default: [snapshot] keep)")
    publish.add_argument("--force", action="store_true",
                         help="publish a new version even when LATEST already holds these exact tables")
    publish.set_defaults(handler=run_publish, extra="pipeline")

    listing = actions.add_parser("list", help="list the published versions, newest first")
    listing.add_argument("--from", dest="source", required=True, help="folder, http(s):// or s3:// URL")
    listing.set_defaults(handler=run_list)

    pull = actions.add_parser("pull", help="download and verify a version (default: the latest)")
    pull.add_argument("version", nargs="?", default=None, help="e.g. v2025.02.07 (default: LATEST)")
    pull.add_argument("--from", dest="source", required=True, help="folder, http(s):// or s3:// URL")
    pull.add_argument("--to", dest="dest", required=True, help="folder to put <version>/ in")
    pull.set_defaults(handler=run_pull)

    for sub in (publish, listing, pull):
        sub.add_argument("--endpoint-url", help="S3 endpoint (MinIO, a local server)")


def _storage_options(args: argparse.Namespace) -> dict | None:
    return {"endpoint_url": args.endpoint_url} if args.endpoint_url else None


def run_publish(args: argparse.Namespace) -> int:
    from sitrep.locking import run_locked
    from sitrep.settings import load_settings
    from sitrep.snapshots.stage import snapshot_stage
    from sitrep.zones import default_snapshot_target

    settings = load_settings(Path(args.config) if args.config else None)
    target = args.target or settings.snapshot_target or str(default_snapshot_target(settings))
    keep = args.keep if args.keep is not None else settings.snapshot_keep

    def publish() -> int:
        result = snapshot_stage(settings, target=target, keep=keep, force=args.force,
                                storage_options=_storage_options(args))
        for repair in result.repaired:
            print(f"repaired after a killed publish: {repair}")
        if result.published:
            changes = ", ".join(f"{len(ids)} {kind}" for kind, ids in result.changes.items())
            print(f"published {result.published} to {target} ({changes})")
        else:
            print(f"no new version: {result.reason} (--force publishes one anyway)")
        for old in result.removed:
            print(f"removed {old} (keeping {keep})")
        return 0

    return run_locked(settings, "sitrep snapshot publish", publish)


def _http_limits(args: argparse.Namespace):
    """The [http] settings (timeout, size cap, allow_private_addresses) for an http(s) source, no per-host pause."""
    import dataclasses

    from sitrep.http import HttpLimits
    from sitrep.settings import load_settings

    settings = load_settings(Path(args.config) if args.config else None)
    return dataclasses.replace(HttpLimits.from_settings(settings), per_host_interval_s=0.0)


def _fetch_failed(args: argparse.Namespace, exc: Exception) -> int:
    print(f"sitrep snapshot {args.snapshot_action}: error: {exc}", file=sys.stderr)
    return 1


def run_list(args: argparse.Namespace) -> int:
    from sitrep.http import FetchError
    from sitrep.snapshots import list_snapshots

    try:
        versions = list_snapshots(args.source, storage_options=_storage_options(args), http=_http_limits(args))
    except FetchError as exc:
        return _fetch_failed(args, exc)
    if not versions:
        print(f"no snapshots at {args.source}")
        return 1
    for v in versions:
        print(f"{v['version']}\t{v['created'] or ''}\t{'LATEST' if v['latest'] else ''}".rstrip())
    return 0


def run_pull(args: argparse.Namespace) -> int:
    from sitrep.http import FetchError
    from sitrep.snapshots import pull_snapshot

    try:
        folder = pull_snapshot(args.source, args.version, Path(args.dest), storage_options=_storage_options(args),
                               http=_http_limits(args))
    except FetchError as exc:
        return _fetch_failed(args, exc)
    print(f"{folder} (checksums verified)")
    return 0
