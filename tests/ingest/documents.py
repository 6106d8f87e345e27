"""Documents the ingest tests make: a PDF with a Japanese font, a DOCX, HTML and text,
all saying the same small call for applications."""

from __future__ import annotations

from pathlib import Path

from docx import Document as WordDocument
from fpdf import FPDF
from fpdf.enums import EncryptionMethod

FONT = Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")

TITLE = "ものづくり試作開発支援事業 令和7年度 募集要項"
LINES = (
    "ものづくり試作開発支援事業",
    "",
    "令和7年度 募集要項",
    "",
    "1 目的",
    "",
    "富山県内の中小企業者が行う試作品の開発に要する経費の一部を助成します。",
    "",
    "2 助成内容",
    "",
    "・ 助成率 2/3以内",
    "・ 上限額 3,000千円（下限額 500千円）",
    "・ 募集期間 令和7年5月12日（月）～令和7年6月30日（月）",
    "",
    "3 お問い合わせ",
    "",
    "公益財団法人みらい産業振興機構 電話 000-0000-0000",
)
TABLE = (("区分", "助成率", "上限額"), ("一般枠", "1/2以内", "2,000千円"))


def write_text(path: Path, encoding: str = "utf-8") -> Path:
    path.write_text("\n".join(LINES) + "\n", encoding=encoding)
    return path


def _pdf() -> FPDF:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("ipaex", fname=str(FONT))
    pdf.set_font("ipaex", size=11)
    for line in LINES:
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    with pdf.table(first_row_as_headings=False) as table:
        for row in TABLE:
            cells = table.row()
            for cell in row:
                cells.cell(cell)
    return pdf


def write_pdf(path: Path, *, password: str | None = None) -> Path:
    pdf = _pdf()
    if password is not None:
        pdf.set_encryption(
            owner_password=password, user_password=password, encryption_method=EncryptionMethod.RC4
        )
    pdf.output(str(path))
    return path


def write_image_pdf(path: Path, image: Path) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(image), x=10, y=10, w=100)
    pdf.output(str(path))
    return path


def write_docx(path: Path) -> Path:
    document = WordDocument()
    for line in LINES:
        document.add_paragraph(line)
    table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for r, row in enumerate(TABLE):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    document.core_properties.title = TITLE
    document.save(str(path))
    return path


HTML = """<!DOCTYPE html>
<html lang="ja"><head><title>{title}</title>
<style>p {{ color: red }}</style><script>var x = "上限額 9,999千円";</script></head>
<body><h1>{first}</h1><p>{third}</p>
<div>{body}</div>
<table><tr><th>{h0}</th><th>{h1}</th><th>{h2}</th></tr>
<tr><td>{r0}</td><td>{r1}</td><td>{r2}</td></tr></table>
</body></html>
"""


def write_html(path: Path) -> Path:
    body = "".join(f"<p>{line}</p>" for line in LINES[4:] if line)
    path.write_text(
        HTML.format(
            title=TITLE,
            first=LINES[0],
            third=LINES[2],
            body=body,
            h0=TABLE[0][0],
            h1=TABLE[0][1],
            h2=TABLE[0][2],
            r0=TABLE[1][0],
            r1=TABLE[1][1],
            r2=TABLE[1][2],
        ),
        encoding="utf-8",
    )
    return path
