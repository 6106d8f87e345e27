"""`hojokin ingest`: a document file to a catalog document and program drafts.

`ingest` reads and drafts in memory; `write` puts the document, its index entry and
the drafts under a folder in the catalog's layout, writing everything to a temporary
folder first and moving it into place only when all of it is written, so that bad
input, a clash with a file already there or a crash leaves the folder as it was.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from hojokin.catalog.loader import Document
from hojokin.catalog.schema import CategoryCap, Money, Period, Program, Rate, YearCap
from hojokin.catalog.validate import walk
from hojokin.ingest.draft import Context
from hojokin.ingest.errors import IngestError
from hojokin.ingest.formats import read_document
from hojokin.ingest.meta import Metadata, read_metadata
from hojokin.ingest.program import build
from hojokin.ingest.source import Source
from hojokin.ingest.units import document_shape, units
from hojokin.ja.prefectures import region_of

_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,60}$")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Ingested:
    source: Source
    metadata: Metadata
    document: Document
    shape: str
    programs: list[Program]
    # Headings that could not become a program, each with why (for the summary).
    skipped: list[str]


def document_name(source: Source) -> str:
    """The catalog file name of the document: the input's own name for a .txt, its stem
    for other formats, a digest of its text where the name is not plain ASCII."""
    stem = Path(source.origin).stem
    if _SAFE_NAME.match(stem):
        return f"{stem}.txt"
    digest = hashlib.sha256("\n".join(source.lines).encode()).hexdigest()[:16]
    return f"{digest}.txt"


def _slug(name: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", Path(name).stem.lower()).strip("-")
    return text[:40].strip("-") or "doc"


def ingest(
    path: Path,
    *,
    issuer: str | None = None,
    prefecture: str | None = None,
    fiscal_year: int | None = None,
    progress: Progress | None = None,
) -> Ingested:
    source = read_document(path)
    meta = read_metadata(source, issuer=issuer, prefecture=prefecture, fiscal_year=fiscal_year)
    shape = document_shape(source)
    name = document_name(source)
    document = Document(
        name, meta.title, meta.issuer, meta.prefecture, meta.fiscal_year, shape, source.lines
    )
    context = Context(
        source,
        document,
        meta.issuer,
        meta.prefecture,
        region_of(meta.prefecture),
        meta.fiscal_year,
        source.origin,
    )
    title_line = meta.title_lines[0] if meta.title_lines else None
    found = units(
        source,
        title_line,
        (meta.title_lines and source.line(title_line or 1).strip()) or meta.title,
    )
    ids = {u.line: f"{context.region}-{_slug(name)}-{i:03d}" for i, u in enumerate(found, start=1)}
    programs = []
    skipped = []
    for i, unit in enumerate(found, start=1):
        parent = ids.get(unit.parent) if unit.parent is not None else None
        try:
            program = build(context, unit, ids[unit.line], parent)
        except ValidationError as exc:
            skipped.append(f"{unit.line}行目「{unit.name}」: {exc.errors()[0]['msg']}")
            continue
        if meta.notes and program.review is not None:
            review = program.review.model_copy(
                update={"notes": [*meta.notes, *program.review.notes]}
            )
            program = program.model_copy(update={"review": review})
        programs.append(program)
        if progress is not None:
            progress(i, len(found))
    if not programs:
        raise IngestError("支援制度が見つかりませんでした（見出しや事業名を読み取れません）")
    return Ingested(source, meta, document, shape, programs, skipped)


def value_counts(program: Program) -> Counter[str]:
    counts: Counter[str] = Counter()
    for _, node in walk(program, ""):
        if isinstance(node, Money | CategoryCap | YearCap):
            counts["amounts"] += 1
        elif isinstance(node, Rate):
            counts["rates"] += 1
        elif isinstance(node, Period):
            counts["dates"] += 1
    counts["targets"] += sum(len(f.targets) for f in program.frames)
    return counts


def _program_yaml(program: Program) -> str:
    data = program.model_dump(mode="json", exclude_defaults=True, exclude_none=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def _index_entry(ingested: Ingested) -> dict[str, object]:
    meta = ingested.metadata
    entry: dict[str, object] = {
        "title": meta.title,
        "issuer": meta.issuer,
        "prefecture": meta.prefecture,
        "fiscal_year": meta.fiscal_year,
        "kind": ingested.shape,
        "origin": ingested.source.origin,
    }
    if meta.date is not None:
        entry["date"] = meta.date.isoformat()
    return entry


def write(ingested: Ingested, out: Path) -> list[Path]:
    """Write the document, its index entry and the drafts under `out`; the paths written."""
    return write_all([ingested], out)


def _read_index(index_path: Path) -> dict[str, object]:
    if not index_path.exists():
        return {}
    try:
        loaded = yaml.safe_load(index_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise IngestError(f"{index_path} を読めません（{exc}）") from exc
    if not isinstance(loaded, dict):
        raise IngestError(f"{index_path} が文書の一覧（mapping）ではありません")
    return loaded


def write_all(items: list[Ingested], out: Path) -> list[Path]:
    """Write several documents with their index entries and drafts under `out` as one
    change: a clash anywhere refuses all of them before anything is written."""
    index = _read_index(out / "documents" / "index.yaml")
    files: dict[Path, str] = {}
    for ingested in items:
        doc = ingested.document
        if doc.name in index or (out / "documents" / doc.name).exists():
            raise IngestError(
                f"{out / 'documents' / doc.name} は既にあります。別のフォルダを指定してください"
            )
        index[doc.name] = _index_entry(ingested)
        files[Path("documents") / doc.name] = "\n".join(doc.lines) + "\n"
        region = ingested.programs[0].id.split("-")[0]
        for program in ingested.programs:
            relative = Path("programs") / region / str(program.fiscal_year)
            path = relative / f"{program.id}.yaml"
            if path in files:
                raise IngestError(f"制度 ID {program.id} が重複しています")
            files[path] = _program_yaml(program)
    files[Path("documents") / "index.yaml"] = yaml.safe_dump(
        index, allow_unicode=True, sort_keys=False
    )
    for relative in files:
        if relative.name != "index.yaml" and (out / relative).exists():
            raise IngestError(f"{out / relative} は既にあります。別のフォルダを指定してください")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out, prefix=".ingest-") as tmp:
        for relative, text in files.items():
            target = Path(tmp) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        for relative in files:
            (out / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(Path(tmp) / relative), out / relative)
    return [out / relative for relative in files]
