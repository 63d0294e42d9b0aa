"""The data store: every dataset's vintages, editor accounts, the audit log and saved scenarios.

A relational database through SQLAlchemy 2, its schema under Alembic migrations: a SQLite file by default
(created on first start, no setup), PostgreSQL when ``DATABASE_URL`` is set. The embedded files in
``data/`` are the seed: the first start loads each table as vintage 1 (内置数据) with its sidecar's
provenance. Nothing is overwritten: an import writes a new vintage, a rollback activates an older one, and
both are logged. No Streamlit import here: the dashboard caches at its own boundary (dashboard.data).
"""
