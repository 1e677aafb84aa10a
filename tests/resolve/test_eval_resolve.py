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
