"""The company form: its choices, and reading it into the company file's model.

The fields are those of the company file (docs/contract.md); each is read on its own
so that every problem is reported at its field, then the whole is validated by the
same `parse_company` the CLI uses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from hojokin.catalog.criteria import FACT_TESTS
from hojokin.catalog.facts import Answer, Fact
from hojokin.catalog.loader import Catalog
from hojokin.catalog.validate import fact_uses
from hojokin.catalog.vocabulary import (
    DECLARATION_LABELS,
    DECLARATIONS,
    INDUSTRY_LABELS,
    LEGAL_FORM_LABELS,
)
from hojokin.ja.fields import small_number
from hojokin.ja.prefectures import PREFECTURES
from hojokin.ja.text import TextRefused, single_line
from hojokin.rules.company import Company, municipality_code, parse_company
from hojokin.rules.input_files import InputError
from hojokin.web.fields import (
    BOOLEAN_ANSWERS,
    FieldProblem,
    FormState,
    read_count,
    read_facts,
    read_percent,
    read_prefecture,
    read_yen,
)

SHARES = {
    "single_max": "最も多く出資する大企業1社の出資比率",
    "combined": "大企業全体の出資比率の合計",
    "board_share": "大企業の役員・社員が兼務する役員の割合",
}

FIELD_LABELS = {
    "name": "会社名・屋号",
    "legal_form": "法人格・事業形態",
    "industry": "業種",
    "capital": "資本金（出資の総額）",
    "employees": "常時使用する従業員数",
    "founded_on": "設立日・開業日",
    "head_office_prefecture": "本店・主たる事業所の所在地",
    "branch_prefectures": "支店・事業所のある都道府県",
    "municipality": "本店・主たる事業所の市区町村",
    "opening_notice_prefecture": "開業届を提出した都道府県（個人事業主）",
    "university_venture": "大学発ベンチャー区分",
    "zero_emission_theme": "技術開発テーマ（東京都のゼロエミッション枠）",
}


@dataclass(frozen=True)
class CompanyFormSpec:
    """What the company form asks: the common fields and these program facts."""

    facts: list[Fact]
    # Tokyo's facts with fields of their own (`FACT_TESTS`): their declarations word them;
    # a catalog that declares neither (no Tokyo program) asks neither
    university_venture: Fact | None
    zero_emission_theme: Fact | None
    legal_forms: ClassVar[Mapping[str, str]] = LEGAL_FORM_LABELS
    industries: ClassVar[Mapping[str, str]] = INDUSTRY_LABELS
    declarations: ClassVar[Mapping[str, str]] = DECLARATION_LABELS
    prefectures: ClassVar[tuple[str, ...]] = PREFECTURES
    shares: ClassVar[Mapping[str, str]] = SHARES
    boolean_answers: ClassVar[Mapping[str, str]] = BOOLEAN_ANSWERS
    labels: ClassVar[Mapping[str, str]] = FIELD_LABELS

    @property
    def prefecture_choices(self) -> dict[str, str]:
        return {p: p for p in self.prefectures}

    @property
    def university_choices(self) -> dict[str, str]:
        fact = self.university_venture
        choices = fact.choices if fact else {}
        return {letter: f"{letter} {text}" for letter, text in choices.items()}

    @property
    def theme_choices(self) -> dict[str, str]:
        choices = self.zero_emission_theme.choices if self.zero_emission_theme else {}
        return {n: f"({n}) {text}" for n, text in choices.items()}

    @property
    def share_fields(self) -> list[str]:
        return [f"share_{s}" for s in self.shares]

    @property
    def fact_fields(self) -> list[str]:
        return [f"fact_{f.name}" for f in self.facts]

    def field_names(self) -> list[str]:
        """Every form field that belongs to the company, to carry it to the estimate form."""
        names = list(FIELD_LABELS)
        names += self.share_fields
        names += [f"decl_{d}" for d in DECLARATIONS]
        names += self.fact_fields
        return names


def company_facts(catalog: Catalog, program_id: str | None = None) -> list[Fact]:
    """The company facts to ask: all of them, or those the program uses."""
    # Tokyo's theme and 大学発ベンチャー区分 have fields of their own, with their choices
    facts = [f for f in catalog.facts.values() if f.scope == "company" and f.name not in FACT_TESTS]
    if program_id is None:
        return facts
    used = fact_uses(catalog)
    return [f for f in facts if program_id in used.get(f.name, [])]


def _choice(choices: Iterable[str], message: str) -> Callable[[str], str]:
    allowed = set(choices)

    def read(text: str) -> str:
        if text not in allowed:
            raise FieldProblem(message)
        return text

    return read


def _theme(fact: Fact) -> Callable[[str], int | None]:
    def read(text: str) -> int | None:
        if not text:
            return None
        theme = small_number(text, 2)
        if theme is None or str(theme) not in fact.choices:
            raise FieldProblem("選択肢から選んでください")
        return theme

    return read


def _municipality(head: str | None) -> Callable[[str], str | None]:
    """A 市区町村 by name or code, within the head office's prefecture; blank: not given."""

    def read(text: str) -> str | None:
        try:
            return municipality_code(text, head)
        except ValueError as exc:
            raise FieldProblem(f"{exc}。例: 富山市、又は6桁のコード") from None

    return read


def _name(text: str) -> str:
    """The name as the company model keeps it (one line, bounded), refused on its field."""
    try:
        return single_line(text, FIELD_LABELS["name"], required=False)
    except TextRefused as exc:
        raise FieldProblem(str(exc)) from None


def _optional_prefecture(text: str) -> str | None:
    return read_prefecture(text) if text.strip() else None


def read_company(
    state: FormState, spec: CompanyFormSpec, vocabulary: Mapping[str, Fact]
) -> Company | None:
    """The company the form describes, or None with every problem recorded in `state`."""
    name = state.read("name", FIELD_LABELS["name"], _name)
    legal = state.read(
        "legal_form",
        FIELD_LABELS["legal_form"],
        _choice(spec.legal_forms, "法人格・事業形態を選んでください"),
        group=True,
    )
    industry = state.read(
        "industry", FIELD_LABELS["industry"], _choice(spec.industries, "業種を選んでください")
    )
    capital = state.read("capital", FIELD_LABELS["capital"], read_yen)
    employees = state.read("employees", FIELD_LABELS["employees"], read_count)
    founded = state.read_date("founded_on", FIELD_LABELS["founded_on"])
    head = state.read(
        "head_office_prefecture", FIELD_LABELS["head_office_prefecture"], read_prefecture
    )
    town = state.read("municipality", FIELD_LABELS["municipality"], _municipality(head))
    notice = state.read(
        "opening_notice_prefecture",
        FIELD_LABELS["opening_notice_prefecture"],
        _optional_prefecture,
    )
    branches = []
    for value in state.values("branch_prefectures"):
        try:
            branches.append(read_prefecture(value))
        except FieldProblem as exc:
            label = FIELD_LABELS["branch_prefectures"]
            state.add("branch_prefectures", label, str(exc), group=True)
    shares = {s: state.read(f"share_{s}", label, read_percent) for s, label in SHARES.items()}
    letters = [v for v in state.values("university_venture") if v in spec.university_choices]
    themes = spec.zero_emission_theme
    theme = (
        None
        if themes is None
        else state.read(themes.name, FIELD_LABELS[themes.name], _theme(themes))
    )
    facts: dict[str, Answer] = dict(read_facts(state, spec.facts))
    # Tokyo's facts with fields of their own: left blank, they are none
    if letters:
        facts["university_venture"] = letters
    if theme is not None:
        facts["zero_emission_theme"] = theme
    if state.errors:
        return None
    data = {
        "name": name,
        "legal_form": legal,
        "industry": industry,
        "capital_yen": capital,
        "employees": employees,
        "founded_on": founded,
        "head_office_prefecture": head,
        "branch_prefectures": branches,
        "municipality": town,
        "opening_notice_prefecture": notice,
        "large_enterprise_ownership": {s: str(v) for s, v in shares.items()},
        "declarations": {d: state.checked(f"decl_{d}", "1") for d in DECLARATIONS},
        "facts": facts,
    }
    try:
        return parse_company(data, "会社の情報", facts=vocabulary)
    except InputError as exc:
        # The readers above check every field, so this is a combination they cannot see.
        state.add("name", "会社の情報", f"入力内容を確認してください（{exc}）")
        return None
