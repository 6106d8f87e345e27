"""Search reads two more texts of each program: its label (issuer, places, kind) and its
tags (purposes, target industries and sizes), and every text now carries its readings.

The rows stored so far lack them, so they are emptied with `catalog_state`, and the
next start reloads the catalog and fills the new columns.
"""

from __future__ import annotations

from sqlalchemy import Connection

VERSION = 5
NAME = "search_doc: label_text, tag_text"


def upgrade(conn: Connection) -> None:
    # Children first: program_window and search_posting read search_doc's programs.
    for name in ("search_posting", "program_window", "search_doc", "catalog_state"):
        conn.exec_driver_sql(f"DELETE FROM {name}")
    conn.exec_driver_sql("ALTER TABLE search_doc ADD COLUMN label_text TEXT NOT NULL DEFAULT ''")
    conn.exec_driver_sql("ALTER TABLE search_doc ADD COLUMN tag_text TEXT NOT NULL DEFAULT ''")
