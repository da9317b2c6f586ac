"""Disguises people use to get past filters (issue 6 §1), each with offsets into the original."""

import pytest

from weiquan.screening.screener import screen


def labelled_span(text, label):
    spans = [s for s in screen(text).spans if s["label"] == label]
    assert spans, f"no {label} span in {text!r}"
    return spans[0]


@pytest.mark.parametrize(
    "form,text,label",
    [
        ("traditional", "不刪差評就上門砍死妳", "threat"),
        ("traditional", "等著收棺材吧", "threat"),
        ("mixed", "上門砍死你", "threat"),
        ("pinyin", "砍si你", "threat"),
        ("pinyin", "kan si ni", "threat"),
        ("pinyin", "曝光你的xin息", "doxxing"),
        ("initials", "你个sb", "abuse"),
        ("initials", "cnm", "abuse"),
        ("initials", "S B", "abuse"),
        ("initials", "王八d，滚", "abuse"),
        ("homophone", "坎死你", "threat"),
        ("homophone", "砍4你", "threat"),
        ("split_space", "上 门 砍 死 你", "threat"),
        ("split_dot", "人.肉.你", "doxxing"),
        ("split_dot", "傻·逼", "abuse"),
        ("zero_width", "曝\u200b光\u200d你\ufeff信息", "doxxing"),
        ("fullwidth", "ＳＢ", "abuse"),
        ("fullwidth", "上\u3000门\u3000砍\u3000死\u3000你", "threat"),
        ("emoji", "砍😡死🔪你", "threat"),
        ("emoji", "约👉炮吗", "sexual"),
    ],
)
def test_disguised_message_is_labelled(form, text, label):
    assert label in screen(text).labels, form


@pytest.mark.parametrize(
    "text,expected",
    [
        ("喂，上 门 砍 死 你！", "上 门 砍 死"),
        ("你这个😡傻😡逼", "傻😡逼"),
        ("上\u200b门砍死你", "上\u200b门砍死"),
        ("好，ＳＢ", "ＳＢ"),
    ],
)
def test_span_offsets_point_into_the_original_text(text, expected):
    span = screen(text).spans[0]
    assert text[span["start"] : span["end"]] == span["text"] == expected


def test_latin_inside_an_english_word_is_not_an_initialism():
    # 'sb' inside "this bag" must not read as 傻逼; 's b' between separators does.
    assert screen("this bag is nice").labels == []
    assert screen("is better").labels == []


def test_initial_inside_a_run_of_hanzi_is_not_trusted():
    # 「你的x息」 must not read as 你的胸 (an initial ending a word needs a visible end).
    assert "sexual" not in screen("不然曝光你的x息").labels


def test_pinyin_hit_is_less_certain_than_the_hanzi():
    assert screen("砍si你").scores["threat"] < screen("砍死你").scores["threat"]


@pytest.mark.parametrize("text", ["这件m你穿着合适", "这个n子不好用"])
def test_a_lone_initial_beside_only_a_function_character_is_no_evidence(text):
    # 「m你」 would be 摸你 and 「n子」 奶子 if a pronoun or suffix were enough evidence.
    assert screen(text).labels == []


def test_pinyin_for_a_run_of_characters_is_matched():
    # People switch to pinyin for a stretch: 你给我xiao xin dian.
    assert "threat" in screen("你给我xiao xin dian").labels


def test_traditional_forms_that_char_level_conversion_gets_wrong():
    # tw2s alone turns the simplified 么 into 幺; t2s alone leaves 著 (等著收棺材).
    assert screen("你算什麼東西").labels == ["abuse"]
    assert screen("你算什么东西").labels == ["abuse"]
    assert screen("等著收棺材").labels == ["threat"]
