"""Settings, declared once as (name, default, help). ``DECLASS_*`` variables are read only here."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any

from declass.errors import ConfigError

DEFAULT_DB = "sqlite:///declass.db"
DEFAULT_MAX_FILE_MB = 200
DEFAULT_SPACY_MODEL = "en_core_web_sm"
OCR_MODES = ("auto", "always", "never")
CLUSTER_FILES = ("shared", "send")


def _default_workers() -> int:
    return os.cpu_count() or 1


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting of declass. Each field's metadata holds its help text."""

    db: str = field(default=DEFAULT_DB, metadata={"help": "Store URL: sqlite:///file.db or postgresql://user@host/db"})
    workers: int = field(default_factory=_default_workers, metadata={"help": "Worker processes for ingest (default: CPU count)"})
    max_file_mb: float = field(default=DEFAULT_MAX_FILE_MB, metadata={"help": "Files larger than this many MB are refused"})
    spacy_model: str = field(default=DEFAULT_SPACY_MODEL, metadata={"help": "spaCy pipeline used for extraction"})
    extract: bool = field(default=True, metadata={"help": "Run entity extraction, claims and resolution during ingest"})
    cluster: str | None = field(
        default=None,
        metadata={"help": "Run ingest and resolution on Dask: local, local:N (N worker processes) or tcp://scheduler:8786"},
    )
    cluster_files: str = field(
        default="shared",
        metadata={
            "help": "With --cluster: shared (workers read each file by its path on storage they share) "
            "or send (this process sends the files' bytes, for workers without that storage)"
        },
    )
    token: str | None = field(default=None, metadata={"help": "API token the web server requires when bound beyond localhost"})
    ocr: str = field(
        default="auto",
        metadata={"help": "OCR scanned pages: auto (pages with no or a poor text layer), always, never"},
    )
    ocr_lang: str = field(default="eng", metadata={"help": "Tesseract language(s) for OCR, e.g. eng or eng+rus"})
    ocr_page_seconds: float = field(default=120.0, metadata={"help": "Time limit for OCR of one page, in seconds"})
    ocr_min_quality: float = field(
        default=0.5, metadata={"help": "With --ocr auto, OCR a page whose text layer has fewer dictionary words than this share"}
    )

    def with_(self, **changes: Any) -> Settings:
        """A copy with the given (non-None) settings changed."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _coerce(name: str, raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError as exc:
            raise ConfigError(f"DECLASS_{name.upper()}={raw!r} is not a whole number") from exc
    if isinstance(default, float):
        try:
            return float(raw)
        except ValueError as exc:
            raise ConfigError(f"DECLASS_{name.upper()}={raw!r} is not a number") from exc
    return raw


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Settings from defaults overridden by ``DECLASS_<NAME>`` environment variables."""
    env = dict(os.environ) if env is None else env
    base = Settings()
    changes: dict[str, Any] = {}
    for f in fields(Settings):
        raw = env.get(f"DECLASS_{f.name.upper()}")
        if raw is not None:
            changes[f.name] = _coerce(f.name, raw, getattr(base, f.name))
    settings = replace(base, **changes)
    if settings.cluster_files not in CLUSTER_FILES:
        raise ConfigError(f"DECLASS_CLUSTER_FILES={settings.cluster_files!r} is not one of {', '.join(CLUSTER_FILES)}")
    if settings.ocr not in OCR_MODES:
        raise ConfigError(f"DECLASS_OCR={settings.ocr!r} is not one of {', '.join(OCR_MODES)}")
    return settings


def describe() -> list[tuple[str, Any, str]]:
    """(name, default, help) for every setting: the source of the settings docs."""
    base = Settings()
    return [(f.name, getattr(base, f.name), f.metadata.get("help", "")) for f in fields(Settings)]
