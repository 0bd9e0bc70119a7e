"""What the wheel carries: every package, and the data geomap reads through importlib.resources."""

from __future__ import annotations

import tomllib
from pathlib import Path

import setuptools

from geomap import resources

ROOT = Path(__file__).resolve().parents[1]


def _setuptools_config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def _folder(package: str) -> Path:
    """Where a listed package's files are in the checkout (`package-dir`: geomap.data is data/)."""
    if package == "geomap.data" or package.startswith("geomap.data."):
        return ROOT / "data" / Path(*package.split(".")[2:])
    return ROOT / "src" / Path(*package.split("."))


def test_the_wheel_lists_every_package_under_src_the_data_package_and_each_folder_of_data_files():
    config = _setuptools_config()
    listed = set(config["packages"])
    found = {p for p in setuptools.find_packages(str(ROOT / "src")) if p.startswith("geomap")}
    data_folders = listed - found - {"geomap.data"}
    assert found | {"geomap.data"} <= listed
    # a folder of data files is a package of its own (setuptools warns at every install otherwise), with files
    for package in data_folders:
        assert not (_folder(package) / "__init__.py").exists(), package
        assert any(p.is_file() for g in config["package-data"][package] for p in _folder(package).glob(g)), package
    assert {"geomap.dashboard.assets", "geomap.io.schema", "geomap.data.boundaries"} <= data_folders


def test_every_data_file_geomap_reads_is_packaged():
    config = _setuptools_config()
    packaged = {p.relative_to(ROOT / "data").as_posix() for package, globs in config["package-data"].items()
                if package == "geomap.data" or package.startswith("geomap.data.")
                for g in globs for p in _folder(package).glob(g)}
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

