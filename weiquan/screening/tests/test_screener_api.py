"""The screener's public API and its behaviour on bad or unusual input."""

import json

import pytest

from weiquan.screening.screener import (
    LABELS,
    Screener,
    Screening,
    get_screener,
    screen,
    screen_many,
)


def test_screening_shape():
    result = screen("不删差评就上门砍死你")
    assert isinstance(result, Screening)
    assert result.labels == sorted(result.labels)
    assert set(result.scores) == set(LABELS)
    assert all(0.0 <= v <= 1.0 for v in result.scores.values())
    for span in result.spans:
        assert set(span) == {"label", "start", "end", "text", "rule"}
    as_dict = result.as_dict()
    assert json.loads(json.dumps(as_dict, ensure_ascii=False)) == as_dict
    assert as_dict["labels"] == result.labels


def test_labels_are_exactly_the_scores_at_or_over_the_threshold():
    screener = get_screener()
    for text in ["你个沙比", "沙比", "上门砍死你", "你好"]:
        result = screener.screen(text)
        assert result.labels == [k for k in LABELS if result.scores[k] >= screener.threshold]


def test_screen_many_keeps_order():
    texts = ["你好", "傻逼", "上门砍死你"]
    assert [r.labels for r in screen_many(texts)] == [[], ["abuse"], ["threat"]]


def test_the_module_level_screener_is_built_once():
    assert get_screener() is get_screener()


@pytest.mark.parametrize("bad", [None, b"\xe5\x82\xbb", 42, ["傻逼"]])
def test_non_text_input_raises_type_error(bad):
    with pytest.raises(TypeError):
        screen(bad)


@pytest.mark.parametrize("text", ["", " ", "\u200b\u200b", "😀😀", "\n\n", "。。。"])
def test_empty_or_separator_only_text_is_clean(text):
    result = screen(text)
    assert result.labels == [] and result.spans == []


def test_lone_surrogate_and_control_characters_do_not_crash():
    assert screen("\ud800傻\x00逼\x07").labels == ["abuse"]


def test_long_text_is_screened_with_offsets_into_it():
    text = "你好，" * 2000 + "上门砍死你"
    result = screen(text)
    assert result.labels == ["threat"]
    assert all(text[s["start"] : s["end"]] == s["text"] for s in result.spans)


def test_a_screener_can_be_built_from_another_data_directory(tmp_path):
    # The lexicons are data: a copy with one entry removed no longer labels it.
    import shutil

    from weiquan.screening.screener.lexicon import DATA_DIR

    shutil.copytree(DATA_DIR, tmp_path / "data", ignore=shutil.ignore_patterns("labelled"))
    sexual = tmp_path / "data" / "lexicon" / "sexual.tsv"
    sexual.write_text(
        "".join(
            line
            for line in sexual.read_text(encoding="utf-8").splitlines(True)
            if not line.startswith("约炮")
        ),
        encoding="utf-8",
    )
    assert "sexual" in screen("约炮").labels
    assert Screener(tmp_path / "data").screen("约炮").labels == []


def test_a_long_message_full_of_cues_is_screened_in_linear_time():
    # 你 is a pair cue; pairing must not go quadratic on a message made of them.
    import time

    screen("热身")  # the screener is built outside the timing
    started = time.perf_counter()
    result = screen("砍你" * 5000 + "你" * 20000)
    assert time.perf_counter() - started < 2.0
    assert result.labels == ["threat"]


def test_the_screener_is_built_once_when_warmed_up_beside_requests():
    # wsgi.py warms it in a thread; a request arriving meanwhile waits for the same build.
    from weiquan.screening.screener import warm_up_in_background

    threads = [warm_up_in_background() for _ in range(3)]
    for thread in threads:
        thread.join()
    assert get_screener() is get_screener()
    assert get_screener().screen("上门砍死你").labels == ["threat"]
