"""The Python API: the objects the command line uses, reached from `import geomap`."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

import geomap
from geomap.records import Mention

REPORT = ("Oct 3 (Wire) - Two drones struck a fuel depot near Odesa overnight, the regional administration "
          "said, while shelling hit Kherson on Saturday, killing one man.")


def test_geoparse_prints_kharkiv_near_its_coordinates_from_a_fresh_interpreter():
    code = "import geomap; print(geomap.geoparse('Shelling hit Kharkiv on Monday.'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "surface='Kharkiv'" in out and "lat=49.98" in out and "lon=36.25" in out


def test_geoparse_takes_a_gazetteer_keyword_and_returns_mentions_with_spans(gazetteer):
    text = "Officials in Kherson and Odesa said the strikes continued."
    mentions = geomap.geoparse(text, gazetteer=gazetteer)
    assert all(isinstance(m, Mention) and text[m.start:m.end] == m.surface for m in mentions)
    assert {m.place.name for m in mentions} >= {"Kherson", "Odesa"}
    with pytest.raises(TypeError):
        geomap.geoparse(text, gazetteer)  # options are keyword-only


def test_extract_reads_text_into_mentions_and_incidents(gazetteer):
    found = geomap.extract(REPORT, gazetteer=gazetteer, published="2023-10-03")
    assert {m.surface for m in found.mentions} >= {"Odesa", "Kherson"}
    assert found.incidents and all(i.sources[0].report_id == "text" for i in found.incidents)
    assert found.report.published == "2023-10-03"


def test_open_store_ingests_filters_counts_and_exports(tmp_path, gazetteer):
    (tmp_path / "odesa.txt").write_text(REPORT, encoding="utf-8")
    with geomap.open_store(tmp_path / "s.db") as store:
        assert store.ingest([tmp_path / "odesa.txt"], gazetteer=gazetteer).reports_read == 1
        everything = store.incidents()
        view = geomap.IncidentFilter(search="kherson")
        kept = store.incidents(view)
        assert 0 < len(kept) == store.count(view) <= len(everything) == store.count()
        path = store.export(tmp_path / "kherson.geojson", filter=view)
        assert [f["id"] for f in json.loads(path.read_text())["features"]] == [i.incident_id for i in kept]
        pages = store.brief(tmp_path / "pack", filter=view, formats=["html"])
        assert "Kherson" in pages["html"].read_text(encoding="utf-8")


def test_every_public_name_is_in_all_and_resolves():
    assert set(geomap.__all__) >= {"geoparse", "extract", "open_store", "IncidentFilter", "Incident", "Mention"}
    assert all(getattr(geomap, name) is not None for name in geomap.__all__)
    importlib.import_module("geomap.geoparse.rank")  # importing a module of the subpackage leaves it callable
    assert callable(geomap.geoparse)


def test_a_module_of_geoparse_imports_by_its_dotted_name_and_geomap_geoparse_stays_callable():
    # `geomap.geoparse` is the subpackage, callable: `import geomap.geoparse.rank as rank` finds `rank` on it
    code = ("import geomap.geoparse.rank as rank\nimport geomap, sys\n"
            "print(rank.__name__, geomap.geoparse is sys.modules['geomap.geoparse'],"
            " geomap.geoparse('Shelling hit Kharkiv on Monday.')[0].surface)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["geomap.geoparse.rank", "True", "Kharkiv"]
