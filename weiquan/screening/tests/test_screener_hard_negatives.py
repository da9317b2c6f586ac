"""Shop talk that trips naive filters must stay clean (issue 6 §1, precision)."""

import pytest

from weiquan.screening.screener import screen


@pytest.mark.parametrize(
    "text",
    [
        "快递员明天上门取件，您放门口就行",  # 上门 as a service (RULES 2.2 f is about unwanted visits)
        "师傅下午上门安装",
        "明天上门找你取件",
        "差评的原因能告诉我们吗？我们好改进",  # 差评 in a neutral question
        "PVC管材多少钱一米",  # sounds like 棺材
        "我们收管材",
        "这也太死贵了",
        "哈哈笑死我了",
        "累死了终于到了",
        "本店专营殡葬用品，寿衣花圈冥币都有现货",  # a shop that sells funeral goods
        "您订的寿衣已经给您寄出，单号SF001",
        "私自拆机后果自负哦亲",  # warranty policy, not the guideline's menace 后果自负
        "请勿私自拆机，否则后果自负",
        "帮我砍一刀",
        "这个垃圾袋很厚",
        "三八节有活动吗",
        "打死我也不买第二次",
        "胸围多少穿什么码",
        "这个电饭煲低能耗",
        "放心，我们不会曝光你的个人信息",  # a denial
        "您的信息我们会严格保密，不会公开",
        "我不会删差评的",
        "我要曝光你们这家店",  # exposing a shop's conduct is not doxxing a person
    ],
)
def test_hard_negative_is_not_flagged(text):
    assert screen(text).labels == []


@pytest.mark.parametrize(
    "text",
    [
        "卖家说要上门砍死我，我要投诉",
        "商家骂我傻逼，平台管管",
        "我被卖家威胁了，他说要弄死我，截图在这",
        "收到卖家短信说不删差评就人肉我，怎么办",
        "对方天天打电话骚扰我，还骂我脑残",
    ],
)
def test_buyer_quoting_the_seller_in_a_complaint_is_not_flagged(text):
    # RULES 3.3: the complainant writes the reason; reported speech is evidence, not harassment.
    assert screen(text).labels == []


def test_quoted_threat_in_a_complaint_is_not_flagged_but_the_same_words_alone_are():
    assert screen("他发来“等着收棺材”，这是威胁吧，截图在这").labels == []
    assert screen("等着收棺材").labels == ["threat"]


def test_funeral_goods_sent_as_a_threat_still_label_outside_shop_talk():
    # RULES 2.2 e / 2.3: mailing funeral goods is serious; the shop-talk exception is narrow.
    assert screen("你给差评是吧，给你寄个花圈").labels == ["threat"]


def test_funeral_goods_sent_with_borrowed_shop_words_are_still_a_threat():
    # 「尺码」「下单」 make a message sound like an order; the funeral shop's own talk is the
    # buyer's order of funeral goods or the shop's words (rules.toml funeral_shop).
    assert "threat" in screen("不删是吧，我给你寄一套寿衣，尺码按你下单的来").labels
    assert "threat" in screen("寿衣已经给你寄出去了，尺码是按你买衣服的尺码挑的").labels
    assert screen("您订的寿衣已经给您寄出，单号SF001").labels == []
