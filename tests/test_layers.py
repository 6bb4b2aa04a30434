"""The house keeps its rooms (docs/design.md): each layer imports only the layers below it,
no module is in an import circle (imports inside functions count; those only for type
checking do not), no service reads the clock, and no folder holds more than 20 modules."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "netjob"

# What each layer may import of netjob (besides itself); the CLI may import everything.
MAY_IMPORT = {
    "netjob.db": ("netjob.errors", "netjob.clock"),
    "netjob.engine": ("netjob.errors", "netjob.choices"),
    "netjob.render": ("netjob.engine", "netjob.errors", "netjob.choices"),
    "netjob.services": (
        "netjob.engine", "netjob.db", "netjob.errors", "netjob.choices", "netjob.paths",
        "netjob.editor",
    ),
}  # fmt: skip


def module_of(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """Every netjob module a file imports, at its top or inside a function, but not the
    imports made only for type checking."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for stmt in node.body
        for inner in ast.walk(stmt)
    }
    own = module_of(path) if path.is_relative_to(SRC) else "netjob"
    package = own if path.name == "__init__.py" else own.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*up, *([base] if base else [])])
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return {name for name in found if name.startswith("netjob")}


def modules() -> dict[str, set[str]]:
    """Each module of src/netjob (migration scripts aside) and the netjob modules it
    imports."""
    files = {
        module_of(p): p for p in SRC.rglob("*.py") if "versions" not in p.relative_to(SRC).parts
    }
    return {
        name: {i for i in imported(path) if i in files and i != name}
        for name, path in files.items()
    }


def test_each_layer_imports_only_the_layers_below() -> None:
    upward = []
    for name, imports in modules().items():
        layer = next((lay for lay in MAY_IMPORT if name.startswith(lay + ".") or name == lay), None)
        if layer is None:
            continue
        allowed = (layer, *MAY_IMPORT[layer])
        upward += [f"{name} -> {i}" for i in sorted(imports) if not i.startswith(allowed)]
    assert upward == []


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm); a
    package importing its own submodules (its __init__) is no circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            top = min(group, key=len)
            if len(group) > 1 and not all(x.startswith(top) for x in group):
                found.append(sorted(group))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_no_import_circle() -> None:
    graph = modules()
    assert len(graph) > 80  # every module was read
    assert circles(graph) == []


def test_the_check_finds_a_circle_and_an_import_inside_a_function(tmp_path: Path) -> None:
    assert circles({"a.x": {"a.y"}, "a.y": {"a.z"}, "a.z": {"a.x"}}) == [["a.x", "a.y", "a.z"]]
    assert circles({"a": {"a.x"}, "a.x": {"a"}}) == []  # a package and its own module
    module = tmp_path / "m.py"
    module.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import netjob.cli\n"
        "def f():\n    from netjob.services import coach\n"
    )
    found = imported(module)
    assert "netjob.services.coach" in found and "netjob.cli" not in found


def test_no_service_reads_the_clock() -> None:
    readers = sorted(
        name
        for name, imports in modules().items()
        if name.startswith(("netjob.services", "netjob.engine")) and "netjob.clock" in imports
    )
    assert readers == []


def test_no_folder_holds_more_than_twenty_modules() -> None:
    crowded = {}
    for folder in [SRC, *(p for p in SRC.rglob("*") if p.is_dir())]:
        if "__pycache__" in folder.parts or "versions" in folder.parts:
            continue
        count = len([p for p in folder.glob("*.py") if p.name != "__init__.py"])
        if count > 20:
            crowded[str(folder.relative_to(SRC.parent))] = count
    assert crowded == {}
