"""The contact log in the admin: read-only evidence (RULES 3.3)."""

from django.test import Client

from weiquan.members.models import Member

from .conftest import local


def test_the_admin_shows_the_contact_log_read_only(gate, make_trade):
    make_trade(buyer_review="positive")
    answer = gate(at=local())
    admin = Member.objects.create(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    page = client.get("/admin/relay/contactattempt/")
    assert page.status_code == 200 and answer["attempt_id"] in page.content.decode()
    assert client.get("/admin/relay/contactattempt/add/").status_code == 403
    for model in ("contactprofile", "address", "poolnumber", "binding", "contactevidence"):
        assert client.get(f"/admin/relay/{model}/").status_code == 200, model
