"""The [contact_gate] table is rulebook data, validated at load (RULES 7.1)."""

import re
from pathlib import Path

import pytest

from weiquan.rulebook.registry import reload_rulebooks
from weiquan.rulebook.schema import RulebookInvalid, parse_rulebook

BOOKS = Path(__file__).resolve().parents[2] / "rulebook" / "books"
SOURCE = BOOKS / "taobao-003-hiding.toml"


def variant(tmp_path, old, new):
    path = tmp_path / SOURCE.name
    text = SOURCE.read_text(encoding="utf-8")
    assert re.search(old, text, re.M), old
    path.write_text(re.sub(old, new, text, count=1, flags=re.M), encoding="utf-8")
    return path


def test_every_shipped_rulebook_has_a_contact_gate():
    for path in BOOKS.glob("*.toml"):
        gate = parse_rulebook(path).contact_gate
        assert gate is not None and gate.caps_for("call"), path


@pytest.mark.parametrize("old, new, field", [
    (r'^quiet_start = .*$', 'quiet_start = "10pm"', "contact_gate.quiet_start"),
    (r'^quiet_channels = .*$', 'quiet_channels = ["fax"]', "contact_gate.quiet_channels"),
    (r'^timezone = "Asia/Shanghai"\n(?=quiet_start)', 'timezone = "Moon/Base"\n', "contact_gate.timezone"),
    (r'\{ channel = "sms", count = 3, minutes = 60 \}', '{ channel = "sms", count = 3, minutes = 0 }',
     "contact_gate.caps[2].minutes"),
    (r'\{ channel = "sms", count = 3, minutes = 60 \}', '{ channel = "sms", count = -1, minutes = 60 }',
     "contact_gate.caps[2].count"),
    (r'^unanswered_reset_minutes = \d+', 'unanswered_reset_minutes = 0', "contact_gate.unanswered_reset_minutes"),
    (r'^binding_days_after_trade_end = \d+', 'binding_days_after_trade_end = "15"',
     "contact_gate.binding_days_after_trade_end"),
    (r'^complaint_open_channels = .*$', 'complaint_open_channels = ["im"]\nsurprise = 1', "contact_gate.surprise"),
])
def test_a_bad_contact_gate_names_the_field(tmp_path, old, new, field):
    with pytest.raises(RulebookInvalid) as failure:
        parse_rulebook(variant(tmp_path, old, new))
    assert failure.value.field_name == field


def test_without_the_table_the_gate_says_it_is_not_configured(tmp_path, settings, platform, make_trade):
    make_trade(buyer_review="positive")
    variant(tmp_path, r"^\[contact_gate\][\s\S]*\Z", "")  # the same book without the table
    settings.WEIQUAN_RULEBOOK_DIRS = [tmp_path]
    reload_rulebooks()
    try:
        response = platform.post("/contact-gate", {"trade_id": "T1001", "caller": "seller_wang",
                                                   "callee": "buyer_li", "channel": "call"})
        assert response.status_code == 503 and response.json()["code"] == "gate_not_configured"
    finally:
        settings.WEIQUAN_RULEBOOK_DIRS = [BOOKS]
        reload_rulebooks()
