"""Refresh the sha256 recorded in every provenance sidecar under data/.

Run this after deliberately changing a data file (and record why in the sidecar's source or note).
It rewrites only the `sha256:` line, so comments and layout in the YAML are kept.

    python data/scripts/update_checksums.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(DATA.parent))

from analytics.provenance import SIDECAR_SUFFIX, sha256_of  # noqa: E402

SHA_LINE = re.compile(r"^sha256:.*$", re.MULTILINE)
FILE_LINE = re.compile(r"^file:\s*(\S+)\s*$", re.MULTILINE)


def refresh(sidecar: Path) -> bool:
    """Write the data file's current checksum into its sidecar; True if it changed."""
    text = sidecar.read_text(encoding="utf-8")
    match = FILE_LINE.search(text)
    if not match:
        raise SystemExit(f"{sidecar}: no 'file:' line")
    line = f"sha256: {sha256_of(sidecar.parent / match.group(1))}"
    updated = SHA_LINE.sub(line, text) if SHA_LINE.search(text) else text.rstrip("\n") + "\n" + line + "\n"
    if updated != text:
        sidecar.write_text(updated, encoding="utf-8")
    return updated != text


def main() -> None:
    for sidecar in sorted(DATA.rglob("*" + SIDECAR_SUFFIX)):
        if "scripts" in sidecar.parts:
            continue
        print(("updated " if refresh(sidecar) else "ok      ") + str(sidecar.relative_to(DATA)))


if __name__ == "__main__":
    main()
