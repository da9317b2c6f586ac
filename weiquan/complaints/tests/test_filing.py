"""Filing a harassment complaint: who may, when, and what is recorded (RULES 1.2, 3)."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from conftest import trade_body
from weiquan.complaints.models import Complaint


def file(client, trade_id="T1", **overrides):
    body = {"trade_id": trade_id, "entry": "order_list", "reason": "半夜打电话骂人",
            "behaviours": ["frequent_contact"]}
    body.update(overrides)
    return client.post("/complaints", body)


def assert_refused(response, code, status=422):
    assert response.status_code == status, response.content
    assert response.json()["code"] == code
    assert response.json()["message"]


@pytest.mark.parametrize("entry", ["order_list", "rights_centre"])
def test_both_entry_paths_reach_the_same_filing_and_the_entry_is_recorded(buyer, make_trade, entry):
    """RULES 3.2"""
    make_trade("T1")
    response = file(buyer, entry=entry)
    assert response.status_code == 201
    complaint = buyer.get(f"/complaints/{response.json()['id']}").json()
    assert complaint["entry"] == entry
    assert complaint["behaviours"] == ["frequent_contact"]


def test_filing_sets_deadlines_from_the_rulebook(buyer, make_trade):
    """RULES 4.1 (3 calendar days to answer), 5.1 (4 working days to decide)."""
    make_trade("T1")
    before = timezone.now()
    body = file(buyer).json()
    answer_due = datetime.datetime.fromisoformat(body["answer_due"])
    # JSON carries milliseconds, hence the 1 ms of slack.
    assert datetime.timedelta(days=3, milliseconds=-1) <= answer_due - before < datetime.timedelta(days=3, seconds=5)
    assert datetime.datetime.fromisoformat(body["decision_due"]) >= before + datetime.timedelta(days=4)


def test_an_unfinished_trade_cannot_be_complained_about(buyer, make_trade):
    """RULES 3.1: the trade must be successful."""
    make_trade("T1", status="shipped", succeeded_at=None)
    assert_refused(file(buyer), "trade_not_successful")


def test_the_window_closes_15_days_after_success(buyer, make_trade):
    """RULES 3.1: 0-15 days after the trade succeeded."""
    make_trade("T1", succeeded_at=(timezone.now() - datetime.timedelta(days=15, minutes=1)).isoformat())
    assert_refused(file(buyer), "window_closed")
    make_trade("T2", succeeded_at=(timezone.now() - datetime.timedelta(days=14, hours=23)).isoformat())
    assert file(buyer, "T2").status_code == 201


def test_the_mall_channel_is_excluded(buyer, make_trade):
    """RULES 3.1 (003): not a Tmall trade."""
    make_trade("T1", channel="tmall")
    assert_refused(file(buyer), "channel_excluded")


@pytest.mark.parametrize("buyer_review, seller_review", [("positive", "positive"), (None, "positive"), ("negative", None)])
def test_a_neutral_or_negative_review_and_mutual_review_are_required(buyer, make_trade, buyer_review, seller_review):
    """RULES 3.1 (003): the buyer reviewed neutral/negative and both sides reviewed."""
    make_trade("T1", buyer_review=buyer_review, seller_review=seller_review)
    assert_refused(file(buyer), "review_required")


def test_the_rule_text_variant_has_no_review_condition(buyer, make_trade):
    """RULES 3.1 (002 says only: within 15 days of success); RULES 7.2."""
    call_command("rulebook", "activate", "taobao-002-rule-text")
    make_trade("T1", buyer_review="positive", seller_review=None, channel="tmall")
    response = file(buyer)
    assert response.status_code == 201 and response.json()["rulebook"] == "taobao-002-rule-text"


def test_a_stranger_is_not_a_party(stranger, make_trade):
    make_trade("T1")
    assert_refused(file(stranger), "not_a_party")


def test_the_seller_cannot_complain_about_its_own_trade(seller, make_trade):
    make_trade("T1")
    assert_refused(file(seller), "not_a_party")


def test_a_member_may_file_for_an_associated_person_with_the_relation_recorded(stranger, make_trade):
    """RULES 1.2: people associated with the member and their work units may be harassed too."""
    make_trade("T1")
    response = file(stranger, relation="associate", harassed_person="李女士（买家的母亲）")
    assert response.status_code == 201
    complaint = stranger.get(f"/complaints/{response.json()['id']}").json()
    assert (complaint["relation"], complaint["harassed_person"]) == ("associate", "李女士（买家的母亲）")
    assert complaint["respondent"] == "seller_wang"


def test_filing_for_someone_else_needs_their_name(stranger, make_trade):
    make_trade("T1")
    assert_refused(file(stranger, relation="work_unit", harassed_person=" "), "invalid_input")


def test_one_open_complaint_per_trade_and_complainant(buyer, make_trade):
    make_trade("T1")
    first = file(buyer)
    assert first.status_code == 201
    assert_refused(file(buyer), "duplicate_complaint")
    buyer.post(f"/complaints/{first.json()['id']}/withdraw")
    assert file(buyer).status_code == 201  # a withdrawn one no longer blocks


@pytest.mark.parametrize("overrides", [
    {"behaviours": []}, {"behaviours": ["shouting"]}, {"reason": ""}, {"entry": "homepage"}, {"trade_id": None},
])
def test_bad_input_gets_invalid_input_and_nothing_is_stored(buyer, make_trade, overrides):
    make_trade("T1")
    assert_refused(file(buyer, **overrides), "invalid_input")
    assert not Complaint.objects.exists()


def test_an_unknown_trade_is_not_found(buyer):
    assert_refused(file(buyer, "NOPE"), "not_found", status=404)


def test_messages_are_translated_and_codes_stable(buyer, make_trade):
    """Errors carry a stable code and a message in the reader's language (zh-Hans by default)."""
    make_trade("T1", channel="tmall")
    zh = buyer.client.post("/api/v1/complaints", {"trade_id": "T1", "entry": "order_list", "reason": "x",
                                                  "behaviours": ["abuse"]},
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    en = file(buyer)
    assert zh.json()["code"] == en.json()["code"] == "channel_excluded"
    assert zh.json()["message"] != en.json()["message"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh.json()["message"])


def test_filing_notifies_the_seller_with_its_deadline(buyer, make_trade):
    from weiquan.notifications.models import Notification

    make_trade("T1")
    file(buyer)
    assert Notification.objects.filter(recipient__username="seller_wang", kind="complaint_filed_respondent").exists()
    assert trade_body()["seller"] == "seller_wang"
