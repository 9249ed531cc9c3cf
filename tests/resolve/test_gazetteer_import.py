"""Importing GeoNames' own dump files. Every file here is written by the test in GeoNames' exact
formats (a few hundred generated rows, a village the built gazetteer lacks, alternate names,
admin codes, country info), layered on the session's small built gazetteer."""

from __future__ import annotations

import random
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sitrep import cli_gazetteer
from sitrep.cli import app
from sitrep.errors import GazetteerError
from sitrep.pipeline import process
from sitrep.records import Article
from sitrep.resolve.gazetteer import (
    GAZETTEER_VARIABLE,
    Gazetteer,
    ImportReport,
    clear_gazetteer_cache,
    import_geonames,
    load_gazetteer,
    open_gazetteer,
    select_gazetteer,
)
from sitrep.resolve.gazetteer._policy import parse_policy, policy_bytes

VILLAGE, VILLAGE_ID = "Hlyboka Balka", 99_000_001
# A geonameid far past GeoNames' (about 13 million today), and one no file holds.
LARGE_ID, UNKNOWN_LARGE_ID, KYIV = 9_000_000_001, 9_000_000_002, 703448
VILLAGE_POINT = (49.8123, 36.9876)
CAMP_ID, SCHOOL_ID = 99_000_002, 99_000_003
KHARKIV_OBLAST, CHUHUIV_RAION, UKRAINE = 706482, 9114317, 690791
_SYLLABLES = ("bo", "lo", "va", "ne", "ry", "ka", "mi", "sha", "tro", "zel", "hor", "dub")


def place_line(
    geonameid: int,
    name: str,
    point: tuple[float, float],
    feature: tuple[str, str] = ("P", "PPL"),
    *,
    admin: tuple[str, str] = ("07", "6314"),
    population: int = 0,
    alternates: str = "",
) -> str:
    """One line of allCountries.txt / XX.txt: 19 tab-separated columns."""
    columns = [
        str(geonameid), name, name, alternates, f"{point[0]:.5f}", f"{point[1]:.5f}",
        feature[0], feature[1], "UA", "", admin[0], admin[1], "", "", str(population), "",
        "150", "Europe/Kyiv", "2024-05-01",
    ]  # fmt: skip
    return "\t".join(columns) + "\n"


def filler_lines(count: int) -> Iterator[str]:
    """Generated places of mixed features around Kharkiv, none of them a real name."""
    rng = random.Random(21)
    features = [("P", "PPL"), ("H", "STM"), ("T", "MT"), ("S", "SCH"), ("A", "ADM3")]
    for number in range(count):
        name = "".join(rng.choice(_SYLLABLES) for _ in range(3)).title() + "ivka"
        point = (49 + rng.random(), 36 + rng.random())
        yield place_line(98_000_000 + number, name, point, features[number % len(features)])


def country_dump() -> str:
    lines = [
        place_line(VILLAGE_ID, VILLAGE, VILLAGE_POINT, alternates="Glubokaya Balka"),
        place_line(CAMP_ID, "Vovcha Balka Camp", (49.7, 36.8), ("S", "CMPRF")),
        place_line(SCHOOL_ID, "Malyi Burluk School", (49.6, 36.7), ("S", "SCH")),
        place_line(KHARKIV_OBLAST, "Kharkivska Oblast", (49.5, 36.5), ("A", "ADM1"), admin=("07", "")),
        place_line(CHUHUIV_RAION, "Chuhuivskyi Raion", (49.8, 36.9), ("A", "ADM2")),
        place_line(LARGE_ID, "Zelenyi Hai", (49.9, 36.6)),
        *filler_lines(300),
    ]  # fmt: skip
    return "".join(lines)


def alternate_names() -> str:
    rows = [
        (1, VILLAGE_ID, "uk", "Глибока Балка"),
        (2, VILLAGE_ID, "ru", "Glubokaya Balka"),
        (3, VILLAGE_ID, "", "Hlyboka-Balka"),
        (4, VILLAGE_ID, "link", "https://uk.wikipedia.org/wiki/Hlyboka_Balka"),
        (5, CAMP_ID, "en", "Vovcha Refugee Camp"),
        (6, SCHOOL_ID, "en", "Burluk Lyceum"),
        (7, KYIV, "de", "Kiewstadt"),
        (8, LARGE_ID, "ru", "Zelyonyi Gai"),
        (9, UNKNOWN_LARGE_ID, "en", "Nowhere Balka"),
    ]
    return "".join(f"{a}\t{g}\t{lang}\t{name}\t\t\t\t\t\t\n" for a, g, lang, name in rows)


COUNTRY_INFO = (
    "# GeoNames.org Country Information\n"
    "#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea(in sq km)\tPopulation\tContinent\t"
    "tld\tCurrencyCode\tCurrencyName\tPhone\tPostal Code Format\tPostal Code Regex\tLanguages\t"
    "geonameid\tneighbours\tEquivalentFipsCode\n"
    "UA\tUKR\t804\tUP\tUkraine\tKyiv\t603700\t44622516\tEU\t.ua\tUAH\tHryvnia\t380\t#####\t"
    "^(\\d{5})$\tuk,ru-UA\t690791\tPL,MD,HU,SK,BY,RO,RU\t\n"
)


def write_zip(path: Path, member: str, text: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, text.encode("utf-8"))
    return path


@pytest.fixture
def dumps(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "dumps"
    folder.mkdir()
    (folder / "admin1CodesASCII.txt").write_text("UA.07\tKharkiv\tKharkiv\t706482\n")
    (folder / "admin2Codes.txt").write_text("UA.07.6314\tChuhuiv Raion\tChuhuiv Raion\t9114317\n")
    (folder / "countryInfo.txt").write_text(COUNTRY_INFO)
    return [
        write_zip(folder / "UA.zip", "UA.txt", country_dump()),
        write_zip(folder / "alternateNamesV2.zip", "alternateNamesV2.txt", alternate_names()),
        folder / "admin1CodesASCII.txt",
        folder / "admin2Codes.txt",
        folder / "countryInfo.txt",
    ]


ImportFn = Callable[..., ImportReport]


@pytest.fixture
def run_import(gazetteer: Gazetteer, tmp_path: Path) -> ImportFn:
    def run(files: list[Path], path: Path | None = None, **options: Any) -> ImportReport:
        target = path or tmp_path / "imported.sqlite3"
        return import_geonames(files, path=target, base=gazetteer, **options)

    return run


@pytest.fixture
def imported(run_import: ImportFn, dumps: list[Path]) -> Gazetteer:
    return load_gazetteer(run_import(dumps).path, build=False)


def test_import_finds_a_village_the_built_gazetteer_lacks_with_its_point_and_admin_names(
    gazetteer: Gazetteer, imported: Gazetteer
) -> None:
    assert gazetteer.candidates(VILLAGE, skeleton="always") == []
    village = imported.candidates(VILLAGE)[0]
    assert (village.geonameid, village.kind, village.country_code) == (VILLAGE_ID, "city", "UA")
    assert (village.lat, village.lon) == VILLAGE_POINT
    assert (village.feature_class, village.feature_code) == ("P", "PPL")
    oblast = imported.admin1("UA", village.admin1_code or "")
    raion = imported.admin2("UA", village.admin1_code or "", village.admin2_code or "")
    assert oblast is not None and oblast.name == "Kharkiv"  # admin1CodesASCII's name
    assert raion is not None and raion.name == "Chuhuiv Raion"
    assert imported.candidates("Kharkivska Oblast")[0].geonameid == KHARKIV_OBLAST
    assert imported.candidates("Kharkiv region")[0].geonameid == KHARKIV_OBLAST
    country = imported.country("UA")
    assert country is not None and country.name == "Ukraine"


def test_import_finds_places_by_alternate_names_and_skips_links(imported: Gazetteer) -> None:
    assert imported.candidates("Glubokaya Balka")[0].geonameid == VILLAGE_ID
    assert imported.candidates("Hlyboka-Balka")[0].geonameid == VILLAGE_ID
    assert imported.candidates("Vovcha Refugee Camp")[0].geonameid == CAMP_ID
    names = imported.names(VILLAGE_ID)
    assert "Glubokaya Balka" in names and not any("wikipedia" in name for name in names)


def test_import_gives_alternate_names_to_built_places_and_places_of_any_id(
    imported: Gazetteer,
) -> None:
    assert imported.candidates("Kiewstadt")[0].geonameid == KYIV  # a built place the dump lacks
    assert imported.candidates("Zelyonyi Gai")[0].geonameid == LARGE_ID
    assert imported.candidates("Nowhere Balka") == []  # no file holds its place


def test_import_keeps_the_features_of_the_policy_and_the_curated_rows_on_top(
    imported: Gazetteer,
) -> None:
    camp = imported.get(CAMP_ID)
    assert camp is not None and camp.kind == "landmark"  # S.CMPRF: a refugee camp
    assert imported.get(SCHOOL_ID) is None  # S.SCH is not kept
    assert imported.candidates("Burluk Lyceum") == []  # nor are its alternate names
    assert imported.candidates("Nagorno-Karabakh")[0].geonameid < 0  # the curated row
    assert imported.candidates("Kyiv")[0].name == "Kyiv"  # the built places are all there


def test_import_places_a_story_in_the_village(imported: Gazetteer) -> None:
    text = (
        f"Russian shelling killed two civilians in the village of {VILLAGE} in the Kharkiv "
        "region on Monday, the regional governor said.\n\n"
        "Emergency workers pulled a woman from the rubble of her house, he said."
    )
    record = process(Article(text=text, published=date(2024, 5, 13)), gazetteer=imported)
    village = [place for place in record.places if place.geonameid == VILLAGE_ID]
    assert village and village[0].admin1 == "07" and village[0].role == "event"
    located = [event.location for event in record.events if event.location is not None]
    assert located and located[0].geonameid == VILLAGE_ID


def test_import_counts_malformed_lines_with_their_numbers_and_goes_on(
    run_import: ImportFn, tmp_path: Path
) -> None:
    good = place_line(VILLAGE_ID, VILLAGE, VILLAGE_POINT).encode()
    lines = [
        good,
        b"1\tshort\tline\n",
        place_line(2, "Badlat", (0, 0)).replace("0.00000", "north", 1).encode(),
        place_line(3, "Bad", (0, 0)).encode().replace(b"Bad", b"B\xffd", 1),
        place_line(4, "Far", (0, 0)).replace("0.00000", "95.0", 1).encode(),
        place_line(CAMP_ID, "Vovcha Balka Camp", (49.7, 36.8), ("S", "CMPRF")).encode(),
    ]
    dump = tmp_path / "UA.txt"
    dump.write_bytes(b"".join(lines))
    report = run_import([dump])
    (source,) = report.sources
    assert (source.rows, source.kept, source.bad) == (6, 2, 4)
    assert source.bad_lines.startswith("line 2: 3 columns, not 19; line 3: coordinates")
    assert "line 4: not UTF-8" in source.bad_lines and "line 5: coordinates" in source.bad_lines
    gazetteer = load_gazetteer(report.path, build=False)
    assert gazetteer.get(CAMP_ID) is not None  # the line after the bad ones was imported


def test_a_truncated_zip_stops_the_import_and_leaves_the_previous_file_as_it_was(
    run_import: ImportFn, dumps: list[Path], tmp_path: Path
) -> None:
    previous = run_import(dumps).path
    before = previous.read_bytes()
    cut = tmp_path / "cut" / "allCountries.zip"
    cut.parent.mkdir()
    cut.write_bytes(dumps[0].read_bytes()[:-200])
    with pytest.raises(GazetteerError) as caught:
        run_import([cut, *dumps[1:]], path=previous)
    message = str(caught.value)
    assert "allCountries.zip: not a complete zip file" in message and "\n" not in message
    assert previous.read_bytes() == before
    assert [p.name for p in previous.parent.iterdir() if p.name.startswith(".")] == []


def test_an_interrupted_import_leaves_the_previous_file_and_no_temporary_file(
    run_import: ImportFn, dumps: list[Path]
) -> None:
    previous = run_import(dumps).path
    before = previous.read_bytes()

    def interrupt(stage: str, rows: int, bad: int, done: int, total: int | None) -> None:
        if stage == "alternateNamesV2.zip":
            raise KeyboardInterrupt  # Ctrl-C halfway through

    with pytest.raises(KeyboardInterrupt):
        run_import(dumps, path=previous, progress=interrupt)
    assert previous.read_bytes() == before
    assert [p.name for p in previous.parent.iterdir() if p.name.startswith(".")] == []


def test_a_corrupt_zip_member_stops_the_import_naming_the_file(
    run_import: ImportFn, dumps: list[Path], tmp_path: Path
) -> None:
    data = bytearray(dumps[0].read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)  # the central directory is intact, the data is not
    corrupt = tmp_path / "corrupt" / "UA.zip"
    corrupt.parent.mkdir()
    corrupt.write_bytes(bytes(data))
    with pytest.raises(GazetteerError, match=r"UA\.zip: cut short, corrupt or unreadable"):
        run_import([corrupt])
    assert not (tmp_path / "imported.sqlite3").exists()


def _content(path: Path) -> list[Any]:
    with sqlite3.connect(path) as db:
        tables = ("places", "names", "place_names", "demonyms")
        rows = [db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables]
        meta = db.execute("SELECT value FROM meta WHERE key IN ('checksum', 'places')").fetchall()
    return [rows, meta]


def test_importing_the_same_files_again_gives_the_same_gazetteer(
    run_import: ImportFn, dumps: list[Path], tmp_path: Path
) -> None:
    first = run_import(dumps, path=tmp_path / "first.sqlite3")
    second = run_import(list(reversed(dumps)), path=tmp_path / "second.sqlite3")
    assert first.checksum == second.checksum
    assert _content(first.path) == _content(second.path)


def test_import_refuses_a_file_it_does_not_know_in_one_line(
    run_import: ImportFn, tmp_path: Path
) -> None:
    other = tmp_path / "places.csv"
    other.write_text("a,b\n")
    with pytest.raises(GazetteerError, match=r"places\.csv: not a GeoNames file"):
        run_import([other])
    wrong = tmp_path / "admin1CodesASCII.txt"
    wrong.write_text("a\tb\n")
    with pytest.raises(GazetteerError, match="first line has 2 columns, not 4"):
        run_import([wrong])


def test_the_feature_policy_is_checked_when_read() -> None:
    policy = parse_policy(policy_bytes())
    assert policy.kind_of("S", "AIRP") == "landmark" and policy.kind_of("S", "SCH") is None
    assert policy.kind_of("P", "PPLW") == "city" and policy.kind_of("R", "RD") is None
    broken = b'[[feature]]\nclass = "S"\ncodes = ["AIRP"]\nkind = "airport"\nreason = "x"\n'
    with pytest.raises(GazetteerError, match="feature 1: kind 'airport'"):
        parse_policy(broken + b'[alternate_names]\nreason = "x"\n')


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SITREP_CACHE_DIR", str(folder))
    monkeypatch.delenv(GAZETTEER_VARIABLE, raising=False)
    clear_gazetteer_cache()
    yield folder
    clear_gazetteer_cache()


def test_open_gazetteer_prefers_a_path_then_the_variable_then_the_import_then_the_built(
    run_import: ImportFn, dumps: list[Path], cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert select_gazetteer() == (cache_dir / "gazetteer.sqlite3", "built")
    imported = run_import(dumps, path=cache_dir / "gazetteer-geonames.sqlite3").path
    assert select_gazetteer() == (imported, "imported")
    assert open_gazetteer().candidates(VILLAGE)[0].geonameid == VILLAGE_ID
    elsewhere = run_import(dumps[:1], path=cache_dir.parent / "elsewhere.sqlite3").path
    monkeypatch.setenv(GAZETTEER_VARIABLE, str(elsewhere))
    assert select_gazetteer() == (elsewhere, "SITREP_GAZETTEER")
    assert open_gazetteer().path == elsewhere.resolve()
    assert select_gazetteer(imported) == (imported, "given")
    monkeypatch.setenv(GAZETTEER_VARIABLE, str(cache_dir / "missing.sqlite3"))
    with pytest.raises(GazetteerError, match=r"missing\.sqlite3 is missing"):
        open_gazetteer()  # named by the variable: never built there


def test_an_imported_file_made_with_other_name_keys_is_refused_not_rebuilt(
    run_import: ImportFn, dumps: list[Path]
) -> None:
    path = run_import(dumps).path
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = 'other' WHERE key = 'keys'")
    db.close()
    before = path.read_bytes()
    with pytest.raises(GazetteerError, match="sitrep gazetteer import"):
        load_gazetteer(path)
    assert path.read_bytes() == before


def test_cli_gazetteer_import_info_and_build(
    gazetteer: Gazetteer, dumps: list[Path], cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the command line; the base and the rebuilt file are the session's small
    gazetteer (the full build takes half a minute and has tests of its own)."""

    def small_base(path: Path | None = None, **options: Any) -> Gazetteer:
        return gazetteer if path is None else load_gazetteer(path, **options)

    def small_build(path: Path, **options: Any) -> Any:
        from sitrep.resolve.gazetteer import build_gazetteer

        return build_gazetteer(path, countries={"AM"}, **options)

    monkeypatch.setattr(cli_gazetteer, "load_gazetteer", small_base)
    monkeypatch.setattr(cli_gazetteer, "build_gazetteer", small_build)
    runner = CliRunner()
    done = runner.invoke(app, ["gazetteer", "import", *map(str, dumps)])
    assert done.exit_code == 0, done.output
    assert "imported into" in done.output and str(cache_dir) in done.output
    shown = runner.invoke(app, ["gazetteer", "info"])
    assert shown.exit_code == 0, shown.output
    assert "gazetteer-geonames.sqlite3 (imported with `sitrep gazetteer import`)" in shown.output
    assert "UA.zip: places" in shown.output and "imported from GeoNames dumps" in shown.output
    built = runner.invoke(app, ["gazetteer", "build"])
    assert built.exit_code == 0, built.output
    assert (cache_dir / "gazetteer.sqlite3").is_file()
    cut = cache_dir.parent / "cut" / "allCountries.zip"
    cut.parent.mkdir()
    cut.write_bytes(dumps[0].read_bytes()[:100])
    failed = runner.invoke(app, ["gazetteer", "import", str(cut)])
    assert failed.exit_code == 2 and "allCountries.zip: not a complete zip file" in failed.output
