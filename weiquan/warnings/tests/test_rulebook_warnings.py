"""The `[warnings]` rulebook table (RULES 7.1, 9): every type, evidence rule, threshold
and the complaint centre's deadline are data, validated at load."""

from pathlib import Path

import pytest

from weiquan.rulebook.registry import all_rulebooks
from weiquan.rulebook.schema import RulebookInvalid, parse_rulebook

BOOK = Path(__file__).resolve().parents[2] / "rulebook" / "books" / "taobao-003-hiding.toml"


def test_every_shipped_rulebook_has_warning_rules():
    for book in all_rulebooks().values():
        rules = book.warnings
        assert rules is not None, book.id
        assert rules.complaint_decision.unit == "working" and 1 <= rules.complaint_decision.days <= 3  # RULES 9.5
        assert rules.types["review_extortion"] is True and rules.types["platform_risk"] is False
        assert set(rules.detectors) == {"refund_abuse", "new_account_burst", "shared_identity",
                                        "review_extortion"}
        assert rules.money_keywords


def write_variant(tmp_path, old, new):
    text = BOOK.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "taobao-003-hiding.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "field"), [
    ("min_claim_percent = 60", "min_claim_percent = 160", "warnings.detectors.refund_abuse.min_claim_percent"),
    ("min_accounts = 3", "min_accounts = 0", "warnings.detectors.shared_identity.min_accounts"),
    ("refund_abuse = { evidence_required = false }", "refund_abuse = { evidence = false }",
     "warnings.types.refund_abuse.evidence"),
    ("review_extortion = { evidence_required = true }", "", "warnings.detectors.review_extortion.(table)"),
    ('money_keywords = ["赔偿", "补偿", "返现", "红包", "转账", "给钱"]', "money_keywords = []",
     "warnings.detectors.review_extortion.money_keywords"),
    ('complaint_decision = { days = 3, unit = "working" }', 'complaint_decision = { days = 3, unit = "moons" }',
     "warnings.complaint_decision.unit"),
    ("lookback_days = 30", "lookback_days = 30\nsurprise = 1", "warnings.surprise"),
])
def test_a_bad_warnings_table_names_the_field(tmp_path, old, new, field):
    with pytest.raises(RulebookInvalid) as error:
        parse_rulebook(write_variant(tmp_path, old, new))
    assert error.value.field_name == field


def test_a_rulebook_without_warnings_still_loads(tmp_path):
    text = BOOK.read_text(encoding="utf-8")
    path = tmp_path / "taobao-003-hiding.toml"
    path.write_text(text[: text.index("[warnings]")], encoding="utf-8")
    assert parse_rulebook(path).warnings is None
