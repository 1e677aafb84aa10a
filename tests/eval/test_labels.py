"""Hand labels of a corpus's top entities, and the score of a store against them.

``tests/fixtures/audit/main-7f9059f-*.tsv`` hold the 150 most-mentioned PERSON, ORG and LOC
entities of the jfk-corpus as main (7f9059f) resolves it, each labelled by hand (gold11). The
scorer (``declass eval labels``) counts a store's top 100 by those labels and reports, never
guesses, the entities no row names.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from declass.cli import app
from declass.errors import EvalError
from declass.eval.labels import LABELS, label_key, read_labels, score_top, type_of
from declass.model import Entity
from declass.store import open_store
from tests.conftest import NTS_REPORT

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "audit"
LISTS = {t: FIXTURES / f"main-7f9059f-{t.lower()}.tsv" for t in ("PERSON", "ORG", "LOC")}
runner = CliRunner()


def rows(path: Path) -> list[list[str]]:
    """The data rows of a label file, split into cells."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


def as_entities(path: Path) -> list[Entity]:
    """The rows of a label file as stored entities (mention and document counts as ids)."""
    out = []
    for rank, name, mentions, documents, _label, _note, variants in rows(path):
        docs = [f"d{rank}-{k}" for k in range(int(documents))]
        out.append(Entity(f"e{rank}", type_of(path), name, json.loads(variants), [], ["m"] * int(mentions), docs))
    return out


@pytest.mark.parametrize("etype", list(LISTS))
def test_each_list_holds_the_top_150_labelled_once(etype: str) -> None:
    table = rows(LISTS[etype])
    assert [int(r[0]) for r in table] == list(range(1, 151))
    assert all(len(r) == 7 and r[4] in LABELS for r in table)
    assert all(r[5] for r in table if r[4] != "ok"), "every label other than ok says why"
    mentions = [int(r[2]) for r in table]
    assert mentions == sorted(mentions, reverse=True)
    assert len(read_labels(LISTS[etype])) == 150  # canonical names are unique keys


def test_the_lists_score_themselves_with_nothing_unlabelled() -> None:
    for etype, path in LISTS.items():
        labels = read_labels(path)
        result = score_top(as_entities(path), labels, 100)
        assert result["top"] == 100 and result["unlabelled"] == 0
        expected = sum(r[4] in ("non_entity", "damaged", "wrong_type") for r in rows(path)[:100])
        assert result["junk"] == expected, etype
        assert result["junk_range"][0] == result["junk_range"][1] == result["junk_share"]


def test_a_renamed_entity_is_unlabelled_not_guessed() -> None:
    path = LISTS["PERSON"]
    entities = as_entities(path)
    first = entities[0]
    entities[0] = Entity(first.id, first.type, first.name.upper() + " X", first.variants, [], first.mention_ids, first.doc_ids)
    result = score_top(entities, read_labels(path), 100)
    assert result["unlabelled"] == 1 and result["unlabelled_names"] == [label_key(entities[0].name)]
    low, high = result["junk_range"]
    assert high - low == pytest.approx(0.01) and result["labelled"] == 99


def test_label_keys_fold_whitespace_only() -> None:
    assert label_key("Fidel \n Castro") == "Fidel Castro"
    assert label_key("AMFAUNA-14") != label_key("Amfauna-14")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("1\tCastro\t5\t2\tgood\t\t{}", "unknown label 'good'"),
        ("1\tCastro\t5", "a label row is rank, name"),
        ("1\tCastro\t5\t2\tok\t\t{}\n2\tCastro\t4\t2\tok\t\t{}", "labelled twice"),
    ],
)
def test_a_bad_label_file_names_the_line(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "x-person.tsv"
    path.write_text("# comment\n" + row + "\n", encoding="utf-8")
    with pytest.raises(EvalError, match=message) as info:
        read_labels(path)
    assert str(path) in str(info.value)
    with pytest.raises(EvalError, match="named"):
        type_of(tmp_path / "labels.tsv")


def test_eval_labels_scores_a_real_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'l.db'}"
    result = runner.invoke(app, ["ingest", str(NTS_REPORT), "--db", url, "--workers", "1", "-f", "json"])
    assert result.exit_code == 0, result.output
    store = open_store(url)
    try:
        people = store.list_entities(type="PERSON", limit=100, members=False)
    finally:
        store.close()
    assert len(people) >= 3
    # Label the first entity ok and the second damaged; leave the rest to be reported unlabelled.
    labels = tmp_path / "nts-person.tsv"
    labels.write_text(
        f"1\t{people[0].name}\t1\t1\tok\t\t{{}}\n2\t{people[1].name}\t1\t1\tdamaged\ta test label\t{{}}\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["eval", "labels", str(labels), "--db", url, "-f", "json"])
    assert result.exit_code == 0, result.output
    part = json.loads(result.stdout)["PERSON"]
    assert part["top"] == len(people) and part["labelled"] == 2 and part["unlabelled"] == len(people) - 2
    assert part["counts"]["ok"] == 1 and part["counts"]["damaged"] == 1 and part["junk"] == 1
    assert part["not_ok"] == [{"rank": 2, "name": label_key(people[1].name), "label": "damaged", "note": "a test label"}]
    text = runner.invoke(app, ["eval", "labels", str(labels), "--db", url, "--unlabelled"])
    assert text.exit_code == 0 and "junk 1 (50.0% of the labelled" in text.output
    assert label_key(people[2].name) in text.output


def test_the_hand_counts_of_the_top_100() -> None:
    # gold11's reading of main (7f9059f): junk (non-entity, damaged, wrong type) and merged, per type.
    junk = {t: sum(r[4] in ("non_entity", "damaged", "wrong_type") for r in rows(p)[:100]) for t, p in LISTS.items()}
    merged = {t: sum(r[4] == "merged" for r in rows(p)[:100]) for t, p in LISTS.items()}
    assert junk == {"PERSON": 3, "ORG": 13, "LOC": 0}
    assert merged == {"PERSON": 1, "ORG": 10, "LOC": 4}
