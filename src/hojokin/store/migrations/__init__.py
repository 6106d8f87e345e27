"""Versioned migrations, applied in order by `hojokin.store.migrate`.

To add one: write `mNNNN_what.py` here with `VERSION = NNNN`, `NAME` and
`upgrade(conn)`, whose tables are its own (never import today's `tables.py`: a migration
describes the schema as it was when it was written), and append it to `MIGRATIONS`.
"""

from __future__ import annotations

from hojokin.store.migrations import (
    m0001_catalog,
    m0002_ranked_postings,
    m0003_posting_lists,
    m0004_status_columns,
    m0005_label_tag_texts,
    m0006_accounts,
    m0007_signin,
    m0008_workflow,
    m0009_mail_failed,
    m0010_drafts,
    m0011_published,
)

MIGRATIONS = (
    m0001_catalog,
    m0002_ranked_postings,
    m0003_posting_lists,
    m0004_status_columns,
    m0005_label_tag_texts,
    m0006_accounts,
    m0007_signin,
    m0008_workflow,
    m0009_mail_failed,
    m0010_drafts,
    m0011_published,
)
