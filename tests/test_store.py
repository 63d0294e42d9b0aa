"""The store (store/): seeding, vintages, rollback, serialized writers, crash safety, accounts, audit.

Every test runs on SQLite and on PostgreSQL (tests/store_fixtures.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from analytics.errors import DataError
from store import audit, vintages
from store.accounts import LOCKOUT, MAX_FAILED_LOGINS, AccountError, add_user, authenticate
from store.engine import get_engine, head_revision, schema_revision
from tests.store_fixtures import BACKENDS, fresh_url

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"


@pytest.fixture(params=BACKENDS)
def engine(request, tmp_path, monkeypatch):
    monkeypatch.delenv("JILIN_DATA_DIR", raising=False)
    return get_engine(fresh_url(request.param, tmp_path))


def _add(engine, dataset="targets_register", note="", expected=None, author="editor1"):
    data = (DATA / f"{dataset}.csv").read_bytes() + b""
    return vintages.add_vintage(engine, dataset, data.replace(b"\n", b"\n", 1), author=author,
                                file_name=f"{dataset}_new.csv", file_sha256="ab" * 32, note=note,
                                provenance={"producer": author}, label="导入", expected_active=expected)


def test_first_start_migrates_and_seeds_every_table_as_vintage_one(engine):
    assert schema_revision(engine) == head_revision()
    active = vintages.active_versions(engine)
    expected = {p.name.removesuffix(".meta.yml") for p in DATA.glob("*.meta.yml")
                if p.name != "parameters.meta.yml"}
    assert set(active) == expected
    info = vintages.history(engine, "county_indicators")
    assert [v.number for v in info] == [1] and info[0].label == vintages.SEED_LABEL and info[0].active
    raw = (DATA / "county_indicators.csv").read_bytes()
    assert vintages.content(engine, info[0].id) == raw
    assert info[0].content_sha256 == hashlib.sha256(raw).hexdigest()
    assert info[0].provenance["status"] == "per_value" and info[0].provenance["producer"]
    assert [e.action for e in audit.events(engine)] == ["seed"]


def test_a_second_start_adds_nothing(engine):
    from store.engine import prepare

    before = vintages.active_versions(engine)
    prepare(engine)
    assert vintages.active_versions(engine) == before
    assert len(vintages.history(engine, "counties")) == 1


def test_an_import_appends_a_vintage_activates_it_and_is_audited(engine):
    first = vintages.active_versions(engine)["targets_register"]
    new = _add(engine, note="2025年度")
    assert vintages.active_versions(engine)["targets_register"] == new != first
    info = vintages.history(engine, "targets_register")
    assert [(v.number, v.active) for v in info] == [(2, True), (1, False)]
    assert vintages.content(engine, first) == (DATA / "targets_register.csv").read_bytes()  # untouched
    event = audit.events(engine, action="import")[0]
    assert event.actor == "editor1" and "第 2 版" in event.detail and "2025年度" in event.detail


def test_a_preview_made_stale_by_another_import_is_refused_and_writes_nothing(engine):
    first = vintages.active_versions(engine)["targets_register"]
    _add(engine, expected=first)
    with pytest.raises(DataError, match="重新校验并预览"):
        _add(engine, expected=first)
    assert len(vintages.history(engine, "targets_register")) == 2


def test_rollback_is_one_more_activation_and_logged(engine):
    first = vintages.active_versions(engine)["targets_register"]
    _add(engine)
    vintages.activate(engine, "targets_register", first, actor="admin", note="误导入")
    assert vintages.active_versions(engine)["targets_register"] == first
    assert len(vintages.history(engine, "targets_register")) == 2  # nothing deleted
    event = audit.events(engine, action="activate")[0]
    assert event.actor == "admin" and "第 1 版" in event.detail and "误导入" in event.detail
    with pytest.raises(DataError):
        vintages.activate(engine, "counties", first, actor="admin")  # a vintage of another dataset


def test_two_imports_at_once_serialize_and_neither_is_lost(engine):
    errors = []

    def run(name):
        try:
            _add(engine, author=name)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(f"editor{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    info = vintages.history(engine, "targets_register")
    assert sorted(v.number for v in info) == [1, 2, 3, 4, 5]
    assert sorted(v.author for v in info if v.number > 1) == [f"editor{i}" for i in range(4)]


KILLED_IMPORT = """
import sys, time
sys.path.insert(0, {repo!r})
from sqlalchemy import text
from store.engine import get_engine, writing
from store import vintages
engine = get_engine({url!r})
with writing(engine) as connection:
    vintages._insert(connection, "targets_register", b"code\\nbroken", label="导入", author="x",
                     file_name="half.csv", file_sha256="0" * 64, note="", provenance={{}}, activate_note="")
    print("inside", flush=True)
    time.sleep(60)
"""


def test_kill_9_in_the_middle_of_an_import_leaves_the_previous_vintage_in_force(engine):
    url = engine.url.render_as_string(hide_password=False)
    before = vintages.active_versions(engine)["targets_register"]
    child = subprocess.Popen([sys.executable, "-c", KILLED_IMPORT.format(repo=str(REPO), url=url)],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "inside"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    time.sleep(0.2)
    assert vintages.active_versions(engine)["targets_register"] == before
    info = vintages.history(engine, "targets_register")
    assert [v.number for v in info] == [1]
    assert vintages.content(engine, before) == (DATA / "targets_register.csv").read_bytes()
    _add(engine)  # and the store still takes writes (no lock left behind)


def test_a_changed_embedded_file_is_added_but_never_replaces_imported_data(tmp_path, monkeypatch, data_copy):
    from store.engine import dispose_all, prepare

    monkeypatch.setenv("JILIN_DATA_DIR", str(data_copy))
    dispose_all()
    engine = get_engine(f"sqlite:///{tmp_path / 'seed.sqlite'}")
    path = data_copy / "targets_register.csv"
    meta = data_copy / "targets_register.meta.yml"

    def release(extra: bytes) -> None:  # a new software release: the file and its checksum change together
        path.write_bytes(path.read_bytes() + extra)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        meta.write_text("\n".join(f"sha256: {digest}" if line.startswith("sha256:") else line
                                  for line in meta.read_text(encoding="utf-8").splitlines()) + "\n", encoding="utf-8")

    release(b"\n")
    prepare(engine)
    info = vintages.history(engine, "targets_register")
    assert [(v.number, v.label, v.active) for v in info] == [(2, "内置数据", True), (1, "内置数据", False)]
    imported = _add(engine)
    release(b"\n")
    prepare(engine)
    assert vintages.active_versions(engine)["targets_register"] == imported
    assert len(vintages.history(engine, "targets_register")) == 4


def test_a_tampered_embedded_file_is_not_loaded(tmp_path, monkeypatch, data_copy):
    from store.engine import dispose_all

    (data_copy / "targets_register.csv").write_bytes(b"tampered\n")
    monkeypatch.setenv("JILIN_DATA_DIR", str(data_copy))
    dispose_all()
    engine = get_engine(f"sqlite:///{tmp_path / 'tampered.sqlite'}")
    assert "targets_register" not in vintages.active_versions(engine)
    assert "counties" in vintages.active_versions(engine)


def test_accounts_hash_passwords_and_lock_after_five_failures(engine):
    add_user(engine, "县级编辑", "correct-horse-battery", "editor", ("220102",))
    with engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT password_hash FROM users").scalar()
    assert stored.startswith("$argon2id$") and "correct-horse" not in stored
    account = authenticate(engine, "县级编辑", "correct-horse-battery")
    assert account.counties == ("220102",) and account.may_edit("220102") and not account.may_edit("220103")
    now = datetime.now(UTC)
    for _ in range(MAX_FAILED_LOGINS - 1):
        with pytest.raises(AccountError, match="用户名或密码错误"):
            authenticate(engine, "县级编辑", "wrong", now=now)
    with pytest.raises(AccountError, match="已锁定 15 分钟"):
        authenticate(engine, "县级编辑", "wrong", now=now)
    with pytest.raises(AccountError, match="已锁定"):  # even the right password, while locked
        authenticate(engine, "县级编辑", "correct-horse-battery", now=now + timedelta(minutes=14))
    assert authenticate(engine, "县级编辑", "correct-horse-battery", now=now + LOCKOUT + timedelta(seconds=1))
    actions = [e.action for e in audit.events(engine)]
    assert actions.count("login_failed") == MAX_FAILED_LOGINS and actions.count("login") == 2
    assert "login_locked" in actions and "add_user" in actions
    with pytest.raises(AccountError, match="用户名或密码错误"):
        authenticate(engine, "nobody", "whatever-password")
    assert audit.events(engine)[0].action == "login_failed" and not audit.events(engine)[0].ok


def test_account_rules(engine):
    with pytest.raises(AccountError, match="至少"):
        add_user(engine, "a1", "short", "editor")
    with pytest.raises(AccountError, match="角色"):
        add_user(engine, "a1", "long-enough-pass", "root")
    add_user(engine, "a1", "long-enough-pass", "admin")
    with pytest.raises(AccountError, match="已存在"):
        add_user(engine, "a1", "long-enough-pass", "admin")


def test_admin_command_reads_the_password_from_stdin(tmp_path):
    env = {**os.environ, "JILIN_STORE_PATH": str(tmp_path / "cli.sqlite")}
    env.pop("JILIN_DATA_DIR", None)
    env.pop("DATABASE_URL", None)
    run = [sys.executable, "-m", "dashboard.admin", "add-user", "wang", "--role", "editor", "--counties", "220102"]
    done = subprocess.run(run, input="a-long-password\n", capture_output=True, text=True, cwd=REPO, env=env)
    assert done.returncode == 0, done.stderr
    assert "已创建账户 wang" in done.stdout and "a-long-password" not in done.stdout
    bad = subprocess.run(run[:-1] + ["999999"], input="a-long-password\n", capture_output=True, text=True,
                         cwd=REPO, env=env)
    assert bad.returncode == 2 and "999999" in bad.stderr
    from store.engine import dispose_all

    dispose_all()
    assert authenticate(get_engine(f"sqlite:///{tmp_path / 'cli.sqlite'}"), "wang", "a-long-password").name == "wang"


def test_vintage_provenance_is_json_with_the_sidecar_fields(engine):
    info = vintages.history(engine, "province_annual")[0]
    assert json.loads(json.dumps(info.provenance))["producer"]
    assert info.file_name == "province_annual.csv" and info.author == vintages.SEED_AUTHOR


def test_saved_items_get_a_short_id_are_found_by_search_and_know_when_data_moved_on(engine):
    from store.saved import SavedError, get_item, newer_data, save_item, saved_items

    pinned = vintages.active_versions(engine)
    item = save_item(engine, "scenario", "农村提标方案", "李明", "standards", {"sc_rural_ratio": "0.400"},
                     pinned, {"2025年农村标准": 560.5})
    again = get_item(engine, item.id)
    assert again.query == {"sc_rural_ratio": "0.400"} and again.results == {"2025年农村标准": 560.5}
    assert again.vintages == pinned and again.author == "李明"
    save_item(engine, "deck", "年终简报", "", "briefing", {"deck": "abc"}, pinned, {})
    assert [i.name for i in saved_items(engine, search="提标")] == ["农村提标方案"]
    assert [i.author for i in saved_items(engine, kind="deck")] == ["访客"]
    assert newer_data(again, pinned) == {}
    _add(engine)
    moved = newer_data(again, vintages.active_versions(engine))
    assert list(moved) == ["targets_register"] and moved["targets_register"][0] == pinned["targets_register"]
    with pytest.raises(SavedError, match="找不到编号"):
        get_item(engine, "zzzzzzzz")
    with pytest.raises(SavedError, match="格式不对"):
        get_item(engine, "<script>")
    with pytest.raises(SavedError, match="名称"):
        save_item(engine, "scenario", "  ", "x", "standards", {}, pinned, {})
    assert "save" in [e.action for e in audit.events(engine)]


def test_migrations_run_in_order_from_an_empty_database(tmp_path):
    from sqlalchemy import create_engine, inspect

    from store.engine import dispose_all

    dispose_all()
    engine = get_engine(f"sqlite:///{tmp_path / 'm.sqlite'}")
    columns = {c["name"] for c in inspect(create_engine(engine.url)).get_columns("saved_items")}
    assert "results" in columns and schema_revision(engine) == head_revision()


def test_admin_command_makes_an_oidc_only_account_without_a_password(tmp_path):
    env = {**os.environ, "JILIN_STORE_PATH": str(tmp_path / "oidc.sqlite")}
    env.pop("JILIN_DATA_DIR", None)
    env.pop("DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-m", "dashboard.admin", "add-user", "li@mzt.jl.gov.cn", "--role", "admin",
                           "--oidc"], capture_output=True, text=True, cwd=REPO, env=env, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    from store.accounts import oidc_account
    from store.engine import dispose_all

    dispose_all()
    engine = get_engine(f"sqlite:///{tmp_path / 'oidc.sqlite'}")
    assert oidc_account(engine, "li@mzt.jl.gov.cn").is_admin
    with pytest.raises(AccountError, match="没有编辑权限"):
        oidc_account(engine, "someone@else.cn")


def test_a_shared_result_is_computed_once_for_every_process(engine):
    from store.computed import shared

    calls = []

    def compute():
        calls.append(1)
        return {"fit": [1.0, 2.0]}

    assert shared(engine, "k:v1", compute) == {"fit": [1.0, 2.0]}
    assert shared(engine, "k:v1", compute) == {"fit": [1.0, 2.0]} and len(calls) == 1
    shared(engine, "k:v2", compute)  # a new vintage in the key: computed again
    assert len(calls) == 2


def test_a_fresh_process_reads_the_income_forecasts_instead_of_refitting(tmp_path, monkeypatch):
    import streamlit as st

    import analytics.forecast
    from dashboard import data
    from store.engine import dispose_all

    monkeypatch.setenv("JILIN_STORE_PATH", str(tmp_path / "warm.sqlite"))
    monkeypatch.delenv("JILIN_DATA_DIR", raising=False)
    dispose_all()
    st.cache_data.clear()
    first = data.income_forecasts()  # fitted and stored

    def refuse(*_args, **_kwargs):
        raise AssertionError("refitted although the store holds the fit for this vintage")

    monkeypatch.setattr(analytics.forecast, "forecast_province_income", refuse)
    st.cache_data.clear()  # as a new replica: nothing in memory
    again = data.income_forecasts()
    assert again["urban"].forecast.equals(first["urban"].forecast)
    st.cache_data.clear()
