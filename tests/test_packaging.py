"""What the wheel carries: every package, and the data geomap reads through importlib.resources."""

from __future__ import annotations

import tomllib
from pathlib import Path

import setuptools

from geomap import resources

ROOT = Path(__file__).resolve().parents[1]


def _setuptools_config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_the_wheel_lists_every_package_under_src_and_the_data_package():
    listed = set(_setuptools_config()["packages"])
    found = {p for p in setuptools.find_packages(str(ROOT / "src")) if p.startswith("geomap")}
    assert listed == found | {"geomap.data"}


def test_every_data_file_geomap_reads_is_packaged():
    globs = _setuptools_config()["package-data"]["geomap.data"]
    packaged = {p.relative_to(ROOT / "data").as_posix() for g in globs for p in (ROOT / "data").glob(g)}
    profiles = {f"conflicts/{p.name}" for p in (ROOT / "data" / "conflicts").glob("*.json")}
    read = {*profiles, "publishers.csv", "gazetteer/curated.csv", *(f"boundaries/{f}" for f in resources.BOUNDARY_FILES.values())}
    assert profiles
    assert read <= packaged
    assert all(resources.data_file(*name.split("/")).is_file() for name in read)


def test_a_checkout_builds_its_index_beside_curated_csv_and_an_install_in_the_user_cache(monkeypatch, tmp_path):
    monkeypatch.delenv(resources.INDEX_DIR_ENV, raising=False)
    assert resources.is_source_checkout()
    assert resources.gazetteer_index_dir() == ROOT / "data" / "gazetteer" / "build"
    monkeypatch.setattr(resources, "is_source_checkout", lambda: False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert tmp_path / "geomap" / "gazetteer" in resources.gazetteer_index_dir().parents
    monkeypatch.setenv(resources.INDEX_DIR_ENV, str(tmp_path / "mine"))
    assert resources.gazetteer_index_dir() == tmp_path / "mine"

