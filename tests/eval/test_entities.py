"""Entity-level scoring on hand-built stored entities, and ``declass eval entities`` end to end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from declass.cli import app
from declass.eval.entities import StoredEntity, _evidence, assign_mentions, purity, score_record
from declass.eval.record_gold import read_record
from tests.conftest import EXAMPLES, ROOT

DEV = ROOT / "tests" / "fixtures" / "gold" / "dev"
LIEMPTY = read_record(DEV / "104-10065-10028.yaml")  # Mexico City station notes: LIEMPTY-6, -8, -19


def test_found_correct_and_canonical_per_type() -> None:
    stored = [
        StoredEntity("a", "PERSON", "Ramon Joseph Alvarez", ["ALVAREZ", "ALVAREZ"]),  # found, canonical not a gold form
        StoredEntity("b", "PERSON", "Oliver G. Scantling", ["Oliver G. SCANTLING"]),  # found, canonical right
        StoredEntity("c", "PERSON", "Neg On", ["Neg ON"]),  # debris: spurious
        StoredEntity("d", "ORG", "LIEMPTY-19", ["LIEMPTY-19"]),  # a cryptonym filed as ORG: correct
        StoredEntity("e", "LOC", "the Soviet Embassy", ["the Soviet Embassy"]),  # an ORG typed LOC: spurious
    ]
    row = score_record(LIEMPTY, stored)["types"]
    assert row["PERSON"] == {
        "gold": 6, "found": 2, "canonical": 1, "splits": 0, "stored": 3, "correct": 2, "spurious": ["Neg On"],
        "missed": ["Hester Roos", "Juan N. Frais-Ramirez", "Jorge Barcello Villagran Alvarez", "Lee Harvey Oswald"],
    }  # fmt: skip
    assert row["ORG"]["found"] == 0 and row["ORG"]["correct"] == 1 and row["ORG"]["stored"] == 1
    assert row["LOC"]["spurious"] == ["the Soviet Embassy"]
    assert row["CRYPTONYM"]["found"] == 1 and "LIEMPTY-6" in row["CRYPTONYM"]["missed"]


def test_one_name_in_two_entities_is_a_split() -> None:
    stored = [StoredEntity("a", "PERSON", "Alvarez", ["ALVAREZ"]), StoredEntity("b", "PERSON", "Alvakez", ["ALVAKEZ"])]
    assert score_record(LIEMPTY, stored)["types"]["PERSON"]["splits"] == 1


def test_merging_two_agent_numbers_lowers_purity() -> None:
    merged = StoredEntity("x", "ORG", "LIEMPTY", ["LIEMPTY-6", "LIEMPTY-6", "LIEMPTY-19", "LIEMPTY", "Mexico"])
    result = purity(assign_mentions(LIEMPTY, [merged]))
    # LIEMPTY-6 x2, LIEMPTY-19 x1, LIEMPTY x1 are matched; "Mexico" is no gold form here.
    assert result["purity"] == 0.5 and result["mixed"] == 1
    assert result["mixed_examples"][0][0] == "CRYPTONYM:LIEMPTY-6"
    apart = [StoredEntity("y", "ORG", "LIEMPTY-6", ["LIEMPTY-6"]), StoredEntity("z", "ORG", "LIEMPTY-19", ["LI-19"])]
    assert purity(assign_mentions(LIEMPTY, apart)) == {"purity": 1.0, "entities": 2, "mixed": 0, "mixed_examples": []}


def test_answers_are_read_only_from_what_cites_the_record() -> None:
    dossier = {
        "claims": {"married": [{"text": "Alvarez married Hester ROOS", "citation": {"doc_id": "d1", "quote": "q"}}]},
        "co_mentions": [{"name": "Frais-Ramirrez", "documents": ["d1"]}],  # co-mentions cite nothing
        "timeline": [{"text": "termination bonus $19,099", "doc_id": "d2"}],
    }
    assert list(_evidence(dossier, "d1")) == ["Alvarez married Hester ROOS", "d1", "q"]
    assert "termination bonus $19,099" in list(_evidence(dossier, "d2"))


@pytest.mark.slow
def test_eval_entities_command_on_two_records(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    (gold / "dev").mkdir(parents=True)
    for name in ("104-10065-10028.yaml", "104-10131-10010.yaml"):  # sources in examples/jfk
        shutil.copy(DEV / name, gold / "dev" / name)
    (gold / "dev" / "000-missing.yaml").write_text(
        "record: 000-missing\nsource: jfk/000-missing.pdf\npeople: [{name: Nobody}]\nquestions: []\n", encoding="utf-8"
    )
    (gold / "dev" / "001-broken.yaml").write_text("record: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["eval", "entities", str(gold), "--samples", str(EXAMPLES), "--db", f"sqlite:///{tmp_path / 'e.db'}", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert len(report["errors"]) == 1 and "001-broken.yaml" in report["errors"][0]
    part = report["parts"]["dev"]
    assert part["records"] == 2 and part["missing"] == ["000-missing"]
    assert part["types"]["PERSON"]["gold"] == 6 + 4 and part["types"]["ORG"]["gold"] == 1 + 10
    for row in part["types"].values():
        assert 0 <= row["found"] <= row["gold"] and row["canonical"] <= row["found"]
    assert part["trace"]["questions"] == 8
    alvarez = next(q for q in part["questions"] if q["trace"] == "Alvarez")
    assert alvarez["cited"], "the trace of Alvarez cites the LIEMPTY notes"
    assert 0.0 <= part["purity"]["purity"] <= 1.0


def test_a_name_cut_short_matches_only_when_it_names_one_gold_entity() -> None:
    dre = read_record(DEV / "104-10171-10033.yaml")  # the source Jose Ricardo Rabel Ortega and his father
    son = StoredEntity("a", "PERSON", "Rabel Ortega", ["Rabel Ortega"])
    either = StoredEntity("b", "PERSON", "Jose Ricardo", ["Jose Ricardo"])
    row = score_record(dre, [son, either])["types"]["PERSON"]
    assert row["found"] == 1 and row["canonical"] == 0 and row["spurious"] == ["Jose Ricardo"]
