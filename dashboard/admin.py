"""Administration from the command line: ``python -m dashboard.admin add-user NAME --role editor|admin
[--counties CODE,...] [--oidc]``, the password read from standard input (``--oidc``: no password, the account
signs in through the organisation's OIDC provider, NAME being the e-mail it reports) (never from the command line, where it
would sit in the shell history and the process list). ``list-users`` shows the accounts.

Works on the configured store (``DATABASE_URL`` or the SQLite file, see store.config).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from analytics.loaders import load_table
from store.accounts import ROLES, AccountError, accounts, add_user
from store.engine import get_engine


def _password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("密码：")
        if getpass.getpass("再次输入密码：") != first:
            raise AccountError("两次输入的密码不一致")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def _counties(text: str) -> tuple[str, ...]:
    codes = tuple(c.strip() for c in text.split(",") if c.strip())
    known = set(load_table("counties")["code"])
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise AccountError(f"区划代码「{'、'.join(unknown)}」不是吉林省的县级行政区")
    return codes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.admin", description="看板账户管理")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add-user", help="新建编辑或管理员账户（密码从标准输入读取）")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument("--counties", default="", help="县级编辑可导入的区划代码，逗号分隔；不填为全省")
    add.add_argument("--oidc", action="store_true", help="只用统一身份认证（st.login）登录：NAME 为其报告的邮箱，不设密码")
    commands.add_parser("list-users", help="列出账户")
    args = parser.parse_args(argv)
    try:
        engine = get_engine()
        if args.command == "add-user":
            password = None if args.oidc else _password()
            account = add_user(engine, args.name, password, args.role, _counties(args.counties))
            print(f"已创建账户 {account.name}（{account.role}，范围：{','.join(account.counties) or '全省'}）")
        else:
            for account in accounts(engine):
                print(f"{account.name}\t{account.role}\t{','.join(account.counties) or '全省'}")
    except AccountError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
