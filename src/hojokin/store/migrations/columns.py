"""Column types the migrations share. Not a migration (`MIGRATIONS` lists those by
hand), and frozen like one: every migration that uses a type here creates it this way,
so a changed type is a new name, never an edit.

`Key`: text that sorts byte-wise on both databases — PostgreSQL's default collation
would order `a-b` and `ab` differently from SQLite, and results must agree.
`Time`: an instant, stored with its zone (UTC)."""

from __future__ import annotations

from sqlalchemy import DateTime, String

Key = String().with_variant(String(collation="C"), "postgresql")
Time = DateTime(timezone=True)
