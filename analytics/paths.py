"""Where the embedded data lives.

`JILIN_DATA_DIR` lets tests (and an administrator) point the app at another copy of the data
folder; by default it is the repository's own `data/`.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_ENV_VAR = "JILIN_DATA_DIR"


def data_dir() -> Path:
    """The data folder in force for this process."""
    override = os.environ.get(DATA_ENV_VAR)
    return Path(override) if override else REPO_ROOT / "data"
