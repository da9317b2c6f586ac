"""`make demo` loads a marketplace with cases in every state (issue 3 §13)."""

from django.core.management import call_command

from weiquan.complaints.models import Complaint, State


def test_the_demo_has_cases_in_every_state_and_loads_once(db, capsys):
    call_command("load_demo")
    states = set(Complaint.objects.values_list("state", flat=True))
    assert states == set(State.values)
    assert Complaint.objects.filter(penalty__appeal__state="upheld").exists()
    assert Complaint.objects.filter(answer_missed=True).exists()
    from weiquan.relay.models import ContactAttempt
    from weiquan.warnings.models import OrderWarning

    assert OrderWarning.objects.exists()  # issue 7's demo data
    assert {a for a, in ContactAttempt.objects.values_list("allowed")} == {True, False}  # the gate at work
    count = Complaint.objects.count()
    call_command("load_demo")
    assert Complaint.objects.count() == count
    out = capsys.readouterr().out
    assert "weiquan-demo" in out and "wq_" in out


def test_the_home_page_and_admin_answer(client, db):
    assert client.get("/").status_code == 200
    assert client.get("/admin/login/").status_code == 200
