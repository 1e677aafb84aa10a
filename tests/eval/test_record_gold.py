"""The hand-annotated gold records: readable, complete, split by the README's fixed rule."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from declass.errors import EvalError
from declass.eval.record_gold import match_key, read_gold_dir, read_record
from tests.conftest import ROOT

GOLD = ROOT / "tests" / "fixtures" / "gold"
RECORDS = sorted(GOLD.glob("*/*.yaml"))
SPLIT_BATCHES = {1, 2, 3}  # batch 4 checks the trace's generality and is dev only


def test_gold_has_dev_and_heldout_parts_of_at_least_fifteen_records() -> None:
    parts = read_gold_dir(GOLD)
    assert set(parts) == {"dev", "heldout"}
    assert sum(len(p) for p in parts.values()) >= 15
    split = [p for p in RECORDS if int(yaml.safe_load(p.read_text(encoding="utf-8")).get("batch") or 1) in SPLIT_BATCHES]
    assert len(parts["heldout"]) * 3 >= len(split) - 2  # about one third of the split batches


def test_split_follows_the_every_third_record_rule_within_each_batch() -> None:
    batches: dict[int, list[Path]] = defaultdict(list)
    for path in RECORDS:
        batches[int(yaml.safe_load(path.read_text(encoding="utf-8")).get("batch") or 1)].append(path)
    assert {b: len(p) for b, p in batches.items()} == {1: 19, 2: 9, 3: 9, 4: 4}  # the README's table
    assert all(p.parent.name == "dev" for p in batches.pop(4))  # batch 4 is dev only (README)
    for paths in batches.values():
        for i, path in enumerate(sorted(paths, key=lambda p: p.stem)):
            assert path.parent.name == ("heldout" if i % 3 == 2 else "dev"), path.name


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.stem)
def test_record_is_complete(path: Path) -> None:
    rec = read_record(path)
    assert rec.record == path.stem
    assert rec.entities, "a record names at least one entity"
    assert 3 <= len(rec.questions) <= 5
    assert all(q.cite == rec.record for q in rec.questions)
    assert rec.source.startswith(("crest/", "jfk/", "jfk-corpus/"))
    assert path.stat().st_size < 20_000
    names = [(e.type, e.name) for e in rec.entities]
    assert len(names) == len(set(names)), "each entity once per record"


@pytest.mark.parametrize(
    ("printed", "canonical"),
    [
        ("HIDALGO, Jr., Balmes Nieves", "Balmes Nieves Hidalgo Jr."),
        ("Mr. Win Scott", "Win Scott"),
        ("Os\x02wald", "Oswald"),
        ("CIA's", "CIA"),
        ("the Agency", "Agency"),
        ("PRIME\nMINISTER BUSTAMANTE", "Bustamante"),
        ("Algérian", "Algerian"),
    ],
)
def test_match_key_folds_print_forms(printed: str, canonical: str) -> None:
    assert match_key(printed) == match_key(canonical)


def test_match_key_keeps_different_agents_apart() -> None:
    assert match_key("LIEMPTY-6") != match_key("LIEMPTY-19")


def test_bad_record_is_an_eval_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.yaml"
    bad.write_text("record: x\npeople: [{variants: [a]}]\nsource: jfk/x.pdf\n", encoding="utf-8")
    with pytest.raises(EvalError, match="needs a name"):
        read_record(bad)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(EvalError, match="no \\*.yaml"):
        read_gold_dir(empty)
    with pytest.raises(EvalError, match="not a directory"):
        read_gold_dir(tmp_path / "missing")
