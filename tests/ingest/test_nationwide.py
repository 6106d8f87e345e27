"""A national 公募要領 names prefectures in passing (a disaster area's special rules, a
contact desk): no prefecture is guessed from that, which would restrict the program
to one of them, and `--prefecture 全国` drafts a program of the whole country, under
the catalog's `national/` folder, with no area criterion of its own making."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from hojokin.catalog.validate import validate
from hojokin.cli import app
from hojokin.ingest.errors import IngestError
from hojokin.ingest.meta import NO_PREFECTURE
from hojokin.ingest.service import ingest, write

runner = CliRunner()
NATIONAL = "\n".join(
    (
        "第2版：2025年4月25日",
        "小規模事業者販路開拓補助金",
        "第3回公募 公募要領",
        "",
        "1．事業の目的",
        "",
        "小規模事業者が行う販路開拓の取組に要する経費の一部を補助します。",
        "",
        "2．補助内容",
        "",
        "・補助率 2/3",
        "・補助上限額 50万円",
        "・申請受付締切 2025年6月13日（金）",
        "",
        "3．特例",
        "",
        "福島県の避難指示区域等に事業所がある事業者は、補助上限額を100万円とします。",
        "福島県内の商工会にご相談ください。北海道の事業者は最寄りの商工会議所へ。",
    )
)


@pytest.fixture
def national(tmp_path: Path) -> Path:
    path = tmp_path / "hanro_zenkoku.txt"
    path.write_text(NATIONAL, encoding="utf-8")
    return path


def test_a_prefecture_named_in_passing_is_not_guessed(national: Path) -> None:
    with pytest.raises(IngestError) as refused:
        ingest(national, issuer="全国商工会連合会")
    assert refused.value.message == NO_PREFECTURE
    result = runner.invoke(app, ["ingest", str(national)])
    assert result.exit_code != 0 and "--prefecture 全国" in result.stderr


def test_a_program_of_the_whole_country_is_drafted_under_national(
    national: Path, tmp_path: Path
) -> None:
    read = ingest(national, issuer="全国商工会連合会", prefecture="全国")
    (program,) = read.programs
    # The version stamp is not the title.
    assert program.name == "小規模事業者販路開拓補助金"
    assert (program.prefecture, program.issuer) == ("全国", "全国商工会連合会")
    assert program.id.startswith("national-")
    assert program.eligibility == []  # 福島県内 is a special rule's, not the program's area
    assert program.frames[0].cap is not None and program.frames[0].cap.yen == 500_000
    out = tmp_path / "catalog"
    write(read, out)
    assert (out / "programs" / "national" / "2025" / f"{program.id}.yaml").exists()
    assert validate(out)[1] == []


def test_a_national_program_needs_its_issuer(national: Path) -> None:
    with pytest.raises(IngestError) as refused:
        ingest(national, prefecture="全国")
    assert "--issuer で指定してください" in refused.value.message
