"""Editor and admin accounts: argon2-hashed passwords, county scopes, lockout after repeated failures.

Viewing needs no account (the intranet default); changing data does. Every login attempt is audited,
successful or not, in the same transaction that updates the failure count, so the lockout cannot be
raced past by parallel attempts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Engine, select

from store import audit
from store.engine import reading, writing
from store.schema import User

ROLES = ("editor", "admin")
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10
NAME_PATTERN = re.compile(r"^[\w.@-]{2,64}$")  # letters (incl. Chinese), digits, . @ - _
REFUSED = "用户名或密码错误"
OIDC_ONLY = "!oidc"  # the password hash of an account that signs in only through the OIDC provider
_hasher = PasswordHasher()


class AccountError(ValueError):
    """A refused account operation; the message is Chinese and safe to show."""


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    counties: tuple[str, ...]  # () = the whole province

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def may_edit(self, code: str) -> bool:
        return not self.counties or code in self.counties


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite hands datetimes back without their zone; everything we store is UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def add_user(engine: Engine, name: str, password: str | None, role: str, counties: tuple[str, ...] = (), *,
             actor: str = "管理命令") -> Account:
    """Create an account. Raises AccountError for a taken name, a bad role or a short password.

    `password=None` makes an account that signs in only through the organisation's OIDC provider
    (st.login): `name` is then the identity the provider reports (its e-mail), and no password verifies.
    """
    if not NAME_PATTERN.match(name):
        raise AccountError(f"用户名「{name}」无效：2–64 个字母、数字或 . @ - _")
    if role not in ROLES:
        raise AccountError(f"角色「{role}」无效，应为 {' / '.join(ROLES)}")
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"密码至少 {MIN_PASSWORD_LENGTH} 个字符")
    with writing(engine) as connection:
        if connection.scalar(select(User.id).where(User.name == name)) is not None:
            raise AccountError(f"用户名「{name}」已存在")
        connection.execute(User.__table__.insert().values(
            name=name, role=role, counties=",".join(counties),
            password_hash=OIDC_ONLY if password is None else _hasher.hash(password),
            failed_logins=0, locked_until=None, created_at=datetime.now(UTC)))
        audit.record(connection, actor, "add_user", name, f"角色 {role}；县级范围 {','.join(counties) or '全省'}"
                     + ("；统一身份认证登录" if password is None else ""))
    return Account(name, role, tuple(counties))


def authenticate(engine: Engine, name: str, password: str, *, now: datetime | None = None) -> Account:
    """The account if the password is right. Raises AccountError (Chinese) otherwise, without saying
    whether the name exists; the fifth failure in a row locks the account for LOCKOUT.

    The failure count and the audit row are committed before the refusal is raised (raising inside the
    transaction would roll them back and the lockout would never trigger).
    """
    now = now or datetime.now(UTC)
    refusal: str | None = None
    with writing(engine) as connection:
        row = connection.execute(select(User.__table__).where(User.name == name)).first()
        if row is None:
            audit.record(connection, name[:100], "login_failed", name[:200], "未知用户名", ok=False)
            refusal = REFUSED
        elif (locked := _aware(row.locked_until)) is not None and locked > now:
            minutes = max(1, int((locked - now).total_seconds() // 60) + 1)
            audit.record(connection, name, "login_locked", name, f"账户锁定中，约 {minutes} 分钟后解锁", ok=False)
            refusal = f"连续 {MAX_FAILED_LOGINS} 次登录失败，账户已锁定，请约 {minutes} 分钟后再试"
        elif not _verify(row.password_hash, password):
            failures = row.failed_logins + 1
            lock = now + LOCKOUT if failures >= MAX_FAILED_LOGINS else None
            connection.execute(User.__table__.update().where(User.name == name).values(
                failed_logins=0 if lock else failures, locked_until=lock))
            audit.record(connection, name, "login_failed", name,
                         f"第 {failures} 次失败" + ("，账户锁定 15 分钟" if lock else ""), ok=False)
            refusal = f"连续 {MAX_FAILED_LOGINS} 次登录失败，账户已锁定 15 分钟" if lock else REFUSED
        else:
            connection.execute(User.__table__.update().where(User.name == name).values(
                failed_logins=0, locked_until=None))
            audit.record(connection, name, "login", name, "登录成功")
    if refusal is not None:
        raise AccountError(refusal)
    return Account(row.name, row.role, tuple(c for c in row.counties.split(",") if c))


def _verify(hashed: str, password: str) -> bool:
    if hashed == OIDC_ONLY:
        return False
    try:
        return _hasher.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def oidc_account(engine: Engine, identity: str) -> Account:
    """The account of an identity the OIDC provider has vouched for (st.user); AccountError (Chinese) if
    the department has not given it a role. Audited either way."""
    with writing(engine) as connection:
        row = connection.execute(select(User.__table__).where(User.name == identity)).first()
        if row is None:
            audit.record(connection, identity[:100], "login_failed", identity[:200], "统一身份认证：未授权的账户", ok=False)
        else:
            audit.record(connection, identity, "login", identity, "统一身份认证登录成功")
    if row is None:
        raise AccountError(f"已通过统一身份认证（{identity}），但该账户没有编辑权限：请管理员运行 "
                           f"python -m dashboard.admin add-user {identity} --role editor --oidc")
    return Account(row.name, row.role, tuple(c for c in row.counties.split(",") if c))


@reading
def accounts(engine: Engine) -> list[Account]:
    with engine.connect() as connection:
        rows = connection.execute(select(User.__table__).order_by(User.name)).all()
    return [Account(r.name, r.role, tuple(c for c in r.counties.split(",") if c)) for r in rows]
