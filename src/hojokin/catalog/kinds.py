"""The kinds of program: what a program gives or does, with the Japanese words for it.

A program file's `kind` is one of these codes; the CLI, the API, the web filter and
cards, and the exports show its label. The codes of the original ten keep their
meaning (scripts rely on them); the later ones name what the seed documents describe
beyond money and advice: information, matchmaking, facilities, research, programs
bundling several kinds, and measures the administration runs itself.
"""

from __future__ import annotations

from typing import Literal

# In display order: money first, then advice and learning, then meeting places and
# what a support body provides, then what the administration does itself.
Kind = Literal[
    "subsidy",
    "grant",
    "loan",
    "investment",
    "guarantee",
    "consultation",
    "expert_dispatch",
    "seminar",
    "matching",
    "event",
    "information",
    "facility",
    "research",
    "comprehensive",
    "public_project",
    "other",
]
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]

KIND_LABELS: dict[str, str] = {
    "subsidy": "補助金",
    "grant": "助成金・給付金",
    "loan": "融資",
    "investment": "投資・出資",
    "guarantee": "債務保証",
    "consultation": "相談",
    "expert_dispatch": "専門家派遣",
    "seminar": "セミナー・研修",
    "matching": "マッチング・商談会",
    "event": "イベント",
    "information": "情報提供",
    "facility": "施設・設備の提供",
    "research": "産学官連携・共同研究",
    "comprehensive": "総合支援",
    "public_project": "行政・支援機関の事業",
    "other": "その他",
}

# One line each, shown as the help of the kind filter; `event` and `matching` say
# where they part, since a 商談会 is also an event.
KIND_DESCRIPTIONS: dict[str, str] = {
    "subsidy": "事業に要する経費の一部を補助します（補助率・上限額があり、審査を経て交付）",
    "grant": "経費の一部を助成し、または要件を満たす事業者・個人に一定額を給付します",
    "loan": "事業に必要な資金を貸し付けます（返済が必要）",
    "investment": "ファンドなどを通じて事業者に出資・投資します",
    "guarantee": "事業者の借入れなどの債務を保証します",
    "consultation": "窓口やコーディネーター・マネージャーが経営などの相談に応じ、助言します",
    "expert_dispatch": "専門家や指導者を事業者のもとへ派遣し、現場で助言・指導します",
    "seminar": "セミナー・講習会・研修・職業訓練を開き、知識や技能を身につける場を設けます",
    "matching": (
        "商談会や受発注のあっせん、バイヤーの招へいなど、事業者を取引の相手と引き合わせます"
        "（就職・人材の橋渡しは含みません）"
    ),
    "event": (
        "展示会・博覧会・フェア・見学会・販売会などを開き、または出展をとりまとめます"
        "（相手との引き合わせが主な目的のものは「マッチング・商談会」）"
    ),
    "information": "調査結果・情報誌・ウェブサイト・データベースなどで事業者に情報を提供します",
    "facility": "研究開発施設やインキュベーション施設、機器などを事業者が使えるようにします",
    "research": "共同研究開発や産学官連携の研究会・プロジェクトを進め、参加する企業を支えます",
    "comprehensive": "補助・相談・研修など種類の異なる支援をまとめた事業です（内訳は下位の事業）",
    "public_project": (
        "行政や支援機関が自ら行うPR・誘致・普及啓発・利用促進などの事業です"
        "（事業者は参加できても、資金や個別の支援は受けません）"
    ),
    "other": "上のどれにも当たらない事業です",
}
