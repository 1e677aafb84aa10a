"""OCR of image files and image-only PDFs: text, error rates, boxes, blank pages, bad scans."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from benchmarks.typewriter import error_rates
from declass.errors import ConfigError, InputError
from declass.pipeline import process
from declass.pipeline.ocr import OcrOptions
from declass.pipeline.read import read
from declass.settings import load_settings
from tests.ocr.conftest import needs_tesseract, png_bytes


@needs_tesseract
def test_a_typed_png_is_read_with_few_errors_and_its_scan_facts(typed: tuple[list[str], Image.Image]) -> None:
    lines, image = typed
    doc = read("memo.png", png_bytes(image))
    page = doc.pages[0]
    cer, wer = error_rates("\n".join(lines), doc.text)
    assert cer < 0.05 and wer < 0.2
    assert "Tretyakov" in doc.text and "Caracas" in doc.text
    assert page.source == "ocr" and page.quality is not None and page.quality > 0.8
    assert page.confidence is not None and page.confidence > 70
    assert page.scan["engine"] == "tesseract" and page.scan["version"].startswith("5.")
    assert page.scan["lang"] == "eng" and page.scan["dpi"] == 300 and page.scan["rotation"] == 0


@needs_tesseract
def test_every_ocr_word_box_points_at_its_word_on_the_page(typed: tuple[list[str], Image.Image]) -> None:
    _, image = typed
    doc = read("memo.png", png_bytes(image))
    boxes = doc.pages[0].boxes
    assert len(boxes) == len(doc.text.split())
    by_word = {doc.text[s:e]: (x0, y0, x1, y1) for s, e, x0, y0, x1, y1 in boxes}
    # "MEMORANDUM" is typed on the first line at 240 px of 2550 (~941/10000), "Caracas" on the second
    x0, y0, x1, y1 = by_word["MEMORANDUM"]
    assert 800 < x0 < 1100 and x0 < x1 and y0 < y1 < by_word["Caracas"][1]
    assert all(0 <= v <= 10_000 for box in boxes for v in box[2:])


@needs_tesseract
def test_a_multipage_tiff_keeps_each_page_and_notes_the_blank_one(typed: tuple[list[str], Image.Image]) -> None:
    _, image = typed
    blank = Image.new("L", image.size, 255)
    data = png_bytes(image, "TIFF", save_all=True, append_images=[blank, image])
    doc = read("scan.tiff", data)
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert doc.pages[1].scan.get("blank") is True and not doc.pages[1].has_text
    assert doc.pages[0].has_text and doc.pages[2].has_text
    assert doc.text.count("\f") == 2


def test_a_scan_of_blank_pages_only_fails_as_a_blank_scan() -> None:
    blank = Image.new("L", (1275, 1650), 255)
    with pytest.raises(InputError, match=r"no text on any of its 2 page\(s\) \(blank scan\)"):
        read("empty.tif", png_bytes(blank, "TIFF", save_all=True, append_images=[blank]))


def test_the_blank_jfk_shell_fails_as_a_blank_scan_without_needing_tesseract(jfk_blank: bytes) -> None:
    with pytest.raises(InputError, match=r"no text layer, and no text on any of its 1 page\(s\) \(blank scan\)"):
        process("104-10180-10179.pdf", jfk_blank)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n garbage", "corrupt or unreadable image"),
        (b"II*\x00\x08\x00\x00\x00\x00\x00", "corrupt or unreadable image"),  # a TIFF header with zero frames
        (png_bytes(Image.new("1", (20_000, 20_000), 1)), "too large to decode safely"),  # 400 Mpx: a bomb
    ],
    ids=["corrupt-png", "zero-page-tiff", "decompression-bomb"],
)
def test_bad_image_files_fail_with_one_clear_reason(data: bytes, reason: str) -> None:
    suffix = ".tif" if data.startswith(b"II*") else ".png"
    with pytest.raises(InputError, match=reason) as info:
        read(f"bad{suffix}", data)
    assert "\n" not in str(info.value)


def test_a_page_over_the_pixel_limit_is_refused_with_its_size() -> None:
    data = png_bytes(Image.new("1", (12_500, 12_500), 1))  # 156 Mpx: under Pillow's bomb error, over ours
    with pytest.raises(InputError, match=r"12500x12500 pixels is over the 150 megapixel limit"):
        read("huge.png", data)


@needs_tesseract
def test_a_page_over_its_time_limit_is_stopped_and_named(typed: tuple[list[str], Image.Image]) -> None:
    _, image = typed
    with pytest.raises(InputError, match=r"OCR timed out after 0.3 s"):
        read("slow.png", png_bytes(image), OcrOptions(page_seconds=0.3))


def test_never_leaves_an_image_unread_and_says_why(typed: tuple[list[str], Image.Image]) -> None:
    _, image = typed
    with pytest.raises(InputError, match=r"needs OCR; --ocr never"):
        read("memo.jpg", png_bytes(image.convert("RGB"), "JPEG"), OcrOptions(mode="never"))


def test_the_ocr_mode_is_a_setting_with_three_values() -> None:
    assert load_settings({}).ocr == "auto"
    assert load_settings({"DECLASS_OCR": "never"}).ocr == "never"
    with pytest.raises(ConfigError, match="DECLASS_OCR='sometimes' is not one of auto, always, never"):
        load_settings({"DECLASS_OCR": "sometimes"})


@pytest.fixture(scope="module")
def jfk_blank() -> bytes:
    from tests.conftest import JFK

    return (JFK / "104-10180-10179.pdf").read_bytes()


def test_png_bytes_round_trip_keeps_the_resolution() -> None:
    image = Image.open(io.BytesIO(png_bytes(Image.new("L", (10, 10), 255))))
    assert round(image.info["dpi"][0]) == 300
