"""The database: engine, versioned migrations, the catalog stored and read back.

SQLite file by default (`var/hojokin.sqlite3` in the checkout, or `$HOJOKIN_DATABASE_URL`);
PostgreSQL when that URL says so. See docs/database.md.
"""
