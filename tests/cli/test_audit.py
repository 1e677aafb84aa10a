"""``declass audit`` on a small real store: the NTS report and two JFK records."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from declass.cli import app
from tests.conftest import JFK, NTS_REPORT

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('audit') / 'a.db'}"
    files = [str(NTS_REPORT), str(JFK / "104-10065-10028.pdf"), str(JFK / "104-10110-10242.pdf")]
    result = runner.invoke(app, ["ingest", *files, "--db", url, "--workers", "1", "-f", "json"])
    assert result.exit_code == 0, result.output
    return url


@pytest.mark.slow
def test_audit_counts_and_flags(store: str) -> None:
    result = runner.invoke(app, ["audit", "--db", store, "-f", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report["types"]) == {"PERSON", "ORG", "LOC"}
    assert report["entities"] == sum(t["counts"]["entities"] for t in report["types"].values())
    person = report["types"]["PERSON"]
    rows = {r["name"]: r for r in person["top"]}
    assert [r["mentions"] for r in person["top"]] == sorted((r["mentions"] for r in person["top"]), reverse=True)
    assert not [f for f in rows["Vladimir Aleksandrovich Tretyakov"]["flags"] if f["flag"] != "split"]
    junk = [r for r in person["top"] if any(f["flag"] in ("non_entity", "damaged", "wrong_type") for f in r["flags"])]
    assert person["counts"]["junk_in_top"] == len(junk)
    assert person["counts"]["junk_share"] == round(len(junk) / len(person["top"]), 4)
    assert 0.0 <= person["counts"]["singleton_share"] <= 1.0


@pytest.mark.slow
def test_audit_text_for_one_type_lists_only_flagged(store: str) -> None:
    result = runner.invoke(app, ["audit", "--db", store, "--type", "person", "--top", "10", "--flagged"])
    assert result.exit_code == 0, result.output
    assert "PERSON:" in result.output and "ORG:" not in result.output
    listed = [line for line in result.output.splitlines() if line.startswith("  ") and "[" in line]
    assert all(
        "non_entity" in line or "damaged" in line or "merged" in line or "split" in line or "wrong_type" in line
        for line in listed
    )


def test_audit_rejects_an_unknown_type(store: str) -> None:
    result = runner.invoke(app, ["audit", "--db", store, "--type", "DATE"])
    assert result.exit_code != 0 and "unknown type" in result.output
