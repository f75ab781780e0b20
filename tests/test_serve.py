"""The nightly deployment, registered through the Prefect API of a temporary server, reads back as configured."""

from pathlib import Path

import pytest

from sitrep.cli import main
from sitrep.deploy import FULL_NAME, build_nightly_deployment
from sitrep.settings import load_settings

CONFIG = """
[schedule]
cron = "30 3 * * 1-5"
timezone = "Europe/Berlin"

[[sources]]
name = "inbox"
kind = "folder"
path = "inbox"
"""


@pytest.mark.flow
def test_nightly_deployment_registers_with_its_schedule(tmp_path: Path, monkeypatch, capsys):
    from prefect import get_client
    from prefect.testing.utilities import prefect_test_harness

    config = tmp_path / "sitrep.toml"
    config.write_text(CONFIG)
    settings = load_settings(config, env={})
    deployment = build_nightly_deployment(settings, config=config)
    assert deployment.name == "nightly" and deployment.parameters == {"config": str(config.resolve())}

    with prefect_test_harness(server_startup_timeout=60):
        deployment_id = deployment.apply()
        with get_client(sync_client=True) as client:
            stored = client.read_deployment_by_name(FULL_NAME)
        assert stored.id == deployment_id
        [schedule] = stored.schedules
        assert (schedule.schedule.cron, schedule.schedule.timezone, schedule.active) == \
            ("30 3 * * 1-5", "Europe/Berlin", True)
        assert stored.parameters == {"config": str(config.resolve())}

        # The command registers the same deployment, with the default schedule when the config names none.
        default_config = tmp_path / "default.toml"
        default_config.write_text('[[sources]]\nname = "inbox"\nkind = "folder"\npath = "inbox"\n')
        assert main(["serve", "--config", str(default_config), "--register-only"]) == 0
        assert f"registered {FULL_NAME}" in capsys.readouterr().out
        with get_client(sync_client=True) as client:
            [schedule] = client.read_deployment_by_name(FULL_NAME).schedules
        assert (schedule.schedule.cron, schedule.schedule.timezone) == ("0 2 * * *", "UTC")


def test_serve_refuses_to_run_without_a_prefect_server(tmp_path: Path, monkeypatch, capsys):
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: None}):
        assert main(["serve", "--register-only"]) == 1
    assert "prefect server start" in capsys.readouterr().err
