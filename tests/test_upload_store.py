"""Every broken upload of the corpus (tests/assets/uploads, plus the 60 MB, 1-million-row and zip-bomb files)
through the 数据管理 import path: the report names the problem in Chinese, and afterwards the store is
exactly what it was — same vintages, same activations, same content bytes, same audit log."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import text

from store.accounts import Account
from tests.upload_corpus import cases, valid_uploads

EDITOR = Account("editor", "editor", ())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return cases(tmp_path_factory.mktemp("uploads"))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    import os

    from store.engine import dispose_all, get_engine

    folder = tmp_path_factory.mktemp("store")
    old = os.environ.get("JILIN_STORE_PATH")
    os.environ["JILIN_STORE_PATH"] = str(folder / "uploads.sqlite")
    dispose_all()
    yield get_engine()
    dispose_all()
    if old is None:
        os.environ.pop("JILIN_STORE_PATH", None)
    else:
        os.environ["JILIN_STORE_PATH"] = old


def snapshot(engine) -> tuple:
    """Everything the store holds, as comparable values (content by hash)."""
    with engine.connect() as connection:
        vintages = connection.execute(text("SELECT id, dataset, number, content FROM vintages ORDER BY id")).all()
        activations = connection.execute(text("SELECT id, dataset, vintage_id FROM activations ORDER BY id")).all()
        events = connection.execute(text("SELECT count(*) FROM audit_events")).scalar()
    return (tuple((v.id, v.dataset, v.number, hashlib.sha256(v.content).hexdigest()) for v in vintages),
            tuple(tuple(a) for a in activations), events)


def test_the_corpus_has_at_least_thirty_broken_uploads(corpus):
    assert len({c.name for c in corpus if c.severity == "error"}) >= 30


def test_every_broken_upload_is_reported_and_leaves_the_store_as_it_was(corpus, store):
    from dashboard import imports

    before = snapshot(store)
    for case in corpus:
        account = Account("county", "editor", case.allowed_codes) if case.allowed_codes else EDITOR
        result = imports.check(case.path.read_bytes(), case.path.name, account)
        codes = {p.code for p in result.problems}
        assert case.expected_code in codes, (case.name, codes)
        assert any(case.fragment in p.message for p in result.problems), (case.name, [p.message for p in result.problems][:3])
        if result.errors:
            with pytest.raises(ValueError):
                imports.preview(result, case.path.read_bytes(), None)
        assert snapshot(store) == before, case.name


def test_valid_uploads_preview_without_writing(store):
    from analytics.scenario import baseline_scenario
    from dashboard import data, imports

    before = snapshot(store)
    scenario = baseline_scenario(data.parameters())
    for upload in valid_uploads()[:3]:
        raw = upload.path.read_bytes()
        result = imports.check(raw, upload.path.name, EDITOR)
        assert result.ok, (upload.name, result.errors[:2])
        imports.preview(result, raw, scenario)
        assert snapshot(store) == before, upload.name
