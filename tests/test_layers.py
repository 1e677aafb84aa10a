"""Import directions: a lower layer never imports a higher one (docs/architecture.md).

Reads every module of ``declass`` with :mod:`ast`, so imports inside functions and under
``TYPE_CHECKING`` count too: a lazy import still ties the layers together.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "declass"

# Layer -> the declass modules it may import besides itself. A layer is a top-level module or
# package of declass; anything not listed here (cli, web, trace, timeline, export, eval, ingest)
# is a reader or orchestrator on top and may import everything.
ALLOWED: dict[str, frozenset[str]] = {
    "errors": frozenset(),
    "model": frozenset({"errors"}),
    "types": frozenset({"model", "errors"}),
    "settings": frozenset({"errors"}),
    "store": frozenset({"model", "errors", "settings", "types"}),
    "pipeline": frozenset({"model", "errors", "settings", "types"}),
    "resolve": frozenset({"model", "errors", "settings", "types", "store"}),
}


def _layer(module: str) -> str | None:
    """The layer of a dotted module name inside declass ("declass.store.sql" -> "store")."""
    parts = module.split(".")
    if parts[0] != "declass":
        return None
    return parts[1] if len(parts) > 1 else ""


def _module_name(path: Path, root: Path) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, root: Path = PACKAGE) -> list[tuple[int, str]]:
    """(line, dotted module) of every import in a source file, relative ones made absolute."""
    module = _module_name(path, root)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            # "from declass import store" names a layer as an imported name
            if target == "declass":
                found.extend((node.lineno, f"declass.{alias.name}") for alias in node.names)
    return found


def violations(root: Path = PACKAGE) -> list[str]:
    """Every import from a lower layer into a higher one, as "file:line imports module"."""
    out: list[str] = []
    for path in sorted(root.rglob("*.py")):
        layer = _layer(_module_name(path, root))
        if layer not in ALLOWED:
            continue
        for line, target in imports_of(path, root):
            other = _layer(target)
            if other is None or other in ("", layer) or other in ALLOWED[layer]:
                continue
            out.append(f"{path.relative_to(root.parent)}:{line} imports {target}")
    return out


def test_no_upward_imports() -> None:
    assert violations() == []


def _write(root: Path, rel: str, source: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")


@pytest.mark.parametrize(
    ("rel", "source", "bad"),
    [
        ("store/sql.py", "from declass.resolve.blocking import keys\n", "declass.resolve.blocking"),
        ("pipeline/metadata.py", "def f():\n    from declass.store import open_store\n", "declass.store"),
        ("pipeline/extract/x.py", "from ...resolve import names\n", "declass.resolve"),
        ("types/names.py", "import declass.pipeline.patterns\n", "declass.pipeline.patterns"),
        ("model.py", "from declass import settings\n", "declass.settings"),
    ],
)
def test_an_upward_import_is_reported(tmp_path: Path, rel: str, source: str, bad: str) -> None:
    root = tmp_path / "declass"
    _write(root, "__init__.py", "")
    _write(root, rel, source)
    assert [v.split(" imports ")[1] for v in violations(root)] == [bad]


def test_allowed_imports_are_not_reported(tmp_path: Path) -> None:
    root = tmp_path / "declass"
    _write(root, "__init__.py", "")
    _write(root, "resolve/x.py", "from declass.store import base\nfrom declass.types.names import fold\nfrom . import y\n")
    _write(root, "web/app.py", "from declass.resolve import resolve\nfrom declass.store import open_store\n")
    assert violations(root) == []
