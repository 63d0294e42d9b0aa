"""Every data file has a sidecar with a current checksum (STYLE.md habit 4)."""

from __future__ import annotations

import pytest

from analytics.errors import DataError
from analytics.loaders import load_table
from analytics.provenance import (
    FILE_STATUSES,
    REQUIRED_KEYS,
    all_sidecars,
    read_sidecar,
    sha256_of,
    verify_checksum,
)
from tests.conftest import DATA

DATA_SUFFIXES = {".csv", ".geojson", ".json", ".yml", ".yaml", ".parquet"}
data_files = sorted(
    p for p in DATA.rglob("*")
    if p.suffix in DATA_SUFFIXES and not p.name.endswith(".meta.yml") and "scripts" not in p.parts
)
sidecars = all_sidecars(DATA)


@pytest.mark.parametrize("path", data_files, ids=lambda p: p.name)
def test_every_data_file_has_a_sidecar(path):
    sidecar = read_sidecar(path.with_name(path.stem + ".meta.yml"))
    assert sidecar.file == path.name


@pytest.mark.parametrize("sidecar", sidecars, ids=lambda s: s.file)
def test_sidecar_checksum_is_current(sidecar):
    assert sha256_of(sidecar.data_path) == sidecar.sha256, f"{sidecar.file}: run data/scripts/update_checksums.py"
    verify_checksum(sidecar)  # and the loader's own check agrees


@pytest.mark.parametrize("sidecar", sidecars, ids=lambda s: s.file)
def test_sidecar_records_provenance(sidecar):
    for key in REQUIRED_KEYS:
        assert getattr(sidecar, key), f"{sidecar.file}: {key} is empty"
    assert sidecar.status in FILE_STATUSES
    assert len(sidecar.sha256) == 64
    if sidecar.status == "per_row":
        assert sidecar.status_column in sidecar.columns


@pytest.mark.parametrize("sidecar", [s for s in sidecars if s.status == "derived"], ids=lambda s: s.file)
def test_derived_datasets_name_the_script_that_builds_them(sidecar):
    assert sidecar.script and (DATA.parent / sidecar.script).is_file()


def test_stale_checksum_is_refused_with_a_chinese_message(data_copy):
    (data_copy / "counties.csv").write_text("code\n", encoding="utf-8")
    with pytest.raises(DataError, match="数据文件「counties.csv」：文件内容与说明文件记录的 SHA-256 校验和不符"):
        load_table("counties", data_copy)


def test_missing_sidecar_is_named(data_copy):
    (data_copy / "counties.meta.yml").unlink()
    with pytest.raises(DataError, match="counties.meta.yml」：找不到说明文件"):
        load_table("counties", data_copy)


def test_missing_data_file_is_named(data_copy):
    (data_copy / "province_annual.csv").unlink()
    with pytest.raises(DataError, match="数据文件「province_annual.csv」：找不到数据文件"):
        load_table("province_annual", data_copy)


def test_sidecar_without_required_field_is_named(data_copy):
    path = data_copy / "counties.meta.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("licence:", "licence_missing:"), encoding="utf-8")
    with pytest.raises(DataError, match="说明文件缺少字段：licence"):
        read_sidecar(path)


def test_data_readme_indexes_every_file_and_sidecar():
    """data/README.md is the catalogue a person reads first: it must name every data file and sidecar."""
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for sidecar in sidecars:
        relative = sidecar.path.relative_to(DATA).as_posix()
        assert relative in readme, f"data/README.md does not list {relative}"
        assert sidecar.data_path.relative_to(DATA).as_posix() in readme
