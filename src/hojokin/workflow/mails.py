"""The workflow's mail to an applicant company, in Japanese, written to the outbox in
the transaction of the change it tells of (`mail.outbox`): one mail to each of the
company's users who can sign in."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select

from hojokin.accounts.tables import app_user
from hojokin.mail import outbox
from hojokin.mail.outbox import Mail
from hojokin.workflow.records import Booking, Call, Receipt
from hojokin.workflow.times import jst_full, jst_span

_FOOTER = (
    "\n\n※このメールは hojokin から自動で送信しています。"
    "ご不明な点は事務局へお問い合わせください。\n"
)


def to_company(conn: Connection, company_id: int, subject: str, body: str, at: datetime) -> None:
    query = (
        select(app_user.c.email)
        .where(app_user.c.company_id == company_id, app_user.c.disabled.is_(False))
        .order_by(app_user.c.id)
    )
    for email in conn.execute(query).scalars():
        outbox.enqueue(conn, Mail(email, subject, body + _FOOTER), at)


def booking_confirmed(call: Call, booking: Booking, cancel_by: datetime) -> tuple[str, str]:
    subject = f"【{call.name}】受付・確認面談のご予約を承りました"
    body = (
        f"「{call.name}」の受付・確認面談のご予約を承りました。\n\n"
        f"面談日時: {jst_span(booking.starts_at, booking.ends_at)}\n"
        f"予約番号: {booking.id}\n\n"
        "申請書類は面談までにそろえてください。申請書提出期間は "
        f"{jst_full(call.window_start)}～{jst_full(call.window_end)} です。\n"
        f"辞退される場合は {jst_full(cancel_by)} までに hojokin から手続きしてください。"
        "それ以降は事務局へ直接ご連絡ください。\n"
        "指定の日時にお越しにならない場合、申請は辞退されたものとみなします。"
    )
    return subject, body


def booking_missed(call: Call, booking: Booking) -> tuple[str, str]:
    subject = f"【{call.name}】受付・確認面談の欠席について"
    slot = jst_span(booking.starts_at, booking.ends_at)
    body = (
        f"「{call.name}」の受付・確認面談（{slot}）にお越しにならなかったため、"
        "募集要項のとおり、申請は辞退されたものとみなしました。"
    )
    return subject, body


def receipt_issued(call: Call, receipt: Receipt) -> tuple[str, str]:
    subject = f"【{call.name}】申請を受け付けました（受付番号 {receipt.number}）"
    documents = "\n".join(f"・{d}" for d in receipt.documents) or "（なし）"
    body = (
        f"「{call.name}」への申請を受け付けました。\n\n"
        f"受付番号: {receipt.number}\n"
        f"提出日時: {jst_full(receipt.submitted_at)}\n\n"
        f"提出された書類:\n{documents}\n\n"
        f"{receipt.notice}\n"
        "提出後の加筆・修正はできません。受付番号はお問い合わせの際にお伝えください。"
    )
    return subject, body


def documents_requested(call: Call, number: str | None, message: str) -> tuple[str, str]:
    subject = f"【{call.name}】書類の追加提出のお願い（受付番号 {number}）"
    body = (
        f"「{call.name}」の申請（受付番号 {number}）について、事務局から書類の追加提出の"
        f"依頼がありました。\n\n{message}\n\n"
        "hojokin の申請画面から書類を追加し、「追加書類を提出」を押してください。"
    )
    return subject, body
