from pathlib import Path

from sitrep.cli import main
from sitrep.commands.sources import check_config
from sitrep.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent

BAD = """
[schedule]
cron = "every night"
timezone = "Mars/Olympus"

[http]
timeout_s = 0
proxy = "http://proxy"

[[sources]]
name = "wire"
kind = "feed"
source_scale = "Global"

[[sources]]
name = "wire"
kind = "pages"
urls = ["https://example.org/a", "ftp://example.org/b"]
url = "https://example.org/feed"

[[sources]]
kind = "folder"
inbox = "data/samples"
"""


def test_the_example_config_is_valid_and_loads(capsys):
    example = ROOT / "sitrep.toml.example"
    assert main(["sources", "check", "--config", str(example)]) == 0
    out = capsys.readouterr().out
    assert "example-wire" in out and "feed" in out and "2 pages" in out
    settings = load_settings(example, env={})
    assert [s.kind for s in settings.sources] == ["folder", "feed", "pages"]


def test_every_problem_is_reported_with_where_and_which_key(tmp_path, capsys):
    config = tmp_path / "sitrep.toml"
    config.write_text(BAD)
    assert main(["--config", str(config), "sources", "check"]) == 1
    lines = {line.strip() for line in capsys.readouterr().out.splitlines()[1:]}
    expected = [
        "[http]: proxy: unknown key",
        "[http]: timeout_s: must be > 0",
        "[schedule]: timezone: unknown timezone 'Mars/Olympus'",
        "[schedule]: cron: not a cron expression: 'every night'",
        "sources[0] 'wire': url: missing: a feed source needs the feed's URL",
        "sources[0] 'wire': source_scale: 'Global' is not one of Local partner,",
        "sources[1] 'wire': name: duplicate: sources[0] has the same name",
        "sources[1] 'wire': urls[1]: not an http(s) URL: 'ftp://example.org/b'",
        "sources[1] 'wire': url: not used by a pages source",
        "sources[2]: inbox: unknown key",
        "sources[2]: name: missing",
        "sources[2]: path: missing: a folder source needs the inbox path",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in lines), start
    assert len(lines) == len(expected)


def test_a_good_config_has_no_problems():
    table = {"schedule": {"cron": "15 4 * * 1-5", "timezone": "Europe/Berlin"},
             "sources": [{"name": "a", "kind": "feed", "url": "https://example.org/rss", "source_scale": "National"},
                         {"name": "b", "kind": "pages", "urls": ["https://example.org/x"]}]}
    assert check_config(table) == []


def test_unreadable_toml_and_missing_file(tmp_path, capsys):
    config = tmp_path / "sitrep.toml"
    config.write_text("[[sources]\nname = ")
    assert main(["sources", "check", "--config", str(config)]) == 1
    assert "not valid TOML" in capsys.readouterr().out
    assert main(["sources", "check", "--config", str(tmp_path / "nope.toml")]) == 1
