"""Every change is recorded, append-only and hash-chained (issue 3 §12)."""

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from weiquan.audit.models import AuditEntry


def test_each_step_of_a_case_is_recorded_with_who_before_after_and_rulebook(seller, file_complaint):
    complaint = file_complaint()
    seller.post(f"/complaints/{complaint['id']}/answer", {"choice": "A", "explanation": "x"})
    entries = list(AuditEntry.objects.filter(object_type="complaint", object_id=complaint["id"]))
    assert [(e.action, e.from_state, e.to_state) for e in entries] == [
        ("complaint.filed", "", "awaiting_answer"),
        ("complaint.answered", "awaiting_answer", "awaiting_decision"),
    ]
    assert [e.actor.username for e in entries] == ["buyer_li", "seller_wang"]
    assert {e.rulebook for e in entries} == {"taobao-003-hiding"}


def test_the_verifier_finds_an_intact_chain(file_complaint, capsys):
    file_complaint()
    call_command("verify_audit")
    assert "audit chain intact" in capsys.readouterr().out


def test_the_database_refuses_to_change_a_sealed_entry(file_complaint):
    file_complaint()
    call_command("verify_audit")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.update(to_state="withdrawn")
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            AuditEntry.objects.all().delete()


def test_the_verifier_names_the_first_broken_link(file_complaint, seller):
    complaint = file_complaint()
    seller.post(f"/complaints/{complaint['id']}/answer", {"choice": "A", "explanation": "x"})
    call_command("verify_audit")
    target = AuditEntry.objects.get(action="complaint.answered")
    # Someone with the database owner's rights drops the guard and rewrites history.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")  # triggers off
        else:
            cursor.execute("DROP TRIGGER audit_append_only")
    AuditEntry.objects.filter(pk=target.pk).update(to_state="withdrawn")
    with pytest.raises(CommandError) as error:
        call_command("verify_audit")
    assert f"seq {target.seq}" in str(error.value) and "complaint.answered" in str(error.value)


def test_entries_cannot_be_changed_or_deleted_through_the_model(file_complaint):
    file_complaint()
    entry = AuditEntry.objects.first()
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
