"""What `make frontend` vendors for the map's admin-1 outlines (frontend/build.mjs): one small TopoJSON file
per country, an index of their boxes, and every country the store knows covered (some under the country
that governs them, as Natural Earth files them)."""

from __future__ import annotations

import json

import pytest

from conflictdb.api.app import VENDOR_DIR
from conflictdb.store.names import load_acled_names

ADMIN1 = VENDOR_DIR / "admin1"
TOTAL_BYTES = 5_000_000  # what the page may fetch at most, were every country in view at once
# Natural Earth files these under France (its overseas departments), Norway, Australia or the Netherlands
FILED_UNDER_ANOTHER = {"BQ", "BV", "CC", "CX", "GF", "GP", "MQ", "RE", "SJ", "YT"}

pytestmark = pytest.mark.skipif(not ADMIN1.is_dir(), reason="front-end assets not built (make frontend)")


def test_web_vendor_admin1_index_boxes_name_one_file_each() -> None:
    index = json.loads((ADMIN1 / "index.json").read_text(encoding="utf-8"))
    files = {path.stem for path in ADMIN1.glob("*.json")} - {"index"}
    assert set(index) == files
    for west, south, east, north in index.values():
        assert -180 <= west <= east <= 180 and -90 <= south <= north <= 90


def test_web_vendor_admin1_covers_the_countries_queries_take() -> None:
    index = json.loads((ADMIN1 / "index.json").read_text(encoding="utf-8"))
    assert set(load_acled_names().country_codes()) - set(index) <= FILED_UNDER_ANOTHER
    assert {"FR", "NO", "AU"} <= set(index)


def test_web_vendor_admin1_files_are_named_units_and_small() -> None:
    sizes = {path.stem: path.stat().st_size for path in ADMIN1.glob("*.json") if path.stem != "index"}
    assert sum(sizes.values()) < TOTAL_BYTES
    somalia = json.loads((ADMIN1 / "SO.json").read_text(encoding="utf-8"))
    units = somalia["objects"]["admin1"]["geometries"]
    assert somalia["type"] == "Topology" and "transform" in somalia  # quantized
    assert len(units) >= 10  # Somalia's regions
    assert all(u["properties"]["name"] for u in units)
    codes = [u["properties"]["code"] for u in units]
    assert "SO-BY" in codes and all(code is None or code.startswith("SO-") for code in codes)  # Bay
    assert sizes["SO"] < 20_000
