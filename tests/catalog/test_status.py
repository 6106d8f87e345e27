"""Program status (募集予定 / 募集中 / 募集終了 / 実施済み) from the windows and today in JST."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from hojokin.catalog.loader import Catalog
from hojokin.catalog.status import deadline, program_status, today_jst, windows

TOKYO = "tokyo-zeroemi-innovation"


def _status(catalog: Catalog, program_id: str, today: date) -> str | None:
    program = catalog.programs[program_id]
    return program_status(program, catalog.documents[program.source.doc].kind, today)


def test_tokyo_windows_from_its_frames_and_schedule(seed_catalog: Catalog) -> None:
    # 募集期間 令和6年6月13日（木）～令和6年11月22日（金） (003 line 7), 申請受付予約期間 to
    # 11月12日, 申請書提出期間 from 11月13日: each frame's window and each schedule item.
    found = {(w.period.start, w.period.end) for w in windows(seed_catalog.programs[TOKYO])}
    assert found == {
        (date(2024, 6, 13), date(2024, 11, 22)),
        (date(2024, 6, 13), date(2024, 11, 12)),
        (date(2024, 11, 13), date(2024, 11, 22)),
    }


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2024, 6, 12), "upcoming"),
        (date(2024, 6, 13), "open"),
        (date(2024, 11, 22), "open"),
        (date(2024, 11, 23), "closed"),
        (date(2026, 11, 30), "closed"),
    ],
)
def test_tokyo_status_on_each_side_of_its_window(
    seed_catalog: Catalog, today: date, expected: str
) -> None:
    assert _status(seed_catalog, TOKYO, today) == expected


def test_deadline_is_the_open_or_next_window_end(seed_catalog: Catalog) -> None:
    program = seed_catalog.programs[TOKYO]
    # The reservation window (申請受付予約期間) closes first.
    assert deadline(program, date(2024, 6, 1)) == date(2024, 11, 12)
    assert deadline(program, date(2024, 11, 13)) == date(2024, 11, 22)
    assert deadline(program, date(2024, 11, 23)) is None


def test_hokkaido_report_entries_are_reported(seed_catalog: Catalog) -> None:
    hokkaido = [p for p in seed_catalog if p.prefecture == "北海道"]
    assert hokkaido
    for program in hokkaido:
        assert _status(seed_catalog, program.id, date(2020, 6, 1)) == "reported"


def test_a_plan_without_a_window_is_judged_by_its_fiscal_year(seed_catalog: Catalog) -> None:
    program_id = "toyama-gijutsu-kaihatsu-josei"  # 令和4年度 plan, no window of its own
    assert not windows(seed_catalog.programs[program_id])
    assert _status(seed_catalog, program_id, date(2022, 3, 31)) == "upcoming"
    # Under way and no window stated: unknown, never "open".
    assert _status(seed_catalog, program_id, date(2022, 4, 1)) is None
    assert _status(seed_catalog, program_id, date(2023, 3, 31)) is None
    assert _status(seed_catalog, program_id, date(2023, 4, 1)) == "closed"


def test_today_is_the_date_in_japan() -> None:
    # 2024-11-22 15:30 UTC is 2024-11-23 00:30 in Tokyo: the window has closed there.
    assert today_jst(datetime(2024, 11, 22, 15, 30, tzinfo=UTC)) == date(2024, 11, 23)
    assert today_jst(datetime(2024, 11, 22, 14, 59, tzinfo=UTC)) == date(2024, 11, 22)
