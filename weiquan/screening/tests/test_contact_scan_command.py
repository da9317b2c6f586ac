"""python manage.py scan_contacts: JSON Lines out, bad rows on stderr, thresholds from the rulebook."""

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from weiquan.rulebook.registry import reload_rulebooks

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


@pytest.fixture(autouse=True)
def _database(db):
    """The rulebook in force is read from the database when there is one."""


@pytest.fixture
def rulebooks(settings, tmp_path):
    """Real rulebook files in a directory of their own; `edit` changes one and reloads."""
    books = tmp_path / "books"
    shutil.copytree(Path(settings.WEIQUAN_RULEBOOK_DIRS[0]), books)
    original = settings.WEIQUAN_RULEBOOK_DIRS
    settings.WEIQUAN_RULEBOOK_DIRS = [books]

    def edit(rulebook_id, old, new):
        path = books / f"{rulebook_id}.toml"
        text = path.read_text()
        assert old in text
        path.write_text(text.replace(old, new))
        reload_rulebooks()

    yield edit
    settings.WEIQUAN_RULEBOOK_DIRS = original
    reload_rulebooks()


def test_writes_one_json_line_per_flagged_pair_and_bad_rows_on_stderr(tmp_path):
    stdout, stderr = run(write_log(tmp_path))
    assert [json.loads(line) for line in stdout.splitlines()] == [REDIAL]
    assert [json.loads(line) for line in stderr.splitlines()] == [BAD_ROW]


def test_output_option_writes_a_file(tmp_path):
    target = tmp_path / "flagged.jsonl"
    stdout, _ = run(
        write_log(tmp_path), "--output", target, "--threads", 1, "--memory-limit", "200MB"
    )
    assert stdout == ""
    assert [json.loads(line) for line in target.read_text().splitlines()] == [REDIAL]


def test_format_option_overrides_the_extension(tmp_path):
    path = write_log(tmp_path, name="contacts.txt")
    with pytest.raises(CommandError, match="extension"):
        run(path)
    stdout, _ = run(path, "--format", "csv")
    assert json.loads(stdout) == REDIAL


def test_unreadable_input_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "absent.csv")
    (tmp_path / "cols.csv").write_text("when,who\n")
    with pytest.raises(CommandError, match="missing column"):
        run(tmp_path / "cols.csv")


def test_rulebook_in_force_sets_the_thresholds(tmp_path, rulebooks):
    """RULES 7.1: the rulebook in force raises redial_count to 4, so 3 calls no longer flag."""
    rulebooks("taobao-003-hiding", "redial_count = 3", "redial_count = 4")
    stdout, _ = run(write_log(tmp_path))
    assert stdout == ""


def test_rulebook_option_picks_a_version(tmp_path, rulebooks):
    rulebooks("taobao-003-hiding", "redial_count = 3", "redial_count = 4")
    stdout, _ = run(write_log(tmp_path), "--rulebook", "taobao-002-rule-text")
    assert json.loads(stdout) == REDIAL


def test_rulebook_with_bad_contact_patterns_is_a_command_error(tmp_path, rulebooks):
    rulebooks("taobao-003-hiding", "burst_count = 5", "bursts = 2")
    with pytest.raises(CommandError, match="unknown contact pattern setting"):
        run(write_log(tmp_path))


def test_an_unknown_rulebook_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="--rulebook 2026-03"):
        run(write_log(tmp_path), "--rulebook", "2026-03")


def test_progress_is_shown_on_a_terminal_only(tmp_path):
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
