"""`make demo` serves these pages: the demo logins sign in on the sign-in page and every
role's pages open on the demo data."""

from django.core.management import call_command
from django.test import Client

from weiquan.complaints.models import Complaint
from weiquan.penalties.models import Appeal, Penalty
from weiquan.web.demo import PASSWORD


def signed_in(username):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    response = client.post("/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, username
    return client


def test_demo_logins_work_on_every_page(db, capsys):
    call_command("load_demo")
    buyer = signed_in("buyer_li")
    for url in ["/", "/orders/", "/rights/", "/rights/start/", "/cases/", "/orders/DEMO-1001/complain/",
                "/complain/DEMO-1001/order_list/"]:
        assert buyer.get(url, follow=True).status_code == 200, url
    for case in Complaint.objects.filter(complainant__username="buyer_li"):
        assert buyer.get(f"/cases/{case.pk}/").status_code == 200
        assert buyer.get(f"/cases/{case.pk}/next/").status_code == 200
    seller = signed_in("seller_wang")
    assert seller.get("/", follow=True).request["PATH_INFO"] == "/seller/complaints/"
    assert seller.get("/seller/health/").status_code == 200
    for penalty in Penalty.objects.filter(seller__username="seller_wang"):
        assert seller.get(f"/seller/penalties/{penalty.pk}/").status_code == 200
    staff = signed_in("kefu_xiao")
    assert staff.get("/", follow=True).request["PATH_INFO"] == "/staff/"
    for url in ["/staff/?state=", "/staff/appeals/?state=", "/staff/dashboard/"]:
        assert staff.get(url).status_code == 200
    for case in Complaint.objects.all():
        assert staff.get(f"/staff/cases/{case.pk}/").status_code == 200
    for appeal in Appeal.objects.all():
        assert staff.get(f"/staff/appeals/{appeal.pk}/").status_code == 200


def test_the_case_card_polled_by_htmx_says_when_the_case_changed(db, capsys):
    call_command("load_demo")
    buyer = signed_in("buyer_li")
    case = Complaint.objects.filter(complainant__username="buyer_li", state="awaiting_answer").first()
    same = buyer.get(f"/cases/{case.pk}/next/?state=awaiting_answer").content.decode()
    assert "data-deadline" in same and "<html" not in same
    changed = buyer.get(f"/cases/{case.pk}/next/?state=awaiting_decision").content.decode()
    assert "投诉状态已发生变化" in changed and "alert info" not in same
