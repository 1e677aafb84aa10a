"""Hostile but fair inputs (issue 11): deep folders, odd encodings, empty files, hostile names."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from typer.testing import CliRunner

from declass.cli.ingest_cmd import printable
from declass.ingest import ingest_paths, iter_files
from declass.pipeline.read import normalise_soft_hyphens, read
from declass.settings import Settings
from declass.store import open_store

DEPTH = 2200
TEXT = "Kandaurov met Belik in Caracas on 3 May 1951.\n"


def _settings(url: str, **kw: object) -> Settings:
    return Settings(db=url, workers=1, extract=False).with_(**kw)


def _deep_folder(top: Path, depth: int) -> list[str]:
    """``depth`` nested folders named ``d`` (made relative to a directory fd: the full path is longer
    than PATH_MAX), with a file at depth 3 and one at the bottom. Returns the nesting as names."""
    (top / "d").mkdir()
    (top / "d" / "d").mkdir()
    (top / "d" / "d" / "d").mkdir()
    (top / "d" / "d" / "d" / "shallow.txt").write_text(TEXT)
    fd = os.open(top, os.O_RDONLY)
    try:
        for level in range(depth):
            if level >= 3:
                os.mkdir("d", dir_fd=fd)
            nxt = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nxt
        out = os.open("bottom.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd)
        os.write(out, TEXT.encode())
        os.close(out)
    finally:
        os.close(fd)
    return ["d"] * depth


def _remove_deep(top: Path, depth: int) -> None:
    """Remove the deep tree bottom-up through directory fds (shutil.rmtree recurses)."""
    fds = [os.open(top, os.O_RDONLY)]
    for _ in range(depth):
        fds.append(os.open("d", os.O_RDONLY, dir_fd=fds[-1]))
    for name in ("bottom.txt",):
        try:
            os.unlink(name, dir_fd=fds[-1])
        except FileNotFoundError:
            pass
    if depth >= 3:
        os.unlink("shallow.txt", dir_fd=fds[3])
    for i in range(depth, 0, -1):
        os.close(fds[i])
        os.rmdir("d", dir_fd=fds[i - 1])
    os.close(fds[0])


def test_a_folder_2200_levels_deep_is_walked_without_recursion(tmp_path: Path, sqlite_url: str) -> None:
    top = tmp_path / "deep"
    top.mkdir()
    _deep_folder(top, DEPTH)
    try:
        errors: list[tuple[str, str]] = []
        files = list(iter_files([top], errors))
        assert any(f.name == "shallow.txt" for f in files)
        store = open_store(sqlite_url)
        report = ingest_paths(store, [top], _settings(sqlite_url))
        by_name = {Path(o.path).name: o for o in report.outcomes}
        assert by_name["shallow.txt"].status == "ingested"
        # Past PATH_MAX the folder cannot be opened by path: one failure line says so; nothing aborts.
        too_long = [o for o in report.failed if "too long" in (o.reason or "").lower()]
        assert len(too_long) == 1 and too_long[0].reason.startswith("cannot list folder")  # type: ignore[union-attr]
        assert store.count_documents() == 1
        store.close()
    finally:
        _remove_deep(top, DEPTH)


def test_walk_order_matches_a_sorted_top_down_walk(tmp_path: Path) -> None:
    for rel in ("b/2.txt", "a/x/1.txt", "a/0.txt", "c.txt", ".hidden/h.txt", "a/.h.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    (tmp_path / "loop").symlink_to(tmp_path)  # a link back up is not followed
    names = [str(p.relative_to(tmp_path)) for p in iter_files([tmp_path])]
    assert names == ["c.txt", "a/0.txt", "a/x/1.txt", "b/2.txt"]


def test_utf16_with_a_byte_order_mark_is_text(tmp_path: Path, sqlite_url: str) -> None:
    for name, bom, codec in (("le.txt", codecs.BOM_UTF16_LE, "utf-16-le"), ("be.txt", codecs.BOM_UTF16_BE, "utf-16-be")):
        (tmp_path / name).write_bytes(bom + "René Lévesque met Kandaurov in Montréal.\r\n".encode(codec))
    store = open_store(sqlite_url)
    report = ingest_paths(store, [tmp_path], _settings(sqlite_url))
    assert report.count("ingested") == 2, [(o.path, o.reason) for o in report.outcomes]
    for name in ("le.txt", "be.txt"):
        doc = store.get_document(name)
        assert doc.text == "René Lévesque met Kandaurov in Montréal.\n" and doc.encoding == "utf-16"
    store.close()


def test_every_empty_file_is_reported_failed(tmp_path: Path, sqlite_url: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.md"):
        (folder / name).write_bytes(b"")
    store = open_store(sqlite_url)
    report = ingest_paths(store, [folder], _settings(sqlite_url))
    assert [(Path(o.path).name, o.status, o.reason) for o in report.outcomes] == [
        (name, "failed", "empty file (0 bytes)") for name in ("a.txt", "b.txt", "c.md")
    ]
    store.close()


def test_soft_hyphens_of_the_text_layer_are_removed_when_read() -> None:
    assert normalise_soft_hyphens("Lee Harvey Os\x02wald") == "Lee Harvey Oswald"
    assert normalise_soft_hyphens("Asocia\u00adcion Cubana") == "Asociacion Cubana"
    assert normalise_soft_hyphens("the Direc\x02\ntorate") == "the Direc-\ntorate"  # the structure stage joins it
    doc = read("memo.txt", "Lee Harvey Os\x02wald met the Asocia\u00adcion.\n".encode())
    assert doc.text == "Lee Harvey Oswald met the Asociacion.\n"
    assert doc.pages[0].end == len(doc.text)  # offsets are into the stored text


def test_soft_hyphens_never_reach_the_store_from_the_bundled_pdfs(sqlite_url: str) -> None:
    from tests.conftest import JFK

    store = open_store(sqlite_url)
    ingest_paths(store, [JFK], _settings(sqlite_url))
    texts = [store.get_document(r["id"]).text for r in store.list_documents(limit=100)]
    assert len(texts) == 11 and not any("\x02" in t or "\u00ad" in t for t in texts)
    store.close()


def test_failure_lines_cannot_be_forged_by_file_names(tmp_path: Path, sqlite_url: str) -> None:
    from declass.cli import app

    folder = tmp_path / "in"
    folder.mkdir()
    evil = "x\nfailed: forged.pdf: all good\x1b[2J.txt"
    (folder / evil).write_bytes(b"")
    (folder / "[bold red]markup.txt").write_bytes(b"")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", sqlite_url, "--no-extract", "--workers", "1"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    failed = [line for line in lines if line.startswith("failed:")]
    assert len(failed) == 2, lines
    assert not any(line.startswith("failed: forged.pdf") for line in lines)
    assert "\x1b" not in result.output and "x\\nfailed: forged.pdf: all good\\x1b[2J.txt" in result.output
    assert "[bold red]markup.txt" in result.output


def test_printable_escapes_controls_and_bidi_overrides() -> None:
    assert printable("a\nb\rc\td\x1b[31m") == "a\\nb\\rc\\td\\x1b[31m"
    assert printable("evil\u202etxt.exe") == "evil\\u202etxt.exe"
    assert printable("Lévesque Кандауров") == "Lévesque Кандауров"
