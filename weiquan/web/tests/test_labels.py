"""Every action the code base records has a human label (a new action without one fails
here), and the trail's states and data read as words, not codes."""

import ast
import json
from pathlib import Path

from django.test import Client
from django.utils import translation

import weiquan
from weiquan import labels
from weiquan.members.models import Member

SOURCE = Path(weiquan.__file__).parent


def _strings(node):
    return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def recorded_actions():
    """Action strings passed to record(...)/record_for_rows(...) and every `action=` literal
    that looks like an audit code (`thing.verb`), outside tests and migrations."""
    found = {}
    for path in SOURCE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            codes = set()
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in ("record", "record_for_rows"):
                    if len(node.args) > 1:
                        codes |= _strings(node.args[1])
                    codes |= {s for k in node.keywords if k.arg == "action" for s in _strings(k.value)}
            elif isinstance(node, ast.keyword) and node.arg == "action":
                codes |= {s for s in _strings(node.value) if "." in s}
            for code in codes:
                found.setdefault(code, f"{path.relative_to(SOURCE.parent)}:{node.lineno if hasattr(node, 'lineno') else ''}")
    return found


def test_the_scan_finds_the_actions_it_should():
    found = recorded_actions()
    # Positional, keyword (sweeps) and conditional forms are all seen.
    assert {"complaint.filed", "complaint.answer_missed", "warning.raised",
            "protection.enabled", "protection.disabled", "penalty.imposed"} <= set(found)
    assert "store_true" not in found  # argparse's action= is not an audit code


def test_every_recorded_action_has_a_label():
    missing = {code: where for code, where in recorded_actions().items() if code not in labels.ACTIONS}
    assert not missing, f"add these to weiquan/labels.py ACTIONS: {missing}"


def test_labels_are_translated_and_unknown_codes_fall_back():
    with translation.override("zh-hans"):
        assert labels.action_label("complaint.filed") == "提交投诉"
        assert labels.state_label("awaiting_answer", "complaint") != "awaiting_answer"
        assert labels.action_label("something.new") == "something.new"
        assert labels.state_label("odd_state", "complaint") == "odd_state"


def test_data_reads_as_labelled_pairs():
    data = json.dumps({"behaviours": ["abuse", "threat"], "tier": "serious", "accepted": False,
                       "points": 12, "odd_key": "x", "entry": "order_list"}, sort_keys=True)
    with translation.override("en"):
        rows = dict(labels.data_rows(data))
    assert rows["behaviours"] == "cursing and insults; threats of violence, exposure or death"
    assert rows["tier"] == "serious" and rows["accepted"] == "no" and rows["points"] == "12"
    assert rows["way in"] == "from my orders" and rows["odd_key"] == "x"
    assert labels.data_rows("not json") == [("", "not json")]


def test_the_admin_list_names_the_action(file_complaint):
    file_complaint()
    admin = Member.objects.create(username="root", is_staff=True, is_superuser=True)
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(admin)
    response = client.get("/admin/audit/auditentry/")
    assert response.status_code == 200
    assert "提交投诉 (complaint.filed)" in response.content.decode()
