"""`manage.py screen_messages`: JSON Lines in, one JSON line out per input, in order.

These tests have no `db` fixture: pytest-django refuses any database access in them, so a
passing run also shows the command touches no database.
"""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[3]


def run(lines):
    stdin = io.StringIO("".join(line + "\n" for line in lines))
    stdout = io.StringIO()
    call_command("screen_messages", stdin=stdin, stdout=stdout)
    return [json.loads(line) for line in stdout.getvalue().splitlines()]


def test_one_output_line_per_input_in_order():
    out = run(
        [
            json.dumps({"id": "a", "text": "不删差评就上门砍死你"}, ensure_ascii=False),
            json.dumps({"id": 2, "text": "亲，明天上门取件"}, ensure_ascii=False),
            json.dumps({"id": None, "text": "你个sb"}, ensure_ascii=False),
        ]
    )
    assert [o["id"] for o in out] == ["a", 2, None]
    assert out[0]["labels"] == ["review_pressure", "threat"]
    assert out[1]["labels"] == [] and out[1]["spans"] == []
    assert out[2]["labels"] == ["abuse"]
    assert set(out[0]) == {"id", "labels", "scores", "spans"}
    assert set(out[0]["scores"]) == {"abuse", "doxxing", "review_pressure", "sexual", "threat"}


def test_spans_index_the_original_text():
    text = "喂，上 门 砍 死 你"
    (out,) = run([json.dumps({"id": 1, "text": text}, ensure_ascii=False)])
    for span in out["spans"]:
        assert text[span["start"] : span["end"]] == span["text"]


def test_malformed_lines_get_an_error_and_the_run_goes_on():
    out = run(
        [
            "not json",
            json.dumps({"id": 7, "text": 5}),
            json.dumps([1, 2]),
            json.dumps({"id": 8}),
            '{"id": 9, "text": "傻逼"',  # truncated
            json.dumps({"id": 10, "text": "傻逼"}, ensure_ascii=False),
        ]
    )
    assert len(out) == 6
    assert [o.get("id") for o in out] == [None, 7, None, 8, None, 10]
    assert all("error" in o and "labels" not in o for o in out[:5])
    assert out[5]["labels"] == ["abuse"]


def test_blank_lines_are_skipped():
    out = run(["", json.dumps({"id": 1, "text": "你好"}), "   "])
    assert [o["id"] for o in out] == [1]


def test_runs_as_a_subprocess_without_a_database(tmp_path):
    # An unreachable database URL: the command must not need it.
    env = dict(os.environ, DATABASE_URL="postgres://nobody@127.0.0.1:1/none")
    lines = "\n".join(
        json.dumps({"id": i, "text": t}, ensure_ascii=False) for i, t in enumerate(["傻逼", "好的"])
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "screen_messages"],
        input=lines + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["labels"] for o in out] == [["abuse"], []]


def test_clean_lines_are_the_same_json_as_the_general_path():
    # Clean messages take a pre-serialised shortcut; it must read back like any other line.
    from weiquan.screening.screener import screen

    (out,) = run([json.dumps({"id": {"shop": 7, "n": "消息"}, "text": "你好"}, ensure_ascii=False)])
    expected = screen("你好").as_dict()
    assert out == {"id": {"shop": 7, "n": "消息"}, **expected}


def test_order_and_errors_hold_across_batches():
    # Lines are screened in batches of 512: an error line keeps its place in every batch.
    lines = []
    for number in range(1100):
        if number % 97 == 0:
            lines.append("{not json")
        else:
            text = "你个傻逼" if number % 5 == 0 else f"第{number}单什么时候发货"
            lines.append(json.dumps({"id": number, "text": text}, ensure_ascii=False))
    out = run(lines)
    assert len(out) == 1100
    for number, record in enumerate(out):
        if number % 97 == 0:
            assert record["id"] is None and record["error"].startswith(f"line {number + 1}:")
        else:
            assert record["id"] == number
            assert record["labels"] == (["abuse"] if number % 5 == 0 else [])


def test_rules_only_screens_without_the_model():
    # A message the rules alone judge clean but the model labels (new wording, no entry).
    line = json.dumps({"id": 1, "text": "你这种人活着就是浪费空气，晦气"}, ensure_ascii=False)
    stdout = io.StringIO()
    call_command("screen_messages", "--rules-only", stdin=io.StringIO(line + "\n"), stdout=stdout)
    rules_only = json.loads(stdout.getvalue())
    assert rules_only["labels"] == []
    assert run([line])[0]["labels"] == ["abuse"]
