"""The house's floors: no import circle anywhere, and no import from a lower floor to a higher one.

Floors of register/, lowest first: core (imports nothing else of the register), people, imports
(what every spreadsheet import shares), then each register's own folder (missing, education,
fostering: none imports another), then what spans them (faces, chronology, check, demo, cli, board,
reports). The window's ui/shell never imports a register's folder; each ui/<register> folder
imports its own register's folder and no other.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REGISTERS = ("missing", "education", "fostering")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    return {module_name(path): path for top in ("register", "ui") for path in (ROOT / top).rglob("*.py")}


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Every project module ``name`` imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            for alias in node.names:
                whole = f"{base}.{alias.name}"
                found.add(whole if whole in modules else base)
    return {module for module in found if module in modules}


def graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def floor(module: str) -> tuple[str, int]:
    """(the room a module is in, its floor): a module may import its own room and lower floors only."""
    parts = module.split(".")
    if parts[0] == "register":
        room = parts[1] if len(parts) > 1 else ""
        if room == "core":
            return "core", 0
        if room == "people":
            return "people", 1
        if room == "imports":
            return "imports", 2
        if room in REGISTERS:
            return room, 3
        if module == "register":  # the public face: what core offers
            return "core", 0
        return "spanning", 4
    room = parts[1] if len(parts) > 1 else ""
    if room == "shell":
        return "ui.shell", 5
    if room == "people":
        return "ui.people", 6
    if room in REGISTERS:
        return f"ui.{room}", 7
    return "ui", 8


def allowed(importer: str, imported: str) -> bool:
    room, level = floor(importer)
    other_room, other_level = floor(imported)
    if room == other_room:
        return True
    if room.startswith("ui.") and room[3:] in REGISTERS:  # a register's window imports its own register only
        return other_room not in REGISTERS or other_room == room[3:]
    if other_room in REGISTERS or other_room.startswith("ui.") and other_room[3:] in REGISTERS:
        return level > 7 or (level == 4 and other_level == 3)  # only what spans them names a register
    return other_level < level


def test_no_import_from_a_lower_floor_to_a_higher_one():
    wrong = sorted(
        f"{importer} imports {imported}"
        for importer, imported_modules in graph().items()
        for imported in imported_modules
        if not allowed(importer, imported)
    )
    assert wrong == []


def test_no_import_circle():
    edges = graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(module: str) -> None:  # Tarjan's strongly connected components
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in edges[module]:
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1 or module in edges[module]:
                circles.append(sorted(component))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    assert circles == []


def test_the_checks_see_the_imports():
    """The graph is read from the real files: a register's face imports its folder, the window its faces."""
    edges = graph()
    assert "register.missing.chronology" in edges["register.missing.face"]
    assert "register.core.db" in edges["register.people.index"]
    assert not allowed("register.core.audit", "register.people.index")
    assert not allowed("register.missing.records", "register.education.records")
    assert not allowed("ui.shell.page", "register.missing.records")
    assert allowed("ui.main_window", "ui.missing.face")


def test_no_test_module_imports_another():
    """Tests share fixtures and helpers through tests/helpers only."""
    wrong = []
    for path in (ROOT / "tests").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                last = name.split(".")[-1]
                if name.startswith("tests.") and (last.startswith("test_") or last == "conftest"):
                    wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert wrong == []
