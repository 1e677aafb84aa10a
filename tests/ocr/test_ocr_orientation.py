"""Page orientation (Tesseract's OSD), and runs where Tesseract is missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from benchmarks.typewriter import error_rates, page_lines, render_page
from declass.pipeline.read import read
from tests.conftest import ROOT
from tests.ocr.conftest import needs_tesseract, png_bytes


@needs_tesseract
@pytest.mark.slow
def test_a_sideways_page_is_turned_upright_by_osd_and_read() -> None:
    lines = page_lines(0, 3)
    sideways = render_page(lines, seed=3).rotate(90, expand=True, fillcolor=255)  # a landscape scan of a portrait page
    doc = read("sideways.png", png_bytes(sideways))
    page = doc.pages[0]
    assert page.scan["rotation"] == 90
    assert error_rates("\n".join(lines), doc.text)[0] < 0.05


def test_without_tesseract_ingest_says_ocr_is_skipped_and_reads_the_rest(tmp_path: Path) -> None:
    scan = tmp_path / "scan.png"
    render_page(page_lines(1, 3), seed=1).save(scan, dpi=(300, 300))
    (tmp_path / "note.txt").write_text("Kandaurov met Belik in Caracas on 3 May 1951.\n", encoding="utf-8")
    blank = tmp_path / "blank.png"
    Image.new("L", (850, 1100), 255).save(blank)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PATH": str(Path(sys.executable).parent), "DECLASS_OCR": "auto"}
    cmd = [sys.executable, "-m", "declass", "ingest", str(tmp_path), "--db", f"sqlite:///{tmp_path / 'x.db'}", "--workers", "1"]
    run = subprocess.run([*cmd, "--no-extract"], cwd=ROOT, env=env, capture_output=True, text=True)
    out = run.stdout + run.stderr
    assert "Traceback" not in out
    hint = "apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd"
    assert f"ocr: Tesseract not found, OCR is skipped (install Tesseract 5: {hint})" in " ".join(out.split())
    assert run.returncode == 1  # the scan fails with its reason, the text file is ingested
    assert "scan.png: image has no text on any of its 1 page(s) (needs OCR: install Tesseract 5" in " ".join(out.split())
    assert "blank.png: image has no text, and no text on any of its 1 page(s) (blank scan)" in " ".join(out.split())
    assert "1 ingested" in out
