"""Every command and every setting is documented: a new one without docs fails here.

Commands are read from the Typer app itself (sub-commands as ``declass eval ner``) and must
appear as ``declass <name>`` in README.md or a page under docs/. Settings are the fields of
:class:`declass.settings.Settings` and must appear in README.md as their environment variable
(``DECLASS_MAX_FILE_MB``) or their name in backticks (`` `max_file_mb` ``).
"""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import click
import pytest
import typer.main

from declass.cli import app
from declass.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def _commands(group: click.Command, path: tuple[str, ...] = ()) -> list[str]:
    """Every visible command and sub-command, as a user types it after ``declass``."""
    out: list[str] = []
    for name, cmd in sorted(getattr(group, "commands", {}).items()):
        if cmd.hidden:
            continue
        out.append(" ".join((*path, name)))
        out.extend(_commands(cmd, (*path, name)))
    return out


def _docs_text() -> str:
    pages = [README, *sorted((ROOT / "docs").rglob("*.md"))]
    return "\n".join(p.read_text(encoding="utf-8") for p in pages if p.is_file())


COMMANDS = _commands(typer.main.get_command(app))
SETTINGS = [f.name for f in fields(Settings)]


def test_the_app_has_commands() -> None:
    assert "ingest" in COMMANDS and "eval ner" in COMMANDS  # the walk reaches sub-commands


@pytest.mark.parametrize("command", COMMANDS)
def test_command_is_documented(command: str) -> None:
    words = r"\s+".join(re.escape(w) for w in command.split())
    # "declass entity" must not be satisfied by "declass entities".
    documented = re.search(rf"\bdeclass\s+{words}(?![\w-])", _docs_text()) is not None
    assert documented, f"`declass {command}` is not documented in README.md or docs/"


@pytest.mark.parametrize("setting", SETTINGS)
def test_setting_is_documented_in_readme(setting: str) -> None:
    readme = README.read_text(encoding="utf-8")
    documented = f"DECLASS_{setting.upper()}" in readme or f"`{setting}`" in readme
    assert documented, f"setting {setting} (DECLASS_{setting.upper()}) is not documented in README.md"
