"""The platform sees harassment in its own data (issue 6 §3; RULES 2.2, 3.3)."""

from django.core.management import call_command
from django.utils import timezone

from weiquan.complaints.models import Complaint
from weiquan.notifications.models import Notification
from weiquan.risk.models import RiskSignal


def push(platform, *messages):
    body = [{"id": mid, "sender": s, "recipient": r, "text": t, "trade_id": "T1001",
             "sent_at": timezone.now().isoformat()} for mid, s, r, t in messages]
    assert platform.post("/messages", {"messages": body}).status_code == 200


def test_messages_are_screened_as_they_arrive_and_the_buyer_is_told(platform, buyer, make_trade):
    make_trade()
    push(platform, ("M1", "seller_wang", "buyer_li", "不删差评就上门砍死你"),
         ("M2", "seller_wang", "buyer_li", "亲，快递明天到，请注意查收"))
    signals = list(RiskSignal.objects.values_list("message__external_id", "kind"))
    assert ("M1", "threat") in signals and not [s for s in signals if s[0] == "M2"]
    inbox = buyer.get("/notifications").json()
    assert [n["kind"] for n in inbox] == ["harmful_message"]
    assert "M1" in inbox[0]["body"] and "threats" in inbox[0]["body"]


def test_each_message_is_screened_once_however_often_the_worker_runs(platform, make_trade):
    make_trade()
    push(platform, ("M1", "seller_wang", "buyer_li", "等着收棺材吧"))
    call_command("run_worker", "--once")
    call_command("run_worker", "--once")
    push(platform, ("M1", "seller_wang", "buyer_li", "等着收棺材吧"))  # a replay
    assert RiskSignal.objects.filter(message__external_id="M1", kind="threat").count() == 1
    assert Notification.objects.filter(kind="harmful_message").count() == 1


def test_the_buyer_complains_with_the_message_attached(platform, buyer, make_trade):
    make_trade()
    push(platform, ("M1", "seller_wang", "buyer_li", "再不改评价就曝光你信息"))
    response = buyer.post("/complaints", {"trade_id": "T1001", "entry": "order_list", "reason": "卖家威胁曝光我",
                                          "behaviours": ["threat"], "message_ids": ["M1"]})
    assert response.status_code == 201, response.content
    evidence = buyer.get(f"/complaints/{response.json()['id']}").json()["evidence"]
    assert [e["kind"] for e in evidence] == ["im_evidence_number"]
    resolved = buyer.get(f"/evidence-numbers/{evidence[0]['reference']}").json()
    assert [m["id"] for m in resolved["messages"]] == ["M1"]


def test_staff_see_the_pairs_signals_on_the_case(platform, staff, buyer, seller, file_complaint):
    complaint = file_complaint()
    push(platform, ("M1", "seller_wang", "buyer_li", "上门砍死你"))
    signals = staff.get(f"/complaints/{complaint['id']}/signals").json()
    assert [(s["kind"], s["message_id"]) for s in signals] == [("threat", "M1")]
    assert seller.get(f"/complaints/{complaint['id']}/signals").status_code == 403


def test_staff_open_a_case_for_a_strong_pair_nobody_complained_about(platform, staff, buyer, make_trade):
    make_trade()
    push(platform, ("M1", "seller_wang", "buyer_li", "不删差评就上门砍死你，等着收棺材"))
    pairs = staff.get("/risk/pairs").json()
    assert [(p["seller"], p["buyer"]) for p in pairs] == [("seller_wang", "buyer_li")]
    opened = staff.post("/risk/cases", {"seller": "seller_wang", "buyer": "buyer_li", "reason": "平台监测到威胁短信"})
    assert opened.status_code == 201, opened.content
    case = buyer.get(f"/complaints/{opened.json()['id']}").json()
    assert (case["entry"], case["complainant"], case["behaviours"]) == ("platform", "buyer_li", ["threat"])
    assert staff.get("/risk/pairs").json() == []  # now covered by a case
    assert buyer.get("/risk/pairs").status_code == 403


def test_ordinary_shop_talk_raises_no_signal(platform, make_trade):
    make_trade()
    push(platform, ("M1", "seller_wang", "buyer_li", "师傅明天上门安装，请保持电话畅通"),
         ("M2", "seller_wang", "buyer_li", "这个价格确实死贵，但是质量好"))
    assert not RiskSignal.objects.exists()
    assert Complaint.objects.count() == 0


def test_contact_patterns_from_the_gate_log_become_signals_incrementally(platform, staff, make_trade):
    """RULES 2.2 a: many calls in a short time, even those the gate refused."""
    import datetime

    make_trade()
    start = timezone.now().replace(hour=3, minute=0, second=0, microsecond=0)  # 11:00 in Shanghai
    for i in range(5):
        response = platform.post("/contact-gate", {"trade_id": "T1001", "caller": "seller_wang", "callee": "buyer_li",
                                                   "channel": "call", "at": (start + datetime.timedelta(minutes=5 * i)).isoformat()})
        assert response.status_code == 200, response.content
    call_command("run_worker", "--once")
    burst = RiskSignal.objects.get(source="contacts", kind="burst")
    assert (burst.actor.username, burst.target.username) == ("seller_wang", "buyer_li")
    assert ("seller_wang", "buyer_li") in {(p["seller"], p["buyer"]) for p in staff.get("/risk/pairs").json()}
    call_command("run_worker", "--once")  # nothing new: the signal is not written again
    assert RiskSignal.objects.filter(source="contacts", kind="burst").count() == 1


def test_a_case_opened_by_the_platform_carries_the_messages_it_rests_on(platform, staff, seller, buyer, make_trade):
    """Both parties see what the platform saw (RULES 3.3, 4.2): the seller answers that."""
    make_trade()
    push(platform, ("M1", "seller_wang", "buyer_li", "不删差评就上门砍死你"),
         ("M2", "seller_wang", "buyer_li", "亲，快递明天到"))
    opened = staff.post("/risk/cases", {"seller": "seller_wang", "buyer": "buyer_li", "reason": "平台监测到威胁"})
    case = seller.get(f"/complaints/{opened.json()['id']}").json()
    [evidence] = case["evidence"]
    assert (evidence["kind"], evidence["submitted_by"]) == ("im_evidence_number", "handler")
    resolved = seller.get(f"/evidence-numbers/{evidence['reference']}").json()
    assert [m["id"] for m in resolved["messages"]] == ["M1"]  # only the flagged message
    from weiquan.web.tests.helpers import page_client

    page = page_client(seller).get(f"/cases/{case['id']}/").content.decode()
    assert "What the platform saw in its own data" in page and "不删差评就上门砍死你" in page
