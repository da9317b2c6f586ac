"""The worker moves cases along by itself, once, however many workers run (issue 3 §11)."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from weiquan.audit.models import AuditEntry
from weiquan.complaints.models import Complaint
from weiquan.notifications.models import Notification
from weiquan.penalties.models import Appeal

ROOT = Path(__file__).resolve().parents[3]


def past():
    return timezone.now() - datetime.timedelta(minutes=1)


def test_no_answer_by_the_deadline_moves_the_case_on_recorded_as_such(file_complaint, capsys):
    """RULES 4.1"""
    complaint = file_complaint()
    Complaint.objects.filter(pk=complaint["id"]).update(answer_due=past())
    call_command("run_worker", "--once")
    case = Complaint.objects.get(pk=complaint["id"])
    assert case.state == "awaiting_decision" and case.answer_missed
    entry = AuditEntry.objects.get(action="complaint.answer_missed")
    assert (entry.from_state, entry.to_state, entry.actor_label) == ("awaiting_answer", "awaiting_decision",
                                                                     "deadline worker")
    assert entry.rulebook == "taobao-003-hiding"
    assert set(Notification.objects.filter(kind="answer_missed").values_list("recipient__username", flat=True)) == {
        "buyer_li", "seller_wang"}
    assert "answers_missed=1" in capsys.readouterr().out


def test_a_missed_decision_deadline_is_flagged_for_staff_once(staff, seller, file_complaint):
    """RULES 5.1: staff decide within 4 working days; a miss is flagged."""
    complaint = file_complaint()
    seller.post(f"/complaints/{complaint['id']}/answer", {"choice": "A", "explanation": "x"})
    Complaint.objects.filter(pk=complaint["id"]).update(decision_due=past())
    call_command("run_worker", "--once")
    call_command("run_worker", "--once")
    assert Complaint.objects.get(pk=complaint["id"]).decision_overdue
    assert Notification.objects.filter(kind="decision_overdue", recipient__username="handler").count() == 1
    assert AuditEntry.objects.filter(action="complaint.decision_overdue").count() == 1


def test_an_overdue_appeal_review_is_flagged(staff, seller, file_complaint):
    """RULES 8.2: review within 3 working days."""
    complaint = file_complaint()
    seller.post(f"/complaints/{complaint['id']}/answer", {"choice": "B", "explanation": "x"})
    staff.post(f"/complaints/{complaint['id']}/decision", {"established": True, "tier": "serious", "reason": "r"})
    penalty_id = seller.get("/sellers/seller_wang/penalties").json()["penalties"][0]["id"]
    appeal = seller.post(f"/penalties/{penalty_id}/appeal", {"reason": "x"}).json()
    Appeal.objects.filter(pk=appeal["id"]).update(review_due=past())
    call_command("run_worker", "--once")
    assert Appeal.objects.get(pk=appeal["id"]).review_overdue
    assert Notification.objects.filter(kind="appeal_overdue").count() == 1


def test_notifications_are_mailed_once_in_the_recipients_language(buyer, file_complaint):
    buyer.member.language = "en"
    buyer.member.save()
    file_complaint()
    call_command("run_worker", "--once")
    call_command("run_worker", "--once")
    assert len(mail.outbox) == Notification.objects.count() == 2
    assert {m.to[0] for m in mail.outbox} == {"buyer_li@example.com", "seller_wang@example.com"}
    assert all(n.email_state == "sent" for n in Notification.objects.all())


def test_a_pass_seals_the_audit_trail(file_complaint):
    file_complaint()
    call_command("run_worker", "--once")
    assert not AuditEntry.objects.filter(seq__isnull=True).exists()


def database_url():
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    return f"postgres://{settings['USER'] or 'postgres'}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_never_double_process(file_complaint, make_trade, tmp_path):
    for i in range(12):
        file_complaint(f"T{i}")
    Complaint.objects.update(answer_due=past())
    env = {**os.environ, "DATABASE_URL": database_url(), "EMAIL_FILE_PATH": str(tmp_path / "mail"),
           "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend"}
    workers = [subprocess.Popen([sys.executable, "manage.py", "run_worker", "--once"], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [w.communicate(timeout=120) for w in workers]
    assert all(w.returncode == 0 for w in workers), outputs
    assert set(Complaint.objects.values_list("state", flat=True)) == {"awaiting_decision"}
    assert AuditEntry.objects.filter(action="complaint.answer_missed").count() == 12
    assert Notification.objects.filter(kind="answer_missed").count() == 24
    mailed = sum(path.read_text().count("\nSubject: ") + path.read_text().startswith("Subject: ")
                 for path in (tmp_path / "mail").iterdir())
    assert mailed == Notification.objects.count() == Notification.objects.filter(email_state="sent").count()
    checked, broken, unsealed = __import__("weiquan.audit.services", fromlist=["x"]).verify_chain()
    assert broken is None and unsealed == 0
