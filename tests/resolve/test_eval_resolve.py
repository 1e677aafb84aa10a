"""``declass eval resolve`` on the HIPE gold file (skipped when the file is absent)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from declass.cli import app
from declass.eval.resolve import bcubed, pairwise
from tests.conftest import HIPE_GOLD

GOLD = HIPE_GOLD


def test_bcubed_and_pairwise_on_a_hand_example() -> None:
    truth = {"a": "X", "b": "X", "c": "Y"}
    pred = {"a": "1", "b": "2", "c": "2"}
    assert bcubed(pred, truth) == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667}
    assert pairwise(pred, truth) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


@pytest.mark.skipif(not GOLD.exists(), reason="HIPE gold file not available")
def test_resolution_beats_the_exact_match_baseline_on_hipe() -> None:
    result = CliRunner().invoke(app, ["eval", "resolve", str(GOLD), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["declass"]["bcubed"]["f1"] > data["baseline"]["bcubed"]["f1"]
    assert data["declass"]["bcubed"]["precision"] > 0.95


def test_bcubed_and_pairwise_are_counted_as_their_definitions_and_scale_linearly() -> None:
    # The definitions, written out (quadratic) on a clustering of the NTS report's names, against
    # the counted versions; then 200,000 mentions in two clusters, where the set-intersecting
    # version intersected a 100,000-member cluster for every mention (quadratic).
    truth = {f"m{i}": g for i, g in enumerate("AAAABBBCCD")}
    pred = {f"m{i}": g for i, g in enumerate("XXYYYYZZZW")}
    ids = list(truth)

    def together(labels: dict[str, str], a: str, b: str) -> bool:
        return labels[a] == labels[b]

    prec = sum(
        sum(together(pred, m, o) and together(truth, m, o) for o in ids) / sum(together(pred, m, o) for o in ids) for m in ids
    )
    rec = sum(
        sum(together(pred, m, o) and together(truth, m, o) for o in ids) / sum(together(truth, m, o) for o in ids) for m in ids
    )
    got = bcubed(pred, truth)
    assert (got["precision"], got["recall"]) == (round(prec / len(ids), 4), round(rec / len(ids), 4))
    pairs = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]
    tp = sum(together(pred, a, b) and together(truth, a, b) for a, b in pairs)
    pp, gp = sum(together(pred, a, b) for a, b in pairs), sum(together(truth, a, b) for a, b in pairs)
    assert pairwise(pred, truth)["precision"] == round(tp / pp, 4) and pairwise(pred, truth)["recall"] == round(tp / gp, 4)
    big_truth = {f"m{i}": str(i % 2) for i in range(200_000)}
    big_pred = {f"m{i}": str(i < 100_000) for i in range(200_000)}
    assert bcubed(big_pred, big_truth)["precision"] == 0.5 and pairwise(big_pred, big_truth)["recall"] < 0.51
