"""The quality score of a page's text: the share of its words that are dictionary words.

The dictionary is Tesseract's own English word list (``eng.traineddata``'s word DAWG, 338,000
forms), unpacked once with the ``combine_tessdata`` and ``dawg2wordlist`` tools of the
``tesseract-ocr`` package into a cache file, and read once per process. It is the dictionary the
OCR engine itself is biased towards, installed with it, and not a copy shipped in declass. Where
Tesseract is missing there is no dictionary and no score (``None``); nothing is OCR'd then anyway.

Only words of two or more letters count: numbers, dates and single letters say nothing about
whether a text layer is readable. A page with fewer than :data:`MIN_WORDS` such words has no score.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

MIN_WORDS = 5
_WORD = re.compile(r"[A-Za-z][A-Za-z']*[A-Za-z]")
TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata", "/usr/share/tessdata")


def score(text: str) -> float | None:
    """Share (0-1, 3 decimals) of the words of two or more letters found in the dictionary."""
    words = dictionary()
    if not words:
        return None
    found = total = 0
    for match in _WORD.finditer(text):
        total += 1
        token = match.group().lower()
        if token in words or token.removesuffix("'s") in words:
            found += 1
    return round(found / total, 3) if total >= MIN_WORDS else None


@functools.cache
def dictionary() -> frozenset[str]:
    """The lower-cased English word list, or an empty set where Tesseract's data is missing."""
    path = _cached_wordlist()
    if path is None:
        return frozenset()
    text = path.read_text(encoding="utf-8", errors="replace")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())


def _cached_wordlist() -> Path | None:
    traineddata = next((Path(d) / "eng.traineddata" for d in TESSDATA_DIRS if (Path(d) / "eng.traineddata").is_file()), None)
    if traineddata is None or shutil.which("combine_tessdata") is None or shutil.which("dawg2wordlist") is None:
        return None
    stat = traineddata.stat()
    digest = hashlib.sha256(f"{traineddata}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:12]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "declass"
    target = cache / f"eng-words-{digest}.txt"
    if target.is_file():
        return target
    with tempfile.TemporaryDirectory(prefix="declass-words-") as tmp:
        dawg, unicharset, out = (os.path.join(tmp, n) for n in ("eng.lstm-word-dawg", "eng.lstm-unicharset", "words.txt"))
        try:
            for cmd in (["combine_tessdata", "-e", str(traineddata), dawg, unicharset], ["dawg2wordlist", unicharset, dawg, out]):
                subprocess.run(cmd, check=True, capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            return None
        cache.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        shutil.copyfile(out, partial)
        partial.replace(target)  # atomic: workers that race write the same file
    return target
