"""A small real store for web and export tests: the two CREST reports, one JFK PDF and a hostile
memo, ingested through ``declass.ingest.ingest_paths`` with extraction, claims and resolution —
the same path as ``declass ingest``. Nothing in it is hand-made except the memo's text, which is
there to carry ``<script>`` and ``<img onerror>`` through every page.

The pipeline runs once per test process: the first SQLite store built is kept as a template and
later calls copy its file (a few ms instead of a few seconds). A PostgreSQL URL always ingests.
Entity ids are content hashes, so tests look entities up by name with :func:`entity_id`.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Any

from declass.ingest import ingest_paths
from declass.settings import Settings
from declass.store import Store, open_store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
JFK_PDF = EXAMPLES / "jfk" / "104-10006-10247.pdf"
NTS = "CIA-RDP82-00457R006100750010-5.txt"  # the report on the NTS in Venezuela
LIAISON = "CIA-soviet-liaison-foreign-communist-parties.txt"
MEMO = "hostile-memo.txt"
HOSTILE_TEXT = (
    "MEMORANDUM FOR THE RECORD\n\nDATE: 1 February 1951\n\n"
    "SUBJECT: <script>alert('xss')</script> test\n\n"
    "1. The source <img src=x onerror=alert(1)> reported that Kandaurov met Tretyakov in Caracas.\n\n"
    "2. [ ] 25X1 withheld passage & more <b>bold</b> text.\n"
)

_template: Path | None = None


def copy_sources(dest: Path) -> Path:
    """The input folder: the CREST reports, one JFK PDF and the hostile memo."""
    src = dest / "src"
    src.mkdir(parents=True, exist_ok=True)
    for p in sorted((EXAMPLES / "crest").glob("*.txt")) + [JFK_PDF]:
        shutil.copy(p, src / p.name)
    (src / MEMO).write_text(HOSTILE_TEXT)
    return src


def ingest(url: str, dest: Path) -> Store:
    """Run the real ingest (one worker, extraction on) into ``url``; returns the open store."""
    src = copy_sources(dest)
    store = open_store(url)
    report = ingest_paths(store, [src], Settings(db=url, workers=1, extract=True))
    assert report.exit_code == 0, [(o.path, o.reason) for o in report.failed]
    return store


def _sqlite_template() -> Path:
    global _template
    if _template is None:
        base = Path(tempfile.mkdtemp(prefix="declass-webstore-"))
        atexit.register(shutil.rmtree, base, True)
        ingest(f"sqlite:///{base / 'declass.db'}", base).close()
        _template = base / "declass.db"
    return _template


def build_store(tmp: Path, url: str | None = None) -> Any:
    """The test store in ``url``, or in a fresh SQLite file under ``tmp`` (copied from the template:
    the source files stay in the template's folder, so PDF page images still verify)."""
    if url is not None:
        return ingest(url, tmp)
    tmp.mkdir(parents=True, exist_ok=True)
    db = tmp / "declass.db"
    shutil.copy(_sqlite_template(), db)
    return open_store(f"sqlite:///{db}")


def entity_id(store: Any, name: str) -> str:
    """The id of the resolved entity whose canonical name is ``name``."""
    for e in store.list_entities(name=name, limit=50):
        if e.name == name:
            return str(e.id)
    raise LookupError(f"no entity named {name!r} in the test store")
