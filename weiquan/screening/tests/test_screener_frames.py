"""Compositional frames (data/frames.toml): each fires on new phrasing, sees through a
disguise, leaves shop talk alone and yields to a denial. Clauses: /work/shared/spec/RULES.md.

These are the rules' own tests, so they screen with the rules alone: the n-gram model has its
own tests (test_screener_model.py), and the product's hard negatives are checked with the
whole screener in test_screener_hard_negatives.py."""

import pytest

from weiquan.screening.screener import Screener, get_screener
from weiquan.screening.screener.lexicon import class_terms, load_frames, load_tables

RULES_ONLY = Screener(use_model=False)
screen = RULES_ONLY.screen

# (frame, label, RULES clause, positive, disguised, hard negative, negated)
FRAMES = [
    ("harm_to_reader", "threat", "2.2 c",
     "迟早把你家窗户砸烂", "迟早把你家窗户za烂", "这把砍骨刀你家用得上吗", "我不会把你家窗户砸烂"),
    ("harm_verb_on_you", "threat", "2.2 c",
     "我要劈了你", "我要pi了你", "这种木头好劈，你试试", "我不会劈了你"),
    ("you_then_harm", "threat", "2.2 c",
     "你迟早横尸街头", "你迟早heng尸街头", "你的绿萝活不长的话可以补发", "你不会横尸街头的"),
    ("you_doomed", "threat", "2.2 c",
     "你是活得不耐烦了", "你是活得不nai烦了", "这件衣服你穿了一辈子都不会坏", "你不是活得不耐烦了"),
    ("visit_warned", "threat", "2.2 c, f",
     "信不信，明天我上你家", "信不信，明天我上你jia", "明天我们上门送货，请在家等着", "信不信，明天我不会上你家"),
    ("menace_to_reader", "threat", "2.2 c",
     "你给我记住，你全家都别想好过", "你给我记住，你全家都别想hao过", "让你好看的衣服都在这",
     "你全家不会别想好过"),
    ("body_harm", "threat", "2.2 c",
     "在你的脸上划两刀", "在你·的·脸上划两刀", "你的手被划伤了吗，我们补发一个", "我不会在你的脸上划两刀"),
    ("menace_if_refused", "threat", "2.2 c",
     "评价不删，别怪我不客气", "删评价，不然hou果自负", "请勿私自拆机，否则后果自负",
     "差评不删也绝不会让你后果自负"),
    ("knows_whereabouts", "threat", "2.2 c, f",
     "你住几号楼我已经打听到了", "你住几号楼我已经打ting到了", "我知道了，快递放几号楼",
     "我没有打听到你住几号楼"),
    ("family_exposed", "threat", "2.2 c",
     "你女儿几点放学我都清楚，小心点", "你女儿几点放学我都清楚，xiao心点",
     "你家孩子放学后可以帮你收快递", "你女儿几点放学我不知道"),
    ("intimidating_visit", "threat", "2.2 f",
     "我找几个人去你家", "我找几个人去你jia", "我们派人上门安装", "我不会找几个人去你家"),
    ("publish_details", "doxxing", "2.2 c",
     "你的门牌号我会贴满整个小区", "你的门牌号我会tie满整个小区", "照片可以发到评论区吗，有返现",
     "你的门牌号我不会贴满整个小区"),
    ("publish_to_place", "doxxing", "2.2 c",
     "你儿子的学校和名字我会发到家长群", "你儿子的学校和名字我会发到家长qun", "你的照片可以发到群里做买家秀吗",
     "你儿子的学校和名字我不会发到家长群"),
    ("tell_circle", "doxxing", "2.2 c",
     "你领导那边，我会让他知道", "你领导那边，我会让他zhi道", "告诉你老公一声，快递到了",
     "你领导那边，我不会让他知道"),
    ("aimed_insult", "abuse", "2.2 b",
     "你就是个饭桶", "你就是个fan桶", "你这个饭盒是哪买的", "你不是饭桶"),
    ("vocative_insult", "abuse", "2.2 b",
     "饭桶，退个货都不会", "fan桶，退个货都不会", "这个饭桶能装多少", "饭桶装不下这么多菜"),
    ("you_are_adj", "abuse", "2.2 b",
     "你怎么这么蠢", "你怎么这么 蠢", "你这么贱卖不亏吗", "你不蠢"),
    ("insult_then_you", "abuse", "2.2 b",
     "窝囊废吧你", "窝囊fei吧你", "窝囊废品回收站在哪", "不是窝囊废吧你"),
    ("contemptuous_np", "abuse", "2.2 b",
     "下作的东西", "下zuo的东西", "素质教育的玩具", "不算下作的东西"),
    ("mind_insult", "abuse", "2.2 b",
     "你脑子里全是稻草吧", "你脑子里全是dao草吧", "稻草编的收纳篮，你喜欢吗", "你脑子里没有稻草"),
    ("expletive_clause", "abuse", "2.2 b",
     "他娘的，会不会买东西", "他 娘 的，会不会买东西", "靠，快递又晚了", "不是他娘的，是她娘家的"),
    ("curse_at_reader", "abuse", "2.2 b",
     "滚出去吧你", "gun出去吧你", "滚筒洗衣机你要哪个型号", "不用滚出去你"),
    ("body_of_reader", "sexual", "2.2 e",
     "你的嘴唇好诱人", "你的嘴唇好you人", "这款口红让嘴唇很诱人，你试试", "你的嘴唇不诱人"),
    ("act_asked", "sexual", "2.2 e",
     "陪我上床就退款", "陪我shang床就退款", "这个玩具熊抱着很舒服，给我抱一下", "我不想陪你上床"),
    ("to_my_bed", "sexual", "2.2 e",
     "今晚来我房间", "今晚来我fang间", "来我们店里看看吧", "今晚不要来我房间"),
    ("be_my_partner", "sexual", "2.2 e",
     "做我的小情人吧", "做我的小qing人吧", "情人节礼物做好了", "不做我的小情人吧"),
    ("price_of_night", "sexual", "2.2 e",
     "过夜什么价", "guo夜什么价", "这款睡衣多少钱", "不过夜，什么价都不行"),
    ("undress_for_me", "sexual", "2.2 e",
     "拍张脱光的照片", "拍张tuo光的照片", "衣服脱了拍照片给我看看哪里破了", "拍照不用脱光"),
]  # fmt: skip


def _frame_rules(result, name):
    return [s["rule"] for s in result.spans if f".frame:{name}(" in s["rule"]]


@pytest.mark.parametrize("frame,label,clause,text", [f[:4] for f in FRAMES])
def test_frame_labels_new_phrasing_and_names_itself(frame, label, clause, text):
    # RULES <clause>: phrasing no lexicon entry holds, caught by its parts.
    result = screen(text)
    assert label in result.labels, (clause, text)
    assert _frame_rules(result, frame), result.spans


@pytest.mark.parametrize("frame,label,clause,text", [(*f[:3], f[4]) for f in FRAMES])
def test_frame_sees_through_disguise(frame, label, clause, text):
    # RULES <clause>: a class entry is spelled the lexicon's disguised ways.
    result = screen(text)
    assert label in result.labels, (clause, text)
    assert _frame_rules(result, frame), result.spans


@pytest.mark.parametrize("frame,label,clause,text", [(*f[:3], f[5]) for f in FRAMES])
def test_frame_leaves_shop_talk_alone(frame, label, clause, text):
    assert screen(text).labels == [], (frame, clause)


@pytest.mark.parametrize("frame,label,clause,text", [(*f[:3], f[6]) for f in FRAMES])
def test_frame_yields_to_a_denial(frame, label, clause, text):
    assert not _frame_rules(screen(text), frame), (frame, clause)
    assert label not in screen(text).labels, (frame, clause)


def test_spans_index_the_original_text_through_a_disguise():
    text = "迟早把你家窗户砸•烂！"
    span = next(s for s in screen(text).spans if ".frame:harm_to_reader(" in s["rule"])
    assert text[span["start"] : span["end"]] == span["text"] == "你家窗户砸•烂"


def test_weak_parts_raise_the_score_but_do_not_label_alone():
    # RULES 2.2 c: a family member and a school run is not yet a threat...
    alone = screen("你女儿几点放学我都清楚")
    assert alone.labels == [] and 0 < alone.scores["threat"] < 0.5
    # ...with a warning it is.
    assert "threat" in screen("你女儿几点放学我都清楚，小心点").labels
    # 你 alone with a death word: weak (a plant that will not last)...
    plant = screen("你的绿萝活不长")
    assert plant.labels == [] and 0 < plant.scores["threat"] < 0.5
    # ...a promise with 迟早.
    assert "threat" in screen("你迟早活不长").labels


def test_a_complaint_quoting_a_frame_is_evidence_not_harassment():
    # RULES 3.3: the buyer's complaint writes the reason.
    assert screen("卖家说要把你家窗户砸烂，我要投诉").labels == []
    assert screen("商家骂我饭桶，平台管不管").labels == []


def test_frames_name_known_classes_and_every_class_says_why():
    data = load_frames()
    classes = {c["name"]: c for c in data["class"]}
    assert len(classes) == len(data["class"])
    for spec in data["class"]:
        assert spec["why"] and spec["terms"] and 0 < spec["weight"] <= 1, spec["name"]
    names = [f["name"] for f in data["frame"]]
    assert len(names) == len(set(names))
    for frame in data["frame"]:
        assert frame["why"] and frame["label"] in {"threat", "doxxing", "abuse", "sexual"}
        for part in frame["parts"]:
            assert set(part) <= set(classes), frame["name"]
        assert set(frame.get("boost", [])) <= set(classes), frame["name"]
        if len(frame["parts"]) == 1:
            assert frame.get("preceded_by") or frame.get("followed_by"), frame["name"]
    assert {f[0] for f in FRAMES} == set(names), "every frame has its tests here"


def test_every_hanzi_in_the_classes_has_a_pinyin_reading():
    tables = load_tables()
    chars = {c for spec in load_frames()["class"] for t in class_terms(spec) for c in t}
    missing = sorted(c for c in chars if "\u3400" <= c <= "\u9fff" and c not in tables.pinyin)
    assert missing == []


def test_the_automaton_stays_a_reasonable_size():
    # Composed classes disguise one word at a time; a whole-string expansion once made 258k.
    assert get_screener().pattern_count < 200_000
