"""`hojokin worker`: send the mail outbox over SMTP ($HOJOKIN_SMTP_HOST …), on the
configured database, migrated first; `--once` drains what is due and exits (for tests
and cron)."""

from __future__ import annotations

import logging
from typing import Annotated

import typer
from sqlalchemy.exc import SQLAlchemyError

from hojokin.accounts.service import utc_now
from hojokin.cli.console import err, fail, read_settings
from hojokin.mail import worker
from hojokin.store.engine import make_engine
from hojokin.store.migrate import migrate


def run_worker(
    once: Annotated[
        bool, typer.Option("--once", help="送信待ちのメールを送ったら終了する")
    ] = False,
) -> None:
    """Send the mail waiting in the outbox (retries a failure later, with backoff)."""
    settings = read_settings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    config = settings.smtp()
    if config is None:
        err.print(
            "SMTP サーバーが設定されていません（HOJOKIN_SMTP_HOST）。メールは送信待ちのまま"
            "残ります。内容は `hojokin admin outbox` で確認できます。",
            highlight=False,
            soft_wrap=True,
        )
        return
    engine = make_engine(settings.database_url)
    try:
        migrate(engine)
        if once:
            tally = worker.drain(engine, config, utc_now)
            err.print(f"送信 {tally.sent}件、失敗 {tally.failed}件", highlight=False)
            if tally.failed:
                raise typer.Exit(1)
            return
        err.print(f"メールを送信します: {config.host}:{config.port}（Ctrl-C で終了）")
        worker.run(engine, config, utc_now, settings.worker_poll_s)
    except SQLAlchemyError as exc:
        fail(f"データベースを使えません: {settings.database_url} ({exc.__class__.__name__})")
    except KeyboardInterrupt:
        pass
    finally:
        engine.dispose()
