"""The layers import downwards only: the store, the schema and its migrations never import
the services (the rebuild of derived data after an upgrade is handed to them instead)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "netjob"
LOW = ["store.py", "connect.py", "journal.py", "pgstore.py", "migrate.py", "schema.py"]
ABOVE = ("netjob.services", "netjob.cli", "netjob.render", "netjob.demo")


def imported(path: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_the_store_and_migrations_import_no_service() -> None:
    files = [SRC / name for name in LOW]
    files += sorted((SRC / "migrations").rglob("*.py")) + sorted((SRC / "models").rglob("*.py"))
    upward = {
        f"{path.relative_to(SRC)}: {name}"
        for path in files
        for name in imported(path)
        if name == "netjob.services" or name.startswith(ABOVE)
    }
    assert upward == set()
    assert len(files) > len(LOW)  # the migrations were read


def test_the_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from netjob.services import derived\n")
    assert "netjob.services.derived" in imported(module)
