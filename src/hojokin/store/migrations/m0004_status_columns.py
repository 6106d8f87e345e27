"""What program status, the 利用目的 filter and the 新着 sort read: whether a program is
known only from a results report (`reported`), and its jGrants use purposes.

Both go to `search_doc`. The rows stored so far lack them, so they are emptied with
`catalog_state`, and the next start reloads the catalog and fills the new columns.
"""

from __future__ import annotations

from sqlalchemy import Connection

VERSION = 4
NAME = "search_doc: reported, use_purpose"


def upgrade(conn: Connection) -> None:
    # Children first: program_window and search_posting read search_doc's programs.
    for name in ("search_posting", "program_window", "search_doc", "catalog_state"):
        conn.exec_driver_sql(f"DELETE FROM {name}")
    conn.exec_driver_sql(
        "ALTER TABLE search_doc ADD COLUMN reported BOOLEAN NOT NULL DEFAULT FALSE"
    )
    # Purposes separated by a line feed, which no purpose contains.
    conn.exec_driver_sql("ALTER TABLE search_doc ADD COLUMN use_purpose TEXT NOT NULL DEFAULT ''")
