"""Worked examples kept with the program files: `<program-id>.cases.yaml` beside the program's
own file (docs/catalog-format.md, "Worked examples").

Each case is a company (and a plan) with what `check --json` or `estimate --json` must say
for one frame. A case runs through the same service as those commands and is compared with
their JSON, so that an example can only pass the way a user would see it pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, model_validator

from hojokin.catalog.loader import CASES_SUFFIX, Catalog, CatalogError, Problem, read_yaml
from hojokin.catalog.primitives import CategoryId, Model, error_path
from hojokin.catalog.schema import Frame, Program
from hojokin.rules import service
from hojokin.rules.company import Company, parse_company
from hojokin.rules.input_files import InputError
from hojokin.rules.plan import Plan, parse_plan
from hojokin.views.checks import check_json, estimate_json
from hojokin.views.wording import unknown_text


class ExpectedYear(Model):
    """One plan year of `by_year`; the categories listed are compared, the others not."""

    fiscal_year: int
    grant_yen: int | None = None
    expenses: dict[CategoryId, int] = Field(default_factory=dict)
    by_category: dict[CategoryId, int] = Field(default_factory=dict)


class ExpectedLimit(Model):
    code: str
    reduced_by_yen: int


class Expected(Model):
    """What the JSON says. `eligible` is always compared; the other keys when given."""

    eligible: bool | None  # true 対象, false 対象外, null 要確認, as in the JSON
    grant_yen: int | None = None
    by_year: list[ExpectedYear] | None = None
    limits: list[ExpectedLimit] | None = None  # every limit applied, in order
    reasons: list[str] | None = None  # every reason's code, in order
    failed: list[str] | None = None  # the codes of the reasons that fail, in any order
    warnings: list[str] = Field(default_factory=list)  # codes among the warnings
    messages: list[str] = Field(default_factory=list)  # each in some reason's or warning's

    @model_validator(mode="after")
    def _failed_once(self) -> Expected:
        if self.failed is not None and len(set(self.failed)) != len(self.failed):
            raise ValueError("`failed` lists a code twice")
        return self


class CaseEntry(Model):
    name: str = Field(min_length=1)
    frame: str | None = None  # id or Japanese name; may be left out for a one-frame program
    company: dict[str, Any]  # a company file's fields
    plan: dict[str, Any] | None = None  # a plan file's fields: with one, the case estimates
    expect: Expected

    @model_validator(mode="after")
    def _amounts_need_a_plan(self) -> CaseEntry:
        e = self.expect
        if self.plan is None and (e.grant_yen, e.by_year, e.limits) != (None, None, None):
            raise ValueError("grant_yen, by_year and limits are estimated: give a plan")
        return self


@dataclass(frozen=True)
class Case:
    file: str  # as the catalog's problems name files: `catalog/programs/…/x.cases.yaml`
    index: int
    entry: CaseEntry
    program: Program
    frame: Frame
    company: Company
    plan: Plan | None


@dataclass(frozen=True)
class Difference:
    field: str  # where in the JSON, e.g. `by_year[2025].by_category.rent`
    expected: object
    actual: object


@dataclass(frozen=True)
class Outcome:
    case: Case
    differences: list[Difference]

    @property
    def passed(self) -> bool:
        return not self.differences


def case_paths(catalog: Catalog) -> list[Path]:
    return sorted((catalog.root / "programs").glob(f"**/*{CASES_SUFFIX}"))


def _relative(path: Path, catalog: Catalog) -> str:
    return str(path.relative_to(catalog.root.parent))


def _case(
    catalog: Catalog, file: str, program: Program, index: int, raw: Any, problems: list[Problem]
) -> Case | None:
    try:
        entry = CaseEntry.model_validate(raw)
    except ValidationError as exc:
        name = raw.get("name") if isinstance(raw, dict) else None
        where = f"[{index}]" + (f"（{name}）" if isinstance(name, str) else "")
        for err in exc.errors():
            path = error_path(err["loc"])
            problems.append(Problem(file, f"{where}.{path}" if path else where, err["msg"]))
        return None
    where = f"[{index}]（{entry.name}）"
    try:
        frames = service.select_frames(program, entry.frame)
    except service.UnknownProgramError as exc:
        problems.append(Problem(file, f"{where}.frame", unknown_text(exc)))
        return None
    if len(frames) > 1:
        names = ", ".join(f.id for f in frames)
        problems.append(Problem(file, f"{where}.frame", f"name one of the frames: {names}"))
        return None
    try:
        company = parse_company(entry.company, "company", catalog.facts)
        plan = None if entry.plan is None else parse_plan(entry.plan, "plan", catalog.facts)
        if plan is not None:
            service.plan_problems(program, frames[0], plan)
    except InputError as exc:
        problems.append(Problem(file, where, str(exc)))
        return None
    return Case(file, index, entry, program, frames[0], company, plan)


def load_cases(catalog: Catalog) -> list[Case]:
    """Every case of the catalog, in file order; any malformed file, entry or company or
    plan raises CatalogError naming the file and the entry."""
    problems: list[Problem] = []
    cases: list[Case] = []
    for path in case_paths(catalog):
        file = _relative(path, catalog)
        program_id = path.name.removesuffix(CASES_SUFFIX)
        program = catalog.get(program_id)
        if program is None:
            problems.append(Problem(file, "", f"no program {program_id!r} in the catalog"))
            continue
        data = read_yaml(path, catalog.root, problems)
        if not isinstance(data, list) or not data:
            if data is not None or not any(p.file == file for p in problems):
                problems.append(Problem(file, "", "expected a list of cases"))
            continue
        for index, raw in enumerate(data):
            case = _case(catalog, file, program, index, raw, problems)
            if case is not None:
                cases.append(case)
        names = [c.entry.name for c in cases if c.file == file]
        for name in {n for n in names if names.count(n) > 1}:
            problems.append(Problem(file, "", f"two cases are named {name!r}"))
    if problems:
        raise CatalogError(problems)
    return cases


def case_json(case: Case) -> dict[str, Any]:
    """What `check --json` (no plan) or `estimate --json` (a plan) prints for the case."""
    if case.plan is None:
        (check,) = [
            c for c in service.check_company([case.program], case.company) if c.frame == case.frame
        ]
        return check_json(check)
    result = service.estimate(case.program, case.frame, case.company, case.plan)
    return estimate_json(result)


def _years(expected: list[ExpectedYear], actual: list[dict[str, Any]]) -> list[Difference]:
    found = {y["fiscal_year"]: y for y in actual}
    out: list[Difference] = []
    for year in expected:
        at = f"by_year[{year.fiscal_year}]"
        got = found.get(year.fiscal_year)
        if got is None:
            out.append(Difference(at, "あり", "なし"))
            continue
        if year.grant_yen is not None and got["grant_yen"] != year.grant_yen:
            out.append(Difference(f"{at}.grant_yen", year.grant_yen, got["grant_yen"]))
        for key, wanted in (("expenses", year.expenses), ("by_category", year.by_category)):
            for category, yen in wanted.items():
                value = got[key].get(category)
                if value != yen:
                    out.append(Difference(f"{at}.{key}.{category}", yen, value))
    return out


def compare(expected: Expected, actual: dict[str, Any]) -> list[Difference]:
    """What differs between the case's expectations and the command's JSON."""
    out: list[Difference] = []

    def same(name: str, wanted: object, got: object) -> None:
        if wanted != got:
            out.append(Difference(name, wanted, got))

    reasons, warnings = actual["reasons"], actual["warnings"]
    same("eligible", expected.eligible, actual["eligible"])
    if expected.grant_yen is not None:
        same("grant_yen", expected.grant_yen, actual["grant_yen"])
    if expected.by_year is not None:
        out += _years(expected.by_year, actual["by_year"])
    if expected.limits is not None:
        wanted = [(x.code, x.reduced_by_yen) for x in expected.limits]
        same("limits", wanted, [(x["code"], x["reduced_by_yen"]) for x in actual["limits_applied"]])
    if expected.reasons is not None:
        same("reasons", expected.reasons, [r["code"] for r in reasons])
    if expected.failed is not None:
        failed = sorted({r["code"] for r in reasons if not r["passed"]})
        same("failed", sorted(expected.failed), failed)
    codes = {w["code"] for w in warnings}
    missing = [code for code in expected.warnings if code not in codes]
    if missing:
        out.append(Difference("warnings", missing, sorted(codes)))
    said = [f["message"] for f in (*reasons, *warnings)]
    for text in expected.messages:
        if not any(text in message for message in said):
            out.append(Difference("messages", text, "なし"))
    return out


def run_case(case: Case) -> Outcome:
    return Outcome(case, compare(case.entry.expect, case_json(case)))


def outcome_json(outcome: Outcome) -> dict[str, Any]:
    case = outcome.case
    return {
        "file": case.file,
        "index": case.index,
        "name": case.entry.name,
        "program_id": case.program.id,
        "frame_id": case.frame.id,
        "passed": outcome.passed,
        "differences": [
            {"field": d.field, "expected": d.expected, "actual": d.actual}
            for d in outcome.differences
        ],
    }
