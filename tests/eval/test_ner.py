"""The NER scorer on tiny hand-made gold, and the CLI on the real dev set when it is present."""

from __future__ import annotations

import json

import pytest

from declass.eval.gold import GoldDocument, GoldSpan
from declass.eval.ner import counts, score
from tests.conftest import HIPE_GOLD

GOLD = HIPE_GOLD


def _doc() -> GoldDocument:
    text = "Mr. John Smith went to New York with Acme Corp in 1790."
    return GoldDocument(
        id="d1",
        text=text,
        spans=[
            GoldSpan(4, 14, "pers", "John Smith"),
            GoldSpan(23, 31, "loc", "New York"),
            GoldSpan(37, 46, "org", "Acme Corp"),
            GoldSpan(50, 54, "time", "1790"),
        ],
    )


def test_perfect_prediction_scores_one() -> None:
    doc = _doc()
    s = score([doc], [[(g.start, g.end, g.type) for g in doc.spans]])
    assert s["strict"]["all"]["f1"] == 1.0 and s["fuzzy"]["all"]["f1"] == 1.0


def test_partial_span_counts_only_as_fuzzy() -> None:
    doc = _doc()
    pred = [(0, 14, "pers"), (23, 31, "loc")]  # "Mr. John Smith": overlapping, not exact
    s = score([doc], [pred])
    assert s["strict"]["pers"] == {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 1, "fn": 1}
    assert s["fuzzy"]["pers"]["tp"] == 1
    assert s["strict"]["all"]["tp"] == 1 and s["strict"]["all"]["fn"] == 3
    assert s["strict"]["all"]["p"] == 0.5 and s["strict"]["all"]["r"] == 0.25
    assert s["fuzzy"]["pers+loc+org"]["r"] == pytest.approx(2 / 3, abs=1e-4)


def test_wrong_type_is_a_miss_and_a_false_alarm() -> None:
    c = counts([(23, 31, "loc")], [(23, 31, "org")])
    assert c["strict", "loc", "fn"] == 1 and c["strict", "org", "fp"] == 1
    assert c["fuzzy", "loc", "fn"] == 1 and c["fuzzy", "org", "fp"] == 1


def test_fuzzy_matching_is_one_to_one() -> None:
    c = counts([(0, 10, "pers")], [(0, 4, "pers"), (5, 10, "pers")])
    assert c["fuzzy", "pers", "tp"] == 1 and c["fuzzy", "pers", "fp"] == 1


@pytest.mark.slow
@pytest.mark.skipif(not GOLD.exists(), reason="HIPE dev set not present")
def test_cli_eval_ner_json_has_stable_keys() -> None:
    from typer.testing import CliRunner

    import declass.cli.eval_ner_cmd  # noqa: F401  (registers `eval ner`)
    from declass.cli.common import app

    result = CliRunner().invoke(app, ["eval", "ner", str(GOLD), "--folds", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"baseline", "default", "cross_validated", "chosen", "documents", "folds"}
    assert data["documents"] == 80
    assert data["baseline"]["strict"]["all"]["f1"] > 0.25
    assert data["cross_validated"]["fuzzy"]["pers+loc+org"]["f1"] >= data["baseline"]["fuzzy"]["pers+loc+org"]["f1"] - 0.02
