"""The layers of docs/architecture.md hold: no module imports a package above its own
(or beside it), every package is in the table, and packages import no cycle.

The table is read from the document itself, so the two cannot drift apart."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

import hojokin

SOURCE = Path(hojokin.__file__).parent
DOC = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"
ROOT = "__init__"  # the table's name for the package's own module, `hojokin`


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, dotted
    target: str  # the module or package imported, dotted
    line: int

    def __str__(self) -> str:
        return f"{self.module} (line {self.line}) imports {self.target}"


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name."""
    found = {}
    for path in sorted(SOURCE.rglob("*.py")):
        parts = ("hojokin", *path.relative_to(SOURCE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports_of(module: str, source: str, is_package: bool, known: set[str]) -> list[Import]:
    """The `hojokin` modules `module` imports anywhere in `source`: at the top, in
    functions, under TYPE_CHECKING, absolute or relative. `from a import b` imports
    `a.b` when that is a module of `known`, else `a`."""
    package = module if is_package else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: `.` is the package, `..` its parent …
                parts = package.split(".")
                anchor = parts[: len(parts) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                targets.append(sub if sub in known else base)
        found += [
            Import(module, t, node.lineno)
            for t in dict.fromkeys(targets)  # `from a import b, c`: a once
            if t == "hojokin" or t.startswith("hojokin.")
        ]
    return found


def all_imports() -> list[Import]:
    found = modules()
    known = set(found)
    return [
        i
        for module, path in found.items()
        for i in imports_of(
            module, path.read_text(encoding="utf-8"), path.stem == "__init__", known
        )
    ]


def package_of(module: str) -> str:
    """The table's name for the package a module belongs to: `ja` for hojokin.ja.dates,
    `cli` for hojokin.cli, `__init__` for hojokin itself."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ROOT


def layer_table(text: str) -> dict[str, int]:
    """Each package's layer (0 at the bottom), from the document's `layers` block: one
    line per layer, `package, package: what they are`."""
    block = re.search(r"^```layers\n(.*?)^```", text, re.DOTALL | re.MULTILINE)
    if block is None:
        raise AssertionError("docs/architecture.md has no ```layers block")
    layers: dict[str, int] = {}
    for number, line in enumerate(block.group(1).splitlines()):
        if not line.strip():
            continue
        names, _, _ = line.partition(":")
        for name in (n.strip() for n in names.split(",")):
            if name in layers:
                raise AssertionError(f"{name} is on two lines of the layer table")
            layers[name] = number
    return layers


def violations(imports: list[Import], layers: dict[str, int]) -> list[str]:
    """Each import of a package above the importer's own, or beside it on its line."""
    found = []
    for i in imports:
        own, theirs = package_of(i.module), package_of(i.target)
        missing = [p for p in (own, theirs) if p not in layers]
        if missing:
            found.append(f"{i}: {', '.join(missing)} is in no layer of docs/architecture.md")
        elif own != theirs and layers[theirs] >= layers[own]:
            where = "above" if layers[theirs] > layers[own] else "beside"
            found.append(f"{i}: {theirs} is {where} {own} in docs/architecture.md")
    return found


def package_cycle(imports: list[Import]) -> list[str] | None:
    """Packages that import each other round in a circle, the first one repeated at the
    end; None when there is no such circle."""
    graph: dict[str, set[str]] = {}
    for i in imports:
        own, theirs = package_of(i.module), package_of(i.target)
        if own != theirs:
            graph.setdefault(own, set()).add(theirs)
    done: set[str] = set()

    def visit(package: str, path: list[str]) -> list[str] | None:
        if package in path:
            return [*path[path.index(package) :], package]
        if package in done:
            return None
        for imported in sorted(graph.get(package, ())):
            found = visit(imported, [*path, package])
            if found:
                return found
        done.add(package)
        return None

    for package in sorted(graph):
        found = visit(package, [])
        if found:
            return found
    return None


def test_every_package_is_in_the_table_and_every_entry_exists() -> None:
    layers = layer_table(DOC.read_text(encoding="utf-8"))
    packages = {package_of(m) for m in modules()}
    assert sorted(packages - set(layers)) == [], "packages missing from docs/architecture.md"
    assert sorted(set(layers) - packages) == [], "docs/architecture.md names no such package"


def test_no_module_imports_a_layer_above_its_own() -> None:
    layers = layer_table(DOC.read_text(encoding="utf-8"))
    assert violations(all_imports(), layers) == []


def test_no_import_cycle_between_packages() -> None:
    assert package_cycle(all_imports()) is None


def test_imports_are_all_found() -> None:
    # The checker sees the imports the layering rests on; one it missed would pass.
    imports = {(i.module, i.target) for i in all_imports()}
    assert ("hojokin.load", "hojokin.search.build") in imports
    assert ("hojokin.cli", "hojokin.synth") in imports  # inside a function
    assert ("hojokin.ja.amounts", "hojokin.ja.errors") in imports  # relative


def test_only_the_command_line_draws_in_the_terminal() -> None:
    # The domain says what it found; Rich's tables and markup are the CLI's way to show it.
    drawing = set()
    for module, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            if any(n == "rich" or n.startswith("rich.") for n in names):
                drawing.add(module)
    assert "hojokin.cli.check_tables" in drawing  # the check sees the imports it is about
    assert sorted(m for m in drawing if package_of(m) != "cli") == []


LAYERS = {"__init__": 0, "ja": 1, "store": 2, "synth": 2, "search": 3}
KNOWN = {"hojokin", "hojokin.ja", "hojokin.search", "hojokin.search.facets", "hojokin.store"}


@pytest.mark.parametrize(
    "source",
    [
        "from hojokin.search import facets",
        "import hojokin.search.facets",
        "from hojokin import search",
        "from .. import search",
        "from ..search.facets import INDEX_FORMAT",
        "def later():\n    from hojokin.search.facets import INDEX_FORMAT",
        "if TYPE_CHECKING:\n    from hojokin.search import facets",
    ],
)
def test_the_checker_names_an_upward_import(source: str) -> None:
    imports = imports_of("hojokin.store.write", source, False, KNOWN)
    found = violations(imports, LAYERS)
    assert len(found) == 1
    assert found[0].startswith("hojokin.store.write (line ")
    assert "imports hojokin.search" in found[0]
    assert found[0].endswith("search is above store in docs/architecture.md")


def test_the_checker_names_an_import_beside_its_own_layer() -> None:
    imports = imports_of("hojokin.synth.stats", "from hojokin.store import tables", False, KNOWN)
    assert violations(imports, LAYERS) == [
        "hojokin.synth.stats (line 1) imports hojokin.store: store is beside synth in "
        "docs/architecture.md"
    ]


def test_the_checker_lets_a_module_import_below_and_inside_its_package() -> None:
    source = "from hojokin import ja\nimport hojokin.store\nfrom . import facets\nimport os"
    imports = imports_of("hojokin.search.engine", source, False, KNOWN)
    assert [i.target for i in imports] == ["hojokin.ja", "hojokin.store", "hojokin.search.facets"]
    assert violations(imports, LAYERS) == []


def test_the_cycle_finder_finds_a_cycle_between_packages() -> None:
    imports = [
        Import("hojokin.store.write", "hojokin.search.facets", 1),
        Import("hojokin.search.index", "hojokin.ja", 1),
        Import("hojokin.search.engine", "hojokin.store.tables", 1),
    ]
    assert package_cycle(imports) == ["search", "store", "search"]
    assert package_cycle(imports[1:]) is None


def test_the_table_is_read_from_its_block() -> None:
    text = "# x\n\n```layers\nja: text\nstore, synth: a | b\nsearch: c\n```\nja: not this\n"
    assert layer_table(text) == {"ja": 0, "store": 1, "synth": 1, "search": 2}
