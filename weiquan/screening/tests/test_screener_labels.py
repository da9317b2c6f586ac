"""Each label fires on what RULES 2.2 calls harassment, and names the entry or rule that fired."""

import pytest

from weiquan.screening.screener import LABELS, Screener, screen


@pytest.mark.parametrize(
    "text",
    [
        "不给好评是吧，我上门砍死你",  # RULES 2.2 c: the seeds' own example
        "等着收棺材吧",  # RULES 2.2 c: threat of death
        "信不信我弄死你全家",
        "我知道你家住哪，晚上走路小心点",  # RULES 2.2 f: visit implied
        "给你寄一套寿衣",  # RULES 2.2 e: funeral goods mailed
        "我天天打电话骚扰你",  # RULES 2.2 a: call bombing
    ],
)
def test_threats_are_labelled_threat(text):
    assert "threat" in screen(text).labels


@pytest.mark.parametrize(
    "text",
    ["不删就曝光你信息", "我要人肉你", "把你的手机号和地址挂到网上", "我把你照片发到朋友圈"],
)
def test_exposing_personal_details_is_doxxing(text):
    # RULES 2.2 c 「曝光你信息」
    assert "doxxing" in screen(text).labels


@pytest.mark.parametrize("text", ["你个傻逼", "脑残买家", "去你妈的", "你这个垃圾", "狗东西滚"])
def test_insults_are_abuse(text):
    # RULES 2.2 b: cursing, vile insults
    assert screen(text).labels == ["abuse"]


@pytest.mark.parametrize("text", ["约炮吗", "陪我睡一晚就退款", "发张裸照给我", "给你寄个跳蛋"])
def test_sexual_harassment_is_sexual(text):
    # RULES 2.2 e: sex toys mailed; sexual remarks
    assert "sexual" in screen(text).labels


@pytest.mark.parametrize(
    "text,rule_part",
    [
        ("把差评删了，否则后果自负", "demand+condition"),
        ("赶紧把差评删了", "rude_demand"),
        ("改成好评，你个傻逼", "demand+abuse"),
        ("敢给差评试试", "lexicon:敢给差评"),
    ],
)
def test_coercive_review_demands_are_review_pressure(text, rule_part):
    # RULES 2.2 a: harassment because of a neutral/negative review
    result = screen(text)
    assert "review_pressure" in result.labels
    assert any(rule_part in s["rule"] for s in result.spans if s["label"] == "review_pressure")


@pytest.mark.parametrize(
    "text",
    [
        "亲，能不能麻烦您把差评改一下，我们给您补偿",
        "不好意思打扰了，方便的话帮忙追评一下好评，谢谢",
        "亲，为什么给了差评呢？",
    ],
)
def test_polite_request_about_a_review_is_not_review_pressure(text):
    # The issue: a polite request is not harassment.
    assert screen(text).labels == []


def test_several_labels_on_one_message():
    result = screen("不删差评就曝光你信息，傻逼")
    assert result.labels == ["abuse", "doxxing", "review_pressure"]


def test_ordinary_message_carries_no_label_and_zero_scores():
    result = screen("亲，您的连衣裙已经发货了，顺丰单号SF123，请注意查收")
    assert result.labels == []
    assert result.scores == dict.fromkeys(LABELS, 0.0)
    assert result.spans == []


def test_each_span_names_the_entry_or_rule_that_fired():
    result = screen("上门砍死你")
    assert result.spans
    for span in result.spans:
        assert span["rule"].startswith(span["label"] + ".")
    assert any(s["rule"] == "threat.lexicon:砍死你" for s in result.spans)


def test_homophone_alone_raises_the_score_but_does_not_label():
    # The issue: a hit of lower certainty (a homophone alone) does not label by itself.
    alone = screen("沙比")
    assert alone.labels == []
    assert 0 < alone.scores["abuse"] < 0.5


def test_homophone_aimed_at_the_reader_labels():
    result = screen("你个沙比")
    assert result.labels == ["abuse"]
    assert "aimed_at_reader" in result.spans[0]["rule"]


def test_insult_word_that_needs_a_target_labels_only_when_aimed():
    # The rules' own behaviour: an `addr` word alone is not evidence. (The n-gram model may
    # still read 「这就是垃圾」 as abuse: with no reader named it is ambiguous, and the rules
    # not finding evidence is not a judgement that binds it.)
    rules_only = Screener(use_model=False)
    assert rules_only.screen("这就是垃圾").labels == []
    assert rules_only.screen("你这个垃圾").labels == ["abuse"]
    assert screen("你这个垃圾").labels == ["abuse"]


def test_a_question_is_not_a_denial():
    # 是不是, 要不要: the 不 asks, it does not deny (你是不是脑子有坑 is an insult).
    rules_only = Screener(use_model=False)
    assert rules_only.screen("你是不是脑子有坑").labels == ["abuse"]
    assert rules_only.screen("要不要做我的小情人").labels == ["sexual"]
    assert rules_only.screen("你脑子里没有稻草").labels == []


def test_a_demand_the_rules_cannot_judge_is_left_to_the_model():
    # No condition the rules know, no politeness: not finding pressure is no judgement, so
    # the model may label it; a polite request or the seller's own stake is one, and binds.
    assert "review_pressure" in screen("别让我发火，评价改了").labels
    assert screen("亲，麻烦删下差评，不然我们会被扣分的").labels == []
    assert screen("亲，方便的话改个好评，谢谢").labels == []


@pytest.mark.parametrize(
    "text", ["评价改一下，限ni今天之内", "删掉评价，别biwo", "改成好评，看z办吧"]
)
def test_a_disguised_condition_still_makes_a_demand_coercive(text):
    # Conditions are matched with the same pinyin/initial spellings as the lexicons.
    assert "review_pressure" in screen(text).labels


def test_a_consequence_for_the_seller_is_not_a_condition():
    # 「不然我们会被扣分」 explains the seller's stake; it threatens nobody.
    assert screen("亲，麻烦删下差评，不然我们会被扣分的").labels == []
    # ...while 「不然你等着」 menaces the reader: pressure, and by the guideline a threat too.
    assert "review_pressure" in screen("删下差评，不然你等着").labels


def test_daring_a_buyer_to_review_is_review_pressure():
    assert screen("敢给我中评？").labels == ["review_pressure"]


@pytest.mark.parametrize(
    "text,rule",
    [
        ("今晚我就捅你", "threat.rule:threat.violence_to_reader"),  # RULES 2.2 c: violence
        ("把你腿打断", "threat.rule:threat.violence_after_ba"),
        ("我拿刀去找你", "threat.rule:threat.armed_visit"),  # RULES 2.2 c, f: an armed visit
        ("给你寄一箱冥币", "threat.rule:threat.funeral_delivery"),  # RULES 2.2 e, 2.3
        ("给你寄一箱死老鼠", "threat.rule:threat.harassing_parcel"),  # RULES 2.2 e
        ("我每天半夜给你打电话", "threat.rule:threat.call_bombing"),  # RULES 2.2 a
        ("把你的家庭住址挂到网上", "doxxing.rule:doxxing.publish_details"),  # RULES 2.2 c
        ("给你寄个飞机杯", "sexual.rule:sexual.mailed_adult_goods"),  # RULES 2.2 e
    ],
)
def test_each_pair_rule_fires_and_names_itself(text, rule):
    assert rule in {s["rule"] for s in screen(text).spans}


@pytest.mark.parametrize(
    "text",
    [
        "别担心，不删差评也可以退款",
        "不改评价也没关系，我们下次改进",
        "亲，能帮忙改个好评吗？实在不行也没关系",
    ],
)
def test_a_concession_is_not_a_condition(text):
    # 不删…也可以 / 不改也没关系 give the buyer a free choice: no pressure.
    assert screen(text).labels == []


RULES_ONLY = Screener(use_model=False)  # built once: the rules' own tests below


@pytest.mark.parametrize(
    "text,label,rule",
    [
        # The labelling guideline's unnamed consequences after a condition (RULES 2.2 c).
        ("删评价，不然后果自负", "threat", "threat.frame:menace_if_refused(不然+后果自负)"),
        ("差评不删，别怪我不客气", "threat", "threat.frame:menace_if_refused(不删+别怪我)"),
        ("中评改掉，否则你自己看着办", "threat", "threat.frame:menace_if_refused(否则+看着办)"),
        # Funeral goods named first, then readied for the reader (RULES 2.2 e, 2.3).
        (
            "纸钱和香都给你备好了，收货记得签收哈",
            "threat",
            "threat.rule:threat.funeral_goods_for_reader",
        ),
        ("已经帮你买好骨灰盒了，黑色的，大气", "threat", "threat.rule:threat.funeral_delivery"),
        # Harassment promised as punishment (RULES 2.2 a).
        ("差评不撤，今晚十二点以后你电话别想停", "threat", "threat.lexicon:电话别想停"),
        # Profanity aimed at the reader counts as abuse (RULES 2.2 b, the labelling guideline).
        ("你他妈再不改评价", "abuse", "abuse.lexicon:你他妈"),
        # A sexual insult is sexual and abuse alike.
        ("长这样还给差评，怕不是出来卖的吧", "sexual", "sexual.lexicon:出来卖的"),
        ("长这样还给差评，怕不是出来卖的吧", "abuse", "abuse.lexicon:出来卖的"),
        ("你这个孬种", "abuse", "abuse.frame:aimed_insult(你这+孬种)"),
        ("无耻之徒，退什么款", "abuse", "abuse.frame:vocative_insult(无耻之徒)"),
    ],
)
def test_guideline_menaces_and_insults_fire_by_rule(text, label, rule):
    result = RULES_ONLY.screen(text)
    assert label in result.labels
    assert rule in {s["rule"] for s in result.spans}


@pytest.mark.parametrize(
    "text",
    [
        "后果自负",  # alone it is as often shop policy as menace: weak, no label by itself
        "寿衣给你备好了，L码，明天发",  # a funeral-goods shop about the buyer's own order
        "花圈给你准备好了，尺寸按你说的一米二",
    ],
)
def test_weak_or_shop_talk_menace_words_do_not_label_threat(text):
    assert "threat" not in RULES_ONLY.screen(text).labels


def test_a_policy_warning_is_not_a_threat_to_the_full_screener():
    # 「否则后果自负」 after a product warning is policy: the condition frame is cancelled
    # by the binding `policy` context, and the model may not add threat back.
    assert "threat" not in screen("请勿私自拆机，否则后果自负").labels
