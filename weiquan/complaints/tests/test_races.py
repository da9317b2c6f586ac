"""Concurrent actions on one case cannot both win (issue 3 §8)."""

import threading

import pytest
from django.db import connection

from weiquan.complaints import services
from weiquan.complaints.models import Complaint
from weiquan.errors import Conflict
from weiquan.members.models import Member
from weiquan.penalties.models import LedgerEntry


def race(*actions):
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(i, action):
        barrier.wait()
        try:
            action()
            outcomes[i] = "won"
        except Conflict as exc:
            outcomes[i] = exc.code
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_a_decision_and_a_withdrawal_racing_exactly_one_wins(seller, staff, file_complaint, attempt):
    complaint = file_complaint()
    seller.post(f"/complaints/{complaint['id']}/answer", {"choice": "B", "explanation": "x"})
    handler = Member.objects.get(username="handler")
    buyer = Member.objects.get(username="buyer_li")
    outcomes = race(
        lambda: services.decide_complaint(handler, complaint["id"], established=True, tier="serious", reason="r"),
        lambda: services.withdraw_complaint(buyer, complaint["id"]),
    )
    assert sorted(outcomes) in (["already_decided", "won"], ["already_withdrawn", "won"])
    state = Complaint.objects.get(pk=complaint["id"]).state
    if outcomes[0] == "won":
        assert state == "established" and LedgerEntry.objects.count() == 1
    else:
        assert state == "withdrawn" and LedgerEntry.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_staff_deciding_at_once_penalise_once(seller, staff, file_complaint):
    complaint = file_complaint()
    seller.post(f"/complaints/{complaint['id']}/answer", {"choice": "B", "explanation": "x"})
    handler = Member.objects.get(username="handler")
    other = Member.objects.create(username="handler2", role=Member.Role.STAFF)
    outcomes = race(
        lambda: services.decide_complaint(handler, complaint["id"], established=True, tier="serious", reason="a"),
        lambda: services.decide_complaint(other, complaint["id"], established=True, tier="general", reason="b"),
    )
    assert sorted(outcomes) == ["already_decided", "won"]
    assert LedgerEntry.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_filings_of_the_same_complaint_at_once_store_one(make_trade, buyer):
    """One open harassment complaint per trade and complainant, even under a double submit."""
    make_trade("T1")
    member = Member.objects.get(username="buyer_li")

    def file():
        try:
            services.file_complaint(member, "T1", entry="order_list", reason="r", behaviours=["abuse"])
        except services.NotEligible as exc:
            raise Conflict(exc.code) from exc

    outcomes = race(file, file)
    assert sorted(outcomes) == ["duplicate_complaint", "won"]
    assert Complaint.objects.count() == 1
