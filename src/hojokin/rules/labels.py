"""Japanese names of the company file's codes, for explanations."""

from __future__ import annotations

LEGAL_FORMS = {
    "corporation": "会社（株式会社・合同会社等）",
    "sole_proprietor": "個人事業者",
    "npo": "特定非営利活動法人",
    "general_foundation": "一般財団法人",
    "general_association": "一般社団法人",
    "other": "その他の法人・団体",
}
INDUSTRIES = {
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
DECLARATIONS = {
    "tax_arrears": "税の滞納",
    "antisocial_forces": "暴力団等の反社会的勢力との関係",
    "past_misconduct": "過去の補助事業等での不正",
    "insolvency_proceedings": "民事再生・会社更生等の申立て",
    "same_theme_other_subsidy": "同一テーマでの他の補助",
}
SIZES = {"sme": "中小企業者", "small_business": "小規模企業者", "large": "大企業"}
DOCUMENT_STATUSES = {
    "required": "必要",
    "not_required": "不要",
    "conditional": "該当する場合に必要",
    "optional": "任意",
}
