"""The screener's learned layer: the n-gram model trained on the development part (issue 6 §1)."""

import gzip
import json
import random

import pytest

from weiquan.screening.screener import LABELS, Screener, get_screener, screen, screen_many
from weiquan.screening.screener.model import MODEL_PATH, NgramModel
from weiquan.screening.screener.training import LABELLED, data_digest


def dev_rows():
    with open(LABELLED / "dev.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@pytest.fixture(scope="module")
def rules_only():
    return Screener(use_model=False)


def test_the_committed_model_was_trained_on_the_committed_dev_part():
    # Rebuilding the labelled set without retraining would leave a model of other data:
    # run `manage.py train_screener` after build_labelled.py.
    with gzip.open(MODEL_PATH, "rt", encoding="utf-8") as handle:
        header = json.loads(handle.readline())
    assert header["trained_on"]["sha256"] == data_digest(LABELLED / "dev.jsonl")
    assert header["labels"] == list(LABELS)
    for label in LABELS:
        assert 0.0 < header["thresholds"][label] < 1.0, label


def test_the_model_never_reads_the_held_out_part():
    source = (LABELLED.parent.parent / "screener" / "training.py").read_text(encoding="utf-8")
    assert "heldout" not in source.replace("held-out part is never", "")


def test_one_message_and_a_batch_give_the_same_results():
    rows = random.Random(7).sample(dev_rows(), 400)
    texts = [row["text"] for row in rows] + ["", "。", "你好，" * 50]
    one_by_one = [screen(text).as_dict() for text in texts]
    batched = [result.as_dict() for result in screen_many(texts, batch_size=64)]
    assert one_by_one == batched


def test_the_model_labels_what_the_rules_miss_and_says_so(rules_only):
    found = 0
    for row in dev_rows()[:3000]:
        if not row["labels"] or rules_only.screen(row["text"]).labels:
            continue
        result = screen(row["text"])
        for label in result.labels:
            spans = [s for s in result.spans if s["rule"].startswith(f"{label}.model(")]
            assert spans, (row["text"], label)
            for span in spans:
                assert row["text"][span["start"] : span["end"]] == span["text"] != ""
            assert result.scores[label] >= 0.5
            found += 1
    assert found >= 100  # the model adds recall on messages no entry or frame names


def test_a_long_repetitive_message_is_judged_by_what_it_says_not_how_often():
    # Features are presence, not counts: two thousand 你好 are one 你好.
    assert screen("你好，" * 2000).labels == []
    assert screen("你好，" * 2000 + "上门砍死你").labels == ["threat"]


def test_without_a_model_file_the_rules_still_screen(tmp_path):
    assert NgramModel.load(tmp_path / "missing.tsv.gz") is None
    assert Screener(use_model=False).screen("上门砍死你").labels == ["threat"]


def test_the_model_file_round_trips(tmp_path):
    model = get_screener().model
    copy_path = tmp_path / "model.tsv.gz"
    model.save(copy_path)
    copy = NgramModel.load(copy_path)
    assert copy.grams == model.grams
    texts = ["你这个人渣", "明天上门取件", "把你身份证发到业主群"]
    assert (copy.logits(texts)[0] - model.logits(texts)[0]).max() < 1e-3


def test_the_batch_evidence_is_the_one_message_evidence_to_the_bit():
    # screen_many() explains a batch's labels in one numpy pass; screen() one by one in
    # Python. Same floating-point steps in the same order, so the same spans, ties and all.
    model = get_screener().model
    texts = [row["text"] for row in random.Random(11).sample(dev_rows(), 300)]
    texts += ["", "你", "你好，" * 60, "垃圾" * 30 + "谢谢" * 30]
    texts += ["你这个垃圾，" * 20_000]  # long enough to be explained in chunks of its own
    _logits, windows = model.logits(texts)
    requests = [(number, label, len(text)) for number, text in enumerate(texts) for label in LABELS]
    expected = [
        model.evidence(texts[n], model.logits_one(texts[n])[1], label) for n, label, _ in requests
    ]
    assert model.evidence_batch(windows, requests) == expected
    assert model.evidence_batch(windows, []) == []
