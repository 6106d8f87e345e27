"""Published Japanese enterprise statistics that the synthetic population is drawn from.

Every table cites where its figures come from. Where the published table itself could
not be consulted, the figures are marked as approximate; docs/synthetic-companies.md
lists what was checked against which source and what was assumed.
"""

from __future__ import annotations

from datetime import date
from typing import Final

# The date the population is "observed" on; no company is founded after it.
REFERENCE_DATE: Final = date(2026, 11, 23)

# --- Headline counts -------------------------------------------------------------------
# 中小企業庁「中小企業・小規模事業者の数(2021年6月時点)の集計結果を公表します」(2023-12-13),
# from 総務省・経済産業省「令和3年経済センサス‐活動調査」再編加工.
# https://www.chusho.meti.go.jp/koukai/chousa/chu_kigyocnt/2023/231213chukigyocnt.html
# The release counts 会社 and 個人事業者 only (no 会社以外の法人, no 農林漁業).
SME_COUNT_2021: Final = 3_364_891  # 中小企業 336.5万者 (99.7%)
SMALL_BUSINESS_COUNT_2021: Final = 2_853_356  # うち小規模事業者 285.3万者
LARGE_COUNT_2021: Final = 10_364  # 大企業 1万364者 (0.3%)

# --- SMEs by industry (日本標準産業分類 大分類) -------------------------------------------
# (大分類, 中小企業数, 小規模事業者の割合) for 2021, 民営・非一次産業 (会社 and 個人事業者).
# Source table: 中小企業庁「中小企業・小規模事業者の数(2021年6月時点)」統計表「産業別規模別企業数」
# (総務省・経済産業省「令和3年経済センサス‐活動調査」再編加工; published 2023-12-13; the same
# table is 中小企業白書 付属統計資料「産業別規模別企業数(民営, 非一次産業, 2021年)」),
# https://www.chusho.meti.go.jp/koukai/chousa/chu_kigyocnt/index.html (data file dl/kigyou2.xlsx).
# The table itself could not be opened; its rows were found as transcribed in public GitHub
# files (found by code search; the index did not name the repositories):
# - OFFICIAL (transcribed) 中小企業数, 7 rows: 建設業 424,976, 製造業 335,552, 卸売業 202,432,
#   小売業 527,138, 不動産業,物品賃貸業 324,197 — a bankruptcy-rate benchmark module citing
#   「中小企業の企業数・事業者数」2021年; 不動産業,物品賃貸業 324,197 (大企業 347),
#   宿泊業,飲食サービス業 424,543 (大企業 513) and 医療,福祉 205,710 (大企業 274) —
#   industry-research notes citing the 統計表「産業別規模別企業数」. The two agree on 不動産業.
# - APPROXIMATE, the other 10 counts: the benchmark module also gives two sums, 運輸業,郵便業 +
#   情報通信業 = 120,060 and the seven service 大分類 (学術研究 … サービス業(他に分類されないもの),
#   incl. 宿泊・飲食 and 医療,福祉) = 1,396,616; what is left of 3,364,891 (33,920) is 鉱業 +
#   電気・ガス + 金融,保険. Each sum, less its official rows, is split in the 2014 proportions
#   of the next item and rounded to the nearest hundred (so the 17 rows sum to 57 more than
#   3,364,891). The grouping is read from the module's category names, not stated by it.
# - APPROXIMATE, all 17 小規模 shares: no 2021 share was found. Each is the 2014 share of the
#   same 大分類 — 中小企業庁's 2014 count as reproduced in OECD (2018) "SMEs in Public
#   Procurement", Table 23.1 "Number of business establishments and enterprises by industry and
#   size in Japan, 2014",
#   https://oecd.org/en/publications/2018/10/smes-in-public-procurement_g1g98d8f/full-report/component-29.html
#   (totals 3,809,228 SMEs and 3,252,254 small, the Agency's own 2014 figures) — with every
#   non-small share (1 − share) scaled by 1.053 so that the rows reproduce the published 2021
#   total of 2,853,356 小規模事業者 (to 0.01%), then rounded to 0.001. Table 23.1 merges
#   卸売業 and 小売業 (79.56% small); their split, 0.705 / 0.830 before scaling, is ASSUMED: it
#   keeps the gap of the earlier estimates (0.73 / 0.86) at that mean.
SMES_BY_JSIC_2021: Final[tuple[tuple[str, int, float], ...]] = (
    ("鉱業,採石業,砂利採取業", 1_500, 0.877),  # approximate count
    ("建設業", 424_976, 0.953),
    ("製造業", 335_552, 0.861),
    ("電気・ガス・熱供給・水道業", 1_000, 0.693),  # approximate count
    ("情報通信業", 45_900, 0.645),  # approximate count
    ("運輸業,郵便業", 74_200, 0.714),  # approximate count
    ("卸売業", 202_432, 0.689),
    ("小売業", 527_138, 0.821),
    ("金融業,保険業", 31_400, 0.960),  # approximate count
    ("不動産業,物品賃貸業", 324_197, 0.975),
    ("学術研究,専門・技術サービス業", 176_200, 0.846),  # approximate count
    ("宿泊業,飲食サービス業", 424_543, 0.847),
    ("生活関連サービス業,娯楽業", 357_300, 0.920),  # approximate count
    ("教育,学習支援業", 100_500, 0.872),  # approximate count
    ("医療,福祉", 205_710, 0.680),
    ("複合サービス事業", 3_300, 0.996),  # approximate count
    ("サービス業(他に分類されないもの)", 129_100, 0.682),  # approximate count
)

# How each 大分類 maps onto the generator's nine industries (shares sum to 1 per row).
# 情報通信業 is split by its 中分類: ソフトウェア業 → software, 情報処理・提供サービス業 →
# information_processing, the rest (通信, 放送, インターネット附随, 映像・音声・文字情報制作)
# → other. ASSUMPTION, not checked against a published table: 44% / 14% / 42%, i.e.
# 情報サービス業 a little under 60% of 情報通信業's enterprises, three quarters of it
# ソフトウェア業.
JSIC_TO_INDUSTRY: Final[dict[str, dict[str, float]]] = {
    "鉱業,採石業,砂利採取業": {"other": 1.0},
    "建設業": {"construction": 1.0},
    "製造業": {"manufacturing": 1.0},
    "電気・ガス・熱供給・水道業": {"other": 1.0},
    "情報通信業": {"software": 0.44, "information_processing": 0.14, "other": 0.42},
    "運輸業,郵便業": {"transport": 1.0},
    "卸売業": {"wholesale": 1.0},
    "小売業": {"retail": 1.0},
    "金融業,保険業": {"other": 1.0},
    "不動産業,物品賃貸業": {"other": 1.0},
    "学術研究,専門・技術サービス業": {"services": 1.0},
    "宿泊業,飲食サービス業": {"services": 1.0},
    "生活関連サービス業,娯楽業": {"services": 1.0},
    "教育,学習支援業": {"services": 1.0},
    "医療,福祉": {"services": 1.0},
    "複合サービス事業": {"services": 1.0},
    "サービス業(他に分類されないもの)": {"services": 1.0},
}

# --- SMEs by prefecture ---------------------------------------------------------------
# 中小企業数 by 本社所在地 for 2016 (JIS order), from the table 中小企業白書 付属統計資料
# 「都道府県別規模別企業数(民営, 非一次産業)」(2021年版: 2016年; 2025年版 6表: 2012, 2014, 2016 and
# 2021年; 平成28年経済センサス‐活動調査 再編加工), https://www.chusho.meti.go.jp/pamflet/hakusyo/
# The table itself could not be opened. OFFICIAL, 7 rows:
# - 秋田県 33,096, 徳島県 25,345, 和歌山県 34,367, quoted exactly (2021年版) by ねとらぼ調査隊,
#   https://nlab.itmedia.co.jp/research/articles/580731/
# - 東京都 413,408, 神奈川県 187,428, 愛知県 208,310, 大阪府 270,874: each prefecture's 2016 total
#   (中小企業 + 大企業) less its 2016 大企業. Totals 417,988 / 188,015 / 208,948 / 271,936 from the
#   2025年版 6表 (https://www.chusho.meti.go.jp/pamflet/hakusyo/2025/chusho/f6.html) as transcribed
#   in github.com/sibukixxx/insight, data/public-evidence/company-count/source_extract.csv (its
#   national 2016 total 3,589,333 is exactly 3,578,176 + 11,157); 大企業 4,580 / 587 / 638 / 1,062
#   (2021年版) as quoted in https://nlab.itmedia.co.jp/research/articles/580801/, whose shares
#   (1.096%, 0.312%, 0.391%) these totals reproduce.
# APPROXIMATE, the other 40: 埼玉県 is the same file's 2016 total 161,613 less an ASSUMED
# 100–300 大企業, rounded to 161,500; the other 39 are estimates rounded to the nearest 500, made
# without the table. The 47 sum to 3,573,828 against the published 3,578,176.
# The 2021 column was found only as totals for 東京都 423,595, 大阪府 262,619, 愛知県 195,912,
# 神奈川県 184,197 and 埼玉県 150,341 (same file; national 3,375,255 = 3,364,891 + 10,364),
# without the 中小/大 split, so the weights stay 2016's.
SMES_BY_PREFECTURE_2016: Final[tuple[int, ...]] = (
    148_000, 41_500, 38_000, 62_000, 33_096, 38_000, 61_000,  # 北海道–福島県
    84_000, 61_000, 66_000, 161_500, 123_000, 413_408, 187_428,  # 茨城県–神奈川県
    76_000, 33_000, 40_000, 29_000, 30_500, 73_000, 68_000,  # 新潟県–岐阜県
    112_000, 208_310, 51_000, 35_000, 79_000, 270_874, 148_000,  # 静岡県–兵庫県
    29_500, 34_367, 16_000, 22_000, 52_000, 80_000, 38_000,  # 奈良県–山口県
    25_345, 31_500, 44_500, 24_000, 133_000, 24_000, 39_000,  # 徳島県–長崎県
    49_000, 34_000, 33_500, 50_500, 42_000,  # 熊本県–沖縄県
)  # fmt: skip

# 大企業 by 本社所在地, 2016 (same white paper, as quoted by ねとらぼ調査隊 above):
# 東京都 4,580, 大阪府 1,062, 愛知県 638, 神奈川県 587 of 11,157 in all
# (the national total from the 2023 中小企業庁 release above).
LARGE_BY_PREFECTURE_2016: Final[dict[str, int]] = {
    "東京都": 4_580,
    "大阪府": 1_062,
    "愛知県": 638,
    "神奈川県": 587,
}
LARGE_TOTAL_2016: Final = 11_157

# --- Legal form -----------------------------------------------------------------------
# 小規模事業者 by 個人/法人 and with/without 常用雇用者, 2014: 個人(雇用なし) 約113万,
# 個人(雇用あり) 約84万 employing 約177万, 法人(雇用なし) 約31万, 法人(雇用あり) 約97万
# employing 約415万. 2018年版小規模企業白書 第1-2-4図,
# https://www.chusho.meti.go.jp/pamflet/hakusyo/H30/h30/shoukibodeta/html/b1_2_1_2.html
SMALL_SOLE_NO_EMPLOYEES: Final = 1_130_000
SMALL_SOLE_WITH_EMPLOYEES: Final = 840_000
SMALL_SOLE_EMPLOYEES_TOTAL: Final = 1_770_000
SMALL_CORP_NO_EMPLOYEES: Final = 310_000
SMALL_CORP_WITH_EMPLOYEES: Final = 970_000
SMALL_CORP_EMPLOYEES_TOTAL: Final = 4_150_000
# ASSUMPTION: 個人事業者 among 中規模企業 (employees above the 小規模 limit); not published
# in the sources above. With the 2014 small-business split this gives ≈ 53% 個人 among SMEs.
MEDIUM_SOLE_SHARE: Final = 0.10

# 特定非営利活動法人 認証法人数 49,611 (2024-10-31). 内閣府NPOホームページ「認証申請受理数・
# 認証数(所轄庁別)」, https://www.npo-homepage.go.jp/about/toukei-info/ninshou-zyuri
NPO_COUNT: Final = 49_611
# ASSUMPTION: stocks of 一般社団法人 and 一般財団法人. About 6,000 一般社団法人 have been
# founded each year since the 2008 reform (東京商工リサーチ「2019年『一般社団法人』の新設法人調査」:
# 6,083 in 2019, 5,996 in 2016; https://www.tsr-net.co.jp/data/detail/1189938_1527.html);
# 一般財団法人 were founded at about one sixth of that rate in the first year (409 vs 2,543,
# 法務省 登記統計 as reported by シーズ, https://npoweb.jp/). Net of dissolutions we assume:
GENERAL_ASSOCIATION_COUNT: Final = 70_000
GENERAL_FOUNDATION_COUNT: Final = 8_000
# ASSUMPTION: 企業組合, 協同組合, 医療法人 and other forms, as a share of all rows.
OTHER_FORM_SHARE: Final = 0.005

# Industry mix of 一般社団法人 founded in 2019 (東京商工リサーチ, above): サービス業他 78.8%,
# 金融・保険業 8.5%, 情報通信業 6.3%, 不動産業 3.3%, the rest 3.1%; 情報通信業 split as in
# JSIC_TO_INDUSTRY. NPOs and 一般財団法人 are ASSUMED to be services-heavy in the same way
# (NPO活動分野 are mostly 保健・医療・福祉, 社会教育, まちづくり …).
NONPROFIT_INDUSTRY: Final[dict[str, float]] = {
    "services": 0.788,
    "other": 0.085 + 0.033 + 0.031 + 0.063 * 0.42,
    "software": 0.063 * 0.44,
    "information_processing": 0.063 * 0.14,
}

# --- Capital (資本金) of corporations ----------------------------------------------------
# 中小企業庁「2004年中小企業実態基本調査」: 法人企業145万社 by 資本金階級 — 1千万円以下 79.8%,
# 1千万円超~3千万円 13.3%, 3千万円超~5千万円 4.2%, 5千万円超~1億円 1.9%, 1億円超~3億円 0.5%,
# 3億円超 0.2% (ゼイタックス, http://taxcom.co.jp/news/zeimu/2002/2002_04/zeimu2002_04_15_001.htm).
# Median 資本金 of SMEs in CRD (2015 決算期) 510万円: 2018年版中小企業白書 第1-2-1図,
# https://www.chusho.meti.go.jp/pamflet/hakusyo/H30/h30/html/b1_2_1_1.html
# Upper bounds (yen) of the classes; the last class is open and capped for sampling.
CAPITAL_CLASS_BOUNDS: Final[tuple[int, ...]] = (
    10_000_000,
    30_000_000,
    50_000_000,
    100_000_000,
    300_000_000,
    5_000_000_000,
)
CAPITAL_CLASS_SHARES_2004: Final[tuple[float, ...]] = (0.798, 0.133, 0.042, 0.019, 0.005, 0.002)
# ASSUMPTION: the published mix split by size, small corporations lower and medium ones
# higher; weighted by how many corporations the generator makes of each (about 71:29) they
# reproduce the 2004 shares to within half a point.
CAPITAL_CLASS_SHARES_SMALL: Final[tuple[float, ...]] = (0.900, 0.080, 0.015, 0.004, 0.001, 0.000)
CAPITAL_CLASS_SHARES_MEDIUM: Final[tuple[float, ...]] = (0.550, 0.270, 0.100, 0.055, 0.020, 0.005)
# ASSUMPTION: within 1千万円以下, the old minimum capitals of 株式会社 (1,000万円) and
# 有限会社 (300万円) are common point masses; the rest spreads log-uniformly from 50万円,
# which puts the median near CRD's 510万円.
CAPITAL_AT_10M_SHARE: Final = 0.30
CAPITAL_AT_3M_SHARE: Final = 0.25
CAPITAL_LOWEST: Final = 500_000

# --- Age (設立・開業からの年数) -------------------------------------------------------------
# Japan's 開業率 and 廃業率 have both been around 4–5% a year for decades (雇用保険事業年報
# ベース; 2010 開業率 4.5% per imidas, https://imidas.jp/topic/detail/A-00-101-13-11-G221.html;
# 「現状はともに約5%」, 原田信行「開業と廃業」2015). ASSUMPTION: a constant 4% yearly exit
# hazard, so ages are exponential with a mean of about 25 years, capped at 150 years.
EXIT_HAZARD: Final = 0.04
MAX_AGE_YEARS: Final = 150
# Legal forms cannot be older than their statutes.
NPO_LAW_START: Final = date(1998, 12, 1)  # 特定非営利活動促進法 施行
GENERAL_CORPORATION_LAW_START: Final = date(2008, 12, 1)  # 一般法人法 施行

# --- Rare attributes --------------------------------------------------------------------
# 大学発ベンチャー 3,306社 (2021年10月). 経済産業省「令和3年度大学発ベンチャー実態等調査」,
# as reported at https://webmaga.j-toyama.jp/2022/05/30/ — about 0.2% of corporations.
UNIVERSITY_VENTURE_COUNT: Final = 3_306
# 全国企業倒産 (負債1,000万円以上) 8,690件 in 2023. 東京商工リサーチ, reported by Reuters,
# https://newspicks.com/news/9448590/body — about 0.25% of enterprises a year.
BANKRUPTCIES_2023: Final = 8_690
# ASSUMPTIONS (no published rate for the flag as the forms word it):
TAX_ARREARS_SHARE: Final = 0.015
ANTISOCIAL_SHARE: Final = 0.00005
PAST_MISCONDUCT_SHARE: Final = 0.001
SAME_THEME_OTHER_SUBSIDY_SHARE: Final = 0.01
SOGYO_JUKU_SHARE_YOUNG: Final = 0.02  # of enterprises founded in the last 5 years
SOGYO_JUKU_SHARE_OLD: Final = 0.001
ZERO_EMISSION_SHARE_TOKYO_TECH: Final = 0.03  # Tokyo manufacturing/software/information_processing
ZERO_EMISSION_SHARE_OTHER: Final = 0.001
LARGE_OWNED_SHARE: Final = 0.02  # corporations with any large-enterprise shareholder
MULTI_PREFECTURE_SHARE: Final[dict[str, float]] = {"small": 0.01, "medium": 0.15, "large": 0.6}
