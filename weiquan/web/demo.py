"""A believable demo marketplace, in Chinese, with cases in every state.

Everything goes through the same services the API calls, so the demo's audit trail,
ledger and notifications are what real use would produce.
"""

import datetime
import io
import zoneinfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from weiquan.complaints import services as complaints
from weiquan.complaints.deadlines import sweep_missed_answers, sweep_missed_decisions
from weiquan.complaints.models import Complaint
from weiquan.members.models import ApiToken, Member
from weiquan.penalties import services as penalties
from weiquan.relay import services as relay
from weiquan.trades import services as trades
from weiquan.warnings.demo import load_demo_warnings

PASSWORD = "weiquan-demo"

BUYERS = [("buyer_li", "李小姐"), ("buyer_chen", "陈先生"), ("buyer_zhou", "周同学"),
          ("buyer_wu", "吴女士"), ("buyer_sun", "孙阿姨")]
SELLERS = [("seller_wang", "王老板", "王记数码专营店"), ("seller_zhang", "张掌柜", "张家土特产"),
           ("seller_liu", "刘店长", "刘氏家纺旗舰店")]
STAFF = [("kefu_xiao", "小蜜（处理人）", False), ("kefu_lead", "客服组长", True)]

# (trade, buyer, seller index, item, behaviours, reason, target state)
CASES = [
    ("DEMO-1001", "buyer_li", 0, "蓝牙耳机", ["frequent_contact", "abuse"],
     "给了差评后，卖家一小时内打了二十多个电话，接通就骂人。", "awaiting_answer"),
    ("DEMO-1002", "buyer_chen", 1, "手工腊肉", ["threat"],
     "卖家发短信说「不删差评就上门砍死你」，我很害怕。", "awaiting_decision"),
    ("DEMO-1003", "buyer_zhou", 2, "四件套", ["frequent_contact"],
     "晚上十一点以后连续打电话要求改评价。", "answer_missed"),
    ("DEMO-1004", "buyer_wu", 0, "充电宝", ["harassing_items"],
     "差评后收到一个快递，里面是冥币和寿衣。", "established"),
    ("DEMO-1005", "buyer_sun", 1, "红枣", ["abuse"],
     "卖家在旺旺上连续辱骂我。", "not_established"),
    ("DEMO-1006", "buyer_li", 2, "枕头", ["frequent_contact"],
     "一天之内收到三十多条短信。", "withdrawn"),
    ("DEMO-1007", "buyer_chen", 0, "数据线", ["review_outsourcing", "frequent_contact"],
     "差评后被陌生号码轮番轰炸，对方说是店家请的。", "withdrawal_review"),
    ("DEMO-1008", "buyer_zhou", 1, "核桃", ["threat", "home_visit"],
     "卖家说知道我家地址，第二天真的有人来敲门。", "appealed"),
    ("DEMO-1009", "buyer_wu", 2, "毛毯", ["abuse"],
     "客服在电话里骂我，还说要曝光我信息。", "appeal_upheld"),
    ("DEMO-1010", "buyer_sun", 0, "手机壳", ["frequent_contact"],
     "每天早上七点前打电话催我改评价。", "decision_overdue"),
]


def sms_screenshot():
    """A stand-in picture of an SMS thread (no font files needed)."""
    image = Image.new("RGB", (360, 640), "#f2f2f7")
    draw = ImageDraw.Draw(image)
    for i in range(6):
        y = 40 + i * 95
        left = i % 2 == 0
        draw.rounded_rectangle((20 if left else 120, y, 240 if left else 340, y + 70), 14,
                               fill="#e5e5ea" if left else "#34c759")
        draw.text((34 if left else 134, y + 26), f"SMS 23:{10 + i * 7:02d}", fill="#000")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return SimpleUploadedFile("sms.jpg", out.getvalue(), content_type="image/jpeg")


def member(username, nickname, role=Member.Role.MEMBER, superuser=False):
    m = Member.objects.create(username=username, nickname=nickname, role=role, email=f"{username}@demo.weiquan",
                              is_staff=role == Member.Role.STAFF, is_superuser=superuser)
    m.set_password(PASSWORD)
    m.save()
    return m


@transaction.atomic
def load_demo():
    """Returns False when the demo is already there (the loader is idempotent)."""
    if Member.objects.filter(username="kefu_xiao").exists():
        return False
    now = timezone.now()
    platform = member("marketplace", "市场平台", Member.Role.PLATFORM)
    staff = [member(u, n, Member.Role.STAFF, s) for u, n, s in STAFF]
    people = {u: member(u, n) for u, n in BUYERS}
    people.update({u: member(u, n) for u, n, _ in SELLERS})
    handler = staff[0]
    for trade_id, buyer, seller_index, item, behaviours, reason, target in CASES:
        seller, _, store = SELLERS[seller_index]
        trades.upsert_trade(platform, trade_id, buyer=buyer, seller=seller, store=store, channel="taobao",
                            status="success", succeeded_at=now - datetime.timedelta(days=3),
                            buyer_review="negative", seller_review="positive", title=item)
        trades.push_messages(platform, [
            {"id": f"{trade_id}-m1", "sender": seller, "recipient": buyer, "trade_id": trade_id,
             "text": "亲，为什么给差评？马上改掉，不然有你好看的", "sent_at": now - datetime.timedelta(days=2)},
            {"id": f"{trade_id}-m2", "sender": buyer, "recipient": seller, "trade_id": trade_id,
             "text": "请不要再打电话骚扰我了", "sent_at": now - datetime.timedelta(days=2, minutes=-3)},
        ])
        buyer_m, seller_m = people[buyer], people[seller]
        c = complaints.file_complaint(buyer_m, trade_id, entry="order_list" if len(trade_id) % 2 else "rights_centre",
                                      reason=reason, behaviours=behaviours)
        complaints.add_evidence(buyer_m, c.pk, kind="sms_photo", upload=sms_screenshot(), note="短信截图")
        number = trades.issue_evidence_number(buyer_m, [f"{trade_id}-m1"]).number
        complaints.add_evidence(buyer_m, c.pk, kind="im_evidence_number", reference=number)
        if target == "awaiting_answer":
            continue
        if target in ("answer_missed", "decision_overdue"):
            Complaint.objects.filter(pk=c.pk).update(answer_due=now - datetime.timedelta(minutes=5))
            sweep_missed_answers(timezone.now())
            if target == "decision_overdue":
                Complaint.objects.filter(pk=c.pk).update(decision_due=now - datetime.timedelta(minutes=5))
                sweep_missed_decisions(timezone.now())
            continue
        if target == "withdrawn":
            complaints.withdraw_complaint(buyer_m, c.pk)
            continue
        if target == "withdrawal_review":
            agreed = trades.push_messages(platform, [{"id": f"{trade_id}-agree", "sender": buyer, "recipient": seller,
                                                      "text": "协商好了，我同意撤销投诉", "sent_at": now}])
            assert agreed == 1
            proof = trades.issue_evidence_number(seller_m, [f"{trade_id}-agree"]).number
            complaints.request_withdrawal(seller_m, c.pk, reference=proof)
            continue
        complaints.answer_complaint(seller_m, c.pk, choice="B", explanation="我们只是想了解差评原因，没有骚扰。")
        complaints.assign_complaint(staff[1], c.pk, handler)
        if target == "awaiting_decision":
            continue
        established = target != "not_established"
        tier = {"established": "serious", "appealed": "especially_serious", "appeal_upheld": "general"}.get(target, "")
        complaints.decide_complaint(handler, c.pk, established=established, tier=tier,
                                    reason="通话记录与短信截图相互印证。" if established else "证据不足以证明骚扰。",
                                    behaviours_found=behaviours if established else [])
        if target in ("appealed", "appeal_upheld"):
            penalty = Complaint.objects.get(pk=c.pk).penalty
            appeal = penalties.file_appeal(seller_m, penalty.pk, reason="买家在判定前已同意撤销，有聊天记录。")
            if target == "appeal_upheld":
                penalties.decide_appeal(handler, appeal.pk, upheld=True, reason="卖家提供的举证号属实。")
    _load_prevent_and_detect(platform, now)
    load_demo_warnings([store for _, _, store in SELLERS], [u for u, _ in BUYERS])
    return {"platform_token": ApiToken.issue(platform, label="demo")}


def _load_prevent_and_detect(platform, now):
    """Buyers' contact details (for the privacy check and masked views), a number pool, and a
    seller who keeps calling a buyer: the gate stops most calls and the scanner flags the pair."""
    relay.load_pool(platform, [f"1700000{i:04d}" for i in range(20)])
    relay.push_contact_details(
        platform, "buyer_li", real_name="李晓梅", phone="13800138000", phone_is_dedicated=False,
        addresses=[{"label": "home", "kind": "home", "province": "浙江省", "city": "杭州市", "district": "西湖区",
                    "street": "文三路 100 号", "building": "3 幢", "unit": "2 单元", "room": "501",
                    "postcode": "310000", "is_default": True}],
    )
    relay.push_contact_details(
        platform, "buyer_chen", real_name="", phone="17000000999", phone_is_dedicated=True,
        addresses=[{"label": "office", "kind": "company", "province": "上海市", "city": "上海市",
                    "district": "浦东新区", "street": "世纪大道 8 号", "building": "A 座", "is_default": True}],
    )
    trades.upsert_trade(platform, "DEMO-2001", buyer="buyer_sun", seller="seller_liu", store="刘氏家纺旗舰店",
                        channel="taobao", status="success", succeeded_at=now - datetime.timedelta(days=2),
                        buyer_review="positive", seller_review="positive", title="蚕丝被")
    # The burst sits in the afternoon, Shanghai time, so the quiet-hours rule does not stop
    # every call whatever the hour the demo is loaded: the caps are what it shows.
    local = now.astimezone(zoneinfo.ZoneInfo("Asia/Shanghai"))
    afternoon = local.replace(hour=14, minute=0, second=0, microsecond=0)
    burst_start = afternoon if afternoon + datetime.timedelta(hours=1) <= local else afternoon - datetime.timedelta(days=1)
    for i in range(7):  # one call every 4 minutes: the first ones pass, then the caps stop them
        relay.decide_contact(platform, trade_id="DEMO-2001", caller="seller_liu", callee="buyer_sun",
                             channel="call", at=burst_start + datetime.timedelta(minutes=4 * i))


def logins():
    return [("staff", "kefu_xiao, kefu_lead (admin)"), ("buyers", ", ".join(u for u, _ in BUYERS)),
            ("sellers", ", ".join(u for u, _, _ in SELLERS))]
