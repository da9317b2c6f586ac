"""python manage.py scan_contacts: JSON Lines out, bad rows on stderr, thresholds from the rulebook."""

import io
import json
import subprocess
import sys
import types
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[3]
HEADER = "ts,caller,callee,channel,answered\n"


def write_log(tmp_path, name="contacts.csv"):
    """Three unanswered calls S1 → B1 in 20 minutes (RULES 10.3), one bad row on line 3."""
    path = tmp_path / name
    path.write_text(
        HEADER
        + "2026-03-02T10:00:00+08:00,S1,B1,call,false\n"
        + "2026-03-02T10:05:00+08:00,S1,B1,telegram,\n"
        + "2026-03-02T10:10:00+08:00,S1,B1,call,false\n"
        + "2026-03-02T02:20:00Z,S1,B1,call,false\n"
    )
    return path


REDIAL = {
    "caller": "S1",
    "callee": "B1",
    "patterns": ["unanswered_redial"],
    "first": "2026-03-02T10:00:00+08:00",
    "last": "2026-03-02T10:20:00+08:00",
    "counts": {"unanswered_redial": 3},
}
BAD_ROW = {"line": 3, "error": "unknown channel: telegram"}


class Terminal(io.StringIO):
    def isatty(self):
        return True


def run(*args, stderr=None):
    stdout, stderr = io.StringIO(), stderr or io.StringIO()
    call_command("scan_contacts", *map(str, args), stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


@pytest.fixture
def no_registry(monkeypatch):
    """The lead's weiquan.rulebook.registry may not exist yet; make sure it is absent."""
    monkeypatch.setitem(sys.modules, "weiquan.rulebook.registry", None)


@pytest.fixture
def registry(monkeypatch):
    """A stand-in registry whose rulebook in force sets redial_count to 4."""
    module = types.ModuleType("weiquan.rulebook.registry")
    asked = []

    def rulebook_in_force(rulebook_id=None):
        asked.append(rulebook_id)
        patterns = {"redial_count": 4} if rulebook_id is None else {"redial_count": 3}
        return types.SimpleNamespace(contact_patterns=patterns)

    module.rulebook_in_force = rulebook_in_force
    monkeypatch.setitem(sys.modules, "weiquan.rulebook.registry", module)
    return asked


def test_writes_one_json_line_per_flagged_pair_and_bad_rows_on_stderr(tmp_path, no_registry):
    stdout, stderr = run(write_log(tmp_path))
    assert [json.loads(line) for line in stdout.splitlines()] == [REDIAL]
    assert [json.loads(line) for line in stderr.splitlines()] == [BAD_ROW]


def test_output_option_writes_a_file(tmp_path, no_registry):
    target = tmp_path / "flagged.jsonl"
    stdout, _ = run(
        write_log(tmp_path), "--output", target, "--threads", 1, "--memory-limit", "200MB"
    )
    assert stdout == ""
    assert [json.loads(line) for line in target.read_text().splitlines()] == [REDIAL]


def test_format_option_overrides_the_extension(tmp_path, no_registry):
    path = write_log(tmp_path, name="contacts.txt")
    with pytest.raises(CommandError, match="extension"):
        run(path)
    stdout, _ = run(path, "--format", "csv")
    assert json.loads(stdout) == REDIAL


def test_unreadable_input_is_a_command_error(tmp_path, no_registry):
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "absent.csv")
    (tmp_path / "cols.csv").write_text("when,who\n")
    with pytest.raises(CommandError, match="missing column"):
        run(tmp_path / "cols.csv")


def test_rulebook_in_force_sets_the_thresholds(tmp_path, registry):
    """RULES 7.1: the rulebook in force raises redial_count to 4, so 3 calls no longer flag."""
    stdout, _ = run(write_log(tmp_path))
    assert stdout == ""
    assert registry == [None]


def test_rulebook_option_picks_a_version(tmp_path, registry):
    stdout, _ = run(write_log(tmp_path), "--rulebook", "2026-03")
    assert json.loads(stdout) == REDIAL
    assert registry == ["2026-03"]


def test_rulebook_with_bad_contact_patterns_is_a_command_error(tmp_path, monkeypatch):
    module = types.ModuleType("weiquan.rulebook.registry")
    module.rulebook_in_force = lambda *a: types.SimpleNamespace(contact_patterns={"bursts": 2})
    monkeypatch.setitem(sys.modules, "weiquan.rulebook.registry", module)
    with pytest.raises(CommandError, match="unknown contact pattern setting"):
        run(write_log(tmp_path))


def test_rulebook_option_without_a_registry_is_a_command_error(tmp_path, no_registry):
    with pytest.raises(CommandError, match="registry is not available"):
        run(write_log(tmp_path), "--rulebook", "2026-03")


def test_progress_is_shown_on_a_terminal_only(tmp_path, no_registry):
    _, on_terminal = run(write_log(tmp_path), stderr=Terminal())
    assert "scan_contacts: checking rows" in on_terminal
    assert "1 flagged, 1 bad rows skipped" in on_terminal
    _, on_pipe = run(write_log(tmp_path))
    assert "scan_contacts:" not in on_pipe


def test_runs_as_manage_py_without_a_database(tmp_path):
    """The command needs no database: point Django at one that cannot exist."""
    completed = subprocess.run(
        [sys.executable, "manage.py", "scan_contacts", str(write_log(tmp_path))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            "PATH": "/usr/bin:/bin",
            "DATABASE_URL": f"sqlite:///{tmp_path}/no/such/dir/db.sqlite3",
        },
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert [json.loads(line) for line in completed.stdout.splitlines()] == [REDIAL]
    assert [json.loads(line) for line in completed.stderr.splitlines()] == [BAD_ROW]


def test_a_registry_that_fails_to_import_is_not_hidden(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "weiquan.rulebook.registry", types.ModuleType("stub"))
    with pytest.raises(ImportError, match="rulebook_in_force"):
        run(write_log(tmp_path))


def test_registry_without_a_database_falls_back_to_the_defaults(tmp_path, monkeypatch):
    from django.db import OperationalError

    def rulebook_in_force(rulebook_id=None):
        raise OperationalError("no such table: rulebook_version")

    module = types.ModuleType("weiquan.rulebook.registry")
    module.rulebook_in_force = rulebook_in_force
    monkeypatch.setitem(sys.modules, "weiquan.rulebook.registry", module)
    stdout, _ = run(write_log(tmp_path))
    assert json.loads(stdout) == REDIAL
