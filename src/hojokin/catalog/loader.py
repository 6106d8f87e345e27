"""Load the catalog: source documents, the fact vocabulary and program files."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from hojokin.catalog.facts import FACTS_CONTEXT, Fact
from hojokin.catalog.primitives import error_path
from hojokin.catalog.schema import Program

MAX_FILE_BYTES = 2 * 1024 * 1024


MERGE_TAG = "tag:yaml.org,2002:merge"
# Worked examples kept beside a program file: `<program-id>.cases.yaml` (hojokin.views.cases).
CASES_SUFFIX = ".cases.yaml"


class _StrictLoader(yaml.SafeLoader):
    """Safe YAML that refuses a repeated key instead of silently keeping the last value.

    Merge keys (`<<: *anchor`) are allowed: the keys written beside one override what it
    brings in, which is what it is for, not a repetition."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == MERGE_TAG:
                continue
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"repeated key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


# `catalog/` of the source checkout; `hojokin.server.settings` reads $HOJOKIN_CATALOG.
DEFAULT_ROOT = Path(__file__).resolve().parents[3] / "catalog"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the catalog, located by file and field path."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        where = f" {self.where}:" if self.where else ""
        return f"{self.file}:{where} {self.message}"


class CatalogError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"the catalog has {len(problems)} problem(s):\n{shown}{more}")


@dataclass(frozen=True)
class Document:
    name: str
    title: str
    issuer: str
    prefecture: str
    fiscal_year: int
    kind: str
    lines: tuple[str, ...]


@dataclass
class Catalog:
    root: Path
    documents: dict[str, Document] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    programs: dict[str, Program] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)

    def get(self, program_id: str) -> Program | None:
        return self.programs.get(program_id)

    def __iter__(self) -> Iterator[Program]:
        return iter(self.programs.values())

    def __len__(self) -> int:
        return len(self.programs)


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def read_yaml(path: Path, root: Path, problems: list[Problem]) -> Any:
    name = _relative(path, root)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(Problem(name, "", f"file is {size:,} bytes, over {MAX_FILE_BYTES:,}"))
            return None
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
    except UnicodeDecodeError as exc:
        problems.append(Problem(name, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problems.append(Problem(name, "", f"invalid YAML: {at}{getattr(exc, 'problem', exc)}"))
    except OSError as exc:
        problems.append(Problem(name, "", f"cannot read: {exc.strerror}"))
    return None


def _load_documents(root: Path, problems: list[Problem]) -> dict[str, Document]:
    index_path = root / "documents" / "index.yaml"
    index = read_yaml(index_path, root, problems)
    if not isinstance(index, dict):
        if index is not None:
            problems.append(Problem(_relative(index_path, root), "", "expected a mapping"))
        return {}
    documents: dict[str, Document] = {}
    for name, meta in index.items():
        path = root / "documents" / str(name)
        where = _relative(index_path, root)
        try:
            text = path.read_text(encoding="utf-8")
            documents[str(name)] = Document(
                name=str(name),
                title=str(meta["title"]),
                issuer=str(meta["issuer"]),
                prefecture=str(meta["prefecture"]),
                fiscal_year=int(meta["fiscal_year"]),
                kind=str(meta["kind"]),
                lines=tuple(text.splitlines()),
            )
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(where, str(name), f"cannot read the document: {exc}"))
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(Problem(where, str(name), f"incomplete document entry: {exc}"))
    return documents


def _load_facts(root: Path, problems: list[Problem]) -> dict[str, Fact]:
    """The vocabulary of facts.yaml; a catalog without the file declares no facts."""
    path = root / "facts.yaml"
    if not path.exists():
        return {}
    name = _relative(path, root)
    entries = read_yaml(path, root, problems)
    if not isinstance(entries, list):
        if entries is not None:
            problems.append(Problem(name, "", "expected a list of facts"))
        return {}
    facts: dict[str, Fact] = {}
    # Each entry is checked on its own, so one bad entry does not undeclare the others.
    for i, entry in enumerate(entries):
        try:
            fact = Fact.model_validate(entry)
        except ValidationError as exc:
            for err in exc.errors():
                problems.append(Problem(name, error_path((i, *err["loc"])), err["msg"]))
            continue
        if fact.name in facts:
            problems.append(Problem(name, f"[{i}].name", f"fact {fact.name!r} is declared twice"))
            continue
        facts[fact.name] = fact
    return facts


def load(root: Path = DEFAULT_ROOT) -> tuple[Catalog, list[Problem]]:
    """Read every document, the facts and every program file; return what loaded and what
    is wrong."""
    problems: list[Problem] = []
    catalog = Catalog(root=root)
    if not root.is_dir():
        problems.append(Problem(str(root), "", "catalog folder not found"))
        return catalog, problems
    catalog.documents = _load_documents(root, problems)
    catalog.facts = _load_facts(root, problems)
    context = {FACTS_CONTEXT: catalog.facts}
    for path in sorted((root / "programs").glob("**/*.yaml")):
        if path.name.endswith(CASES_SUFFIX):
            continue
        name = _relative(path, root)
        data = read_yaml(path, root, problems)
        if data is None:
            if not any(p.file == name for p in problems):
                problems.append(Problem(name, "", "empty file"))
            continue
        try:
            program = Program.model_validate(data, context=context)
        except ValidationError as exc:
            for err in exc.errors():
                problems.append(Problem(name, error_path(err["loc"]), err["msg"]))
            continue
        if path.stem != program.id:
            problems.append(Problem(name, "id", f"id {program.id!r} differs from the file name"))
        if program.id in catalog.programs:
            other = _relative(catalog.paths[program.id], root)
            problems.append(Problem(name, "id", f"id {program.id!r} is also used by {other}"))
            continue
        catalog.programs[program.id] = program
        catalog.paths[program.id] = path
    return catalog, problems


def load_catalog(root: Path = DEFAULT_ROOT) -> Catalog:
    """Load the catalog for use; any problem is an error (run `catalog validate` for all)."""
    catalog, problems = load(root)
    if problems:
        raise CatalogError(problems)
    return catalog
