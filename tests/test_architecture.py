"""Structural rules of the codebase (STYLE.md habits 1, 2 and the i18n contract)."""

from __future__ import annotations

import re

import pytest

from dashboard.i18n import EN, ZH
from dashboard.registry import PAGES
from tests.conftest import REPO_ROOT

STREAMLIT_IMPORT = re.compile(r"^\s*(import|from)\s+streamlit\b", re.MULTILINE)


@pytest.mark.parametrize("path", sorted((REPO_ROOT / "analytics").rglob("*.py")), ids=lambda p: p.name)
def test_analytics_never_imports_streamlit(path):
    assert not STREAMLIT_IMPORT.search(path.read_text(encoding="utf-8")), f"{path} imports streamlit"


def test_every_registered_page_exists_and_every_page_file_is_registered():
    registered = {spec.path for spec in PAGES}
    on_disk = {p.relative_to(REPO_ROOT).as_posix() for p in (REPO_ROOT / "pages").glob("*.py")}
    assert registered == on_disk


def test_page_titles_and_urls_are_unique():
    assert len({s.url_path for s in PAGES}) == len(PAGES)
    assert len({s.title_key for s in PAGES}) == len(PAGES)


def test_both_languages_have_the_same_strings():
    assert set(ZH) == set(EN)


@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.url_path)
def test_every_page_title_is_translated(spec):
    assert ZH[spec.title_key] and EN[spec.title_key]


def test_every_string_key_used_in_code_exists():
    """A typo in a t("...") key would raise at run time on the page; catch it here."""
    used = set()
    for path in [*(REPO_ROOT / "pages").glob("*.py"), *(REPO_ROOT / "dashboard").glob("*.py")]:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text(encoding="utf-8")))
    assert used, "no translated strings found: the pattern is broken"
    assert used <= set(ZH), sorted(used - set(ZH))
