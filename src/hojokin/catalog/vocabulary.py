"""The codes of the catalog, company files and verdicts, each set once with its Japanese
labels: legal forms, industries, declarations, company sizes, program statuses,
document statuses and verdicts. Program kinds have their own module (`catalog.kinds`).

Each set is a `Literal` (mypy and pydantic read it), its codes as a tuple in that
order, and its labels. Every other module imports them from here; a new code or label
is added here and nowhere else (docs/architecture.md, "Where things go").
"""

from __future__ import annotations

from typing import Literal, get_args

LegalForm = Literal[
    "corporation",
    "sole_proprietor",
    "npo",
    "general_foundation",
    "general_association",
    "other",
]
LEGAL_FORMS: tuple[str, ...] = get_args(LegalForm)
LEGAL_FORM_LABELS: dict[str, str] = {
    "corporation": "会社（株式会社・合同会社等）",
    "sole_proprietor": "個人事業者",
    "npo": "特定非営利活動法人",
    "general_foundation": "一般財団法人",
    "general_association": "一般社団法人",
    "other": "その他の法人・団体",
}

# The industries of 中小企業基本法's size table (rules.size), as company files give them.
Industry = Literal[
    "manufacturing",
    "construction",
    "transport",
    "software",
    "information_processing",
    "wholesale",
    "retail",
    "services",
    "other",
]
INDUSTRIES: tuple[str, ...] = get_args(Industry)
INDUSTRY_LABELS: dict[str, str] = {
    "manufacturing": "製造業",
    "construction": "建設業",
    "transport": "運輸業",
    "software": "ソフトウェア業",
    "information_processing": "情報処理サービス業",
    "wholesale": "卸売業",
    "retail": "小売業",
    "services": "サービス業",
    "other": "その他の業種",
}

# The declarations of a company file (docs/contract.md); each true one bars most programs.
Declaration = Literal[
    "tax_arrears",
    "antisocial_forces",
    "past_misconduct",
    "insolvency_proceedings",
    "same_theme_other_subsidy",
]
DECLARATIONS: tuple[str, ...] = get_args(Declaration)
DECLARATION_LABELS: dict[str, str] = {
    "tax_arrears": "税の滞納",
    "antisocial_forces": "暴力団等の反社会的勢力との関係",
    "past_misconduct": "過去の補助事業等での不正",
    "insolvency_proceedings": "民事再生・会社更生等の申立て",
    "same_theme_other_subsidy": "同一テーマでの他の補助",
}

# Tokyo's 大学発ベンチャー区分; their wording is the fact's in catalog/facts.yaml.
UniversityVenture = Literal["ア", "イ", "ウ", "エ"]
UNIVERSITY_VENTURE: tuple[str, ...] = get_args(UniversityVenture)

# Company size has two vocabularies. A catalog file *requires* a size (a criterion's or
# a variant condition's `size`): 中小企業者 or 小規模企業者, the latter implying the
# former. The rules *classify* a company into exactly one size, where "large" means
# "not an SME" (大企業, or a body the Act does not size); the search's size filter
# asks with these. Synthetic populations draw census strata, a third and unrelated
# thing (`synth.companies.STRATA`).
SizeRequirement = Literal["sme", "small_business"]
CompanySize = Literal["small_business", "sme", "large"]
# in the order the search's filter lists them
COMPANY_SIZES: tuple[CompanySize, ...] = ("large", "sme", "small_business")
SIZE_LABELS: dict[str, str] = {
    "sme": "中小企業者",
    "small_business": "小規模企業者",
    "large": "大企業",
}

# Where a program stands on a day (catalog.status decides); None: the data cannot tell.
Status = Literal["upcoming", "open", "closed", "reported"]
STATUSES: tuple[Status, ...] = ("open", "upcoming", "closed", "reported")
STATUS_LABELS: dict[Status | None, str] = {
    "open": "募集中",
    "upcoming": "募集予定",
    "closed": "募集終了",
    "reported": "実施済み（実績報告）",
    None: "募集時期未定",
}

# Whether a company must submit a frame's document (rules.documents decides).
DocumentNeed = Literal["required", "not_required", "conditional", "optional"]
DOCUMENT_NEED_LABELS: dict[str, str] = {
    "required": "必要",
    "not_required": "不要",
    "conditional": "該当する場合に必要",
    "optional": "任意",
}

# A frame's verdict for a company (rules.service.frame_verdict decides). 要件未登録
# (not_encoded) is a kind of 要確認 and worded so; front ends say why beside it.
Verdict = Literal["ineligible", "to_confirm", "not_encoded", "eligible"]
VERDICT_LABELS: dict[Verdict, str] = {
    "ineligible": "対象外",
    "to_confirm": "要確認",
    "not_encoded": "要確認",
    "eligible": "対象",
}
