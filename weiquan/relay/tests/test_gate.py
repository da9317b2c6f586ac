"""The contact gate through the API, on both backends (RULES 2.2 a, 10.3)."""

import datetime
import threading

import pytest
from django.db import connection
from django.test import Client

from weiquan.relay.models import ContactAttempt
from weiquan.relay.services import drain_contact_log

from .conftest import local

H = datetime.timedelta(hours=1)


def test_a_seller_may_call_its_buyer_in_the_daytime_and_the_attempt_is_logged(gate, make_trade):
    """RULES 10.3, 3.3: contact within the rules passes, and every attempt is in the log."""
    make_trade(buyer_review="positive")
    answer = gate()
    assert answer["decision"] == "allow" and answer["reason"] == "ok"
    drain_contact_log()
    logged = ContactAttempt.objects.get(attempt_id=answer["attempt_id"])
    assert (logged.channel, logged.allowed, logged.reason) == ("call", True, "ok")


def test_quiet_hours_are_in_the_callees_time(gate, make_trade, buyer):
    """RULES 10.3: do not contact at night (22:00-08:00 in the rulebook)."""
    make_trade(buyer_review="positive")
    assert gate(at=local(hour=23))["reason"] == "quiet_hours"
    assert gate(at=local(hour=7, minute=59), channel="sms")["reason"] == "quiet_hours"
    assert gate(at=local(hour=23), channel="im")["decision"] == "allow"  # IM is not a quiet channel
    assert gate(at=local(hour=8))["decision"] == "allow"
    # 23:00 in Shanghai is 16:00 in Berlin: a buyer living there may be called.
    assert buyer.put("/me/contact-preferences", {"channels": ["call", "sms", "im"],
                                                 "timezone": "Europe/Berlin"}).status_code == 200
    assert gate(at=local(hour=23, minute=30))["decision"] == "allow"


def test_calls_are_capped_per_window(gate, outcome, make_trade):
    """RULES 2.2 a "many calls in a short time": 3 an hour, 5 a day."""
    make_trade(buyer_review="positive")
    start = local(hour=9)
    for i in range(3):
        answer = gate(at=start + i * datetime.timedelta(minutes=10))
        assert answer["decision"] == "allow"
        outcome(answer["attempt_id"])  # answered, so only the cap is in play
    assert gate(at=start + 30 * datetime.timedelta(minutes=1))["reason"] == "cap_reached"
    assert gate(at=start + 30 * datetime.timedelta(minutes=1), channel="im")["decision"] == "allow"
    later = start + H + datetime.timedelta(minutes=1)  # the first call left the hour window
    answer = gate(at=later)
    assert answer["decision"] == "allow"
    outcome(answer["attempt_id"])
    answer = gate(at=later + 2 * H)
    assert answer["decision"] == "allow"  # the fifth of the day
    outcome(answer["attempt_id"])
    assert gate(at=later + 4 * H)["reason"] == "cap_reached"  # the daily cap of 5
    assert gate(at=start + 24 * H + datetime.timedelta(minutes=30))["decision"] == "allow"


def test_sms_have_their_own_cap(gate, make_trade):
    """RULES 2.2 a "many SMS in a short time": a cap of its own, apart from calls."""
    make_trade(buyer_review="positive")
    for i in range(3):
        assert gate(channel="sms", at=local() + i * datetime.timedelta(minutes=1))["decision"] == "allow"
    assert gate(channel="sms", at=local() + 5 * datetime.timedelta(minutes=1))["reason"] == "cap_reached"
    assert gate(channel="call", at=local() + 5 * datetime.timedelta(minutes=1))["decision"] == "allow"


def test_caps_count_per_person_across_their_trades(gate, make_trade):
    """RULES 2.2 a: it is the buyer who is harassed, whichever order the seller calls about."""
    make_trade("T1001", buyer_review="positive")
    make_trade("T1002", buyer_review="positive")
    at = local()
    assert [gate(trade_id=t, channel="sms", at=at)["decision"] for t in ("T1001", "T1002", "T1001")] == [
        "allow"] * 3
    assert gate(trade_id="T1002", channel="sms", at=at)["reason"] == "cap_reached"


def test_no_new_call_after_a_run_of_unanswered_ones(gate, outcome, make_trade):
    """RULES 10.3: do not call again and again when the buyer does not answer."""
    make_trade(buyer_review="positive")
    start = local(hour=9)
    for i in range(3):
        answer = gate(at=start + i * 2 * H)
        assert answer["decision"] == "allow"
        outcome(answer["attempt_id"], answered=False)
    assert gate(at=start + 6 * H)["reason"] == "unanswered_run"
    assert gate(at=start + 6 * H, channel="im")["decision"] == "allow"
    # A day after the last unanswered call, the run is over.
    assert gate(at=start + 4 * H + 24 * H + datetime.timedelta(minutes=1))["decision"] == "allow"


def test_an_answered_call_ends_the_run(gate, outcome, make_trade):
    """RULES 10.3: the run is of *unanswered* calls; the provider's outcome ends it."""
    make_trade(buyer_review="positive")
    start = local(hour=9)
    first, second = gate(at=start), gate(at=start + 2 * H)
    outcome(first["attempt_id"], answered=False)
    outcome(second["attempt_id"], answered=False)
    third = gate(at=start + 4 * H)
    outcome(third["attempt_id"], answered=True, duration_seconds=95)
    assert gate(at=start + 6 * H)["decision"] == "allow"


def test_after_a_negative_review_only_im_while_cooling_off(gate, make_trade):
    """RULES 2.2 a: harassment usually follows a neutral/negative review."""
    make_trade(buyer_review="negative")
    assert gate(at=local(days=1))["reason"] == "review_cooling_off"
    assert gate(at=local(days=1), channel="sms")["reason"] == "review_cooling_off"
    assert gate(at=local(days=1), channel="im")["decision"] == "allow"
    # The buyer may still call the seller, and after 7 days the seller may call again.
    assert gate(caller="buyer_li", callee="seller_wang", at=local(days=1))["decision"] == "allow"
    assert gate(at=local(days=8))["decision"] == "allow"


def test_an_open_complaint_leaves_only_im_and_a_penalty_leaves_nothing(
    gate, file_complaint, seller, staff
):
    """RULES 2.2, 5.3: while a harassment complaint against the seller is open only IM; once
    it is established and penalised, no contact at all; a penalty reversed on appeal lifts it."""
    filed = file_complaint()
    day = local(days=9)  # past the review cooling-off, to isolate the complaint rules
    assert gate(at=day)["reason"] == "complaint_open"
    assert gate(at=day, channel="sms")["reason"] == "complaint_open"
    assert gate(at=day, channel="im")["decision"] == "allow"
    seller.post(f"/complaints/{filed['id']}/answer", {"choice": "B", "explanation": "没有骚扰"})
    decided = staff.post(f"/complaints/{filed['id']}/decision",
                         {"established": True, "tier": "serious", "reason": "多次来电",
                          "behaviours_found": ["frequent_contact"]})
    assert decided.status_code == 200, decided.content
    assert gate(at=day, channel="im")["reason"] == "penalised_for_harassment"
    assert gate(at=day)["reason"] == "penalised_for_harassment"
    penalty_id = seller.get("/sellers/seller_wang/penalties").json()["penalties"][0]["id"]
    appeal = seller.post(f"/penalties/{penalty_id}/appeal", {"reason": "买家已同意撤销"})
    staff.post(f"/appeals/{appeal.json()['id']}/decision", {"upheld": True, "reason": "证据成立"})
    assert gate(at=day)["decision"] == "allow"


def test_a_withdrawn_complaint_lifts_the_im_only_rule(gate, file_complaint, buyer):
    """RULES 4.3: a withdrawn complaint is no longer open."""
    filed = file_complaint()
    day = local(days=9)
    assert gate(at=day)["reason"] == "complaint_open"
    assert buyer.post(f"/complaints/{filed['id']}/withdraw").status_code == 200
    assert gate(at=day)["decision"] == "allow"


def test_the_buyers_own_choice_messages_only(gate, make_trade, buyer, stranger):
    """RULES 10.3 "prefer IM", as the buyer's own setting."""
    make_trade(buyer_review="positive")
    assert buyer.get("/me/contact-preferences").json() == {"channels": ["call", "sms", "im"], "timezone": ""}
    response = buyer.put("/me/contact-preferences", {"channels": ["im"]})
    assert response.json() == {"channels": ["im"], "timezone": ""}
    assert gate()["reason"] == "callee_preference"
    assert gate(channel="sms")["reason"] == "callee_preference"
    assert gate(channel="im")["decision"] == "allow"
    assert buyer.put("/me/contact-preferences", {"channels": []}).status_code == 422
    assert buyer.put("/me/contact-preferences", {"channels": ["im"], "timezone": "Mars/Base"}).status_code == 422
    # One member's choice is its own: the stranger's settings do not change the buyer's.
    stranger.put("/me/contact-preferences", {"channels": ["call"]})
    assert gate(channel="im")["decision"] == "allow"


def test_only_the_two_parties_of_the_trade_pass(gate, make_trade, stranger, seller):
    """RULES 10.2: the relay connects a trade's buyer and seller, nobody else."""
    make_trade(buyer_review="positive")
    assert gate(caller="stranger_zhao")["reason"] == "not_a_party"
    assert gate(trade_id="NO-SUCH", expect=404)["code"] == "not_found"
    assert gate(callee="nobody", expect=404)["code"] == "unknown_member"
    assert gate(callee="seller_wang", expect=422)["code"] == "invalid_input"
    # Only the marketplace asks the gate.
    response = seller.post("/contact-gate", {"trade_id": "T1001", "caller": "seller_wang",
                                             "callee": "buyer_li", "channel": "call"})
    assert response.status_code == 403


def test_outcomes_are_reported_once_for_allowed_attempts(gate, outcome, make_trade):
    """RULES 3.3: call outcomes (answered, duration) complete the call record."""
    make_trade(buyer_review="positive")
    allowed = gate()
    body = outcome(allowed["attempt_id"], answered=True, duration_seconds=42)
    assert (body["answered"], body["duration_seconds"]) == (True, 42)
    assert outcome(allowed["attempt_id"], expect=409)["code"] == "outcome_already_reported"
    denied = gate(at=local(hour=23))
    assert outcome(denied["attempt_id"], expect=409)["code"] == "attempt_denied"
    assert outcome("CA-NOPE", expect=404)["code"] == "not_found"


def test_messages_sent_through_the_platform_are_stored_for_im_evidence_numbers(gate, make_trade, buyer):
    """RULES 3.3: an IM evidence number resolves to the platform's own stored chat log."""
    make_trade(buyer_review="positive")
    sent = gate(channel="im", message_id="M-1", text="你再给差评试试")
    assert sent["decision"] == "allow"
    response = buyer.post("/evidence-numbers", {"message_ids": ["M-1"]})
    assert response.status_code == 201, response.content
    assert response.json()["messages"][0]["text"] == "你再给差评试试"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("racers", [2, 6])
def test_calls_racing_for_the_last_slot_let_exactly_one_through(gate, make_trade, platform, racers):
    """RULES 10.3 caps hold under concurrency: two SMS of a cap of 3 an hour are used, then
    several arrive at once for the last one."""
    make_trade(buyer_review="positive")
    at = local()
    assert [gate(channel="sms", at=at)["decision"] for _ in range(2)] == ["allow", "allow"]
    token = platform.token
    barrier = threading.Barrier(racers)
    results = []

    def attempt():
        try:
            client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
            barrier.wait()
            response = client.post("/api/v1/contact-gate", {
                "trade_id": "T1001", "caller": "seller_wang", "callee": "buyer_li", "channel": "sms",
                "at": at.isoformat()}, content_type="application/json")
            results.append(response.json()["decision"] if response.status_code == 200 else response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(racers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["allow"] + ["deny"] * (racers - 1)
    drain_contact_log()
    assert ContactAttempt.objects.filter(allowed=True).count() == 3
    assert set(ContactAttempt.objects.filter(allowed=False).values_list("reason", flat=True)) == {"cap_reached"}
