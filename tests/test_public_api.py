from __future__ import annotations

import sitrep


def test_public_api_all_names_exist_and_nothing_public_is_missing() -> None:
    public = {
        name
        for name, value in vars(sitrep).items()
        if not name.startswith("_") and not isinstance(value, type(sitrep))
    }
    lazy = set(sitrep._LAZY)  # imported on first use: the pipeline loads spaCy
    assert set(sitrep.__all__) - {"__version__"} == public | lazy
    for name in sitrep.__all__:
        assert hasattr(sitrep, name)


def test_public_api_errors_share_one_base() -> None:
    for name in sitrep.__all__:
        value = getattr(sitrep, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, sitrep.SitrepError)


def test_a_record_read_back_from_its_json_writes_the_same_json() -> None:
    record = sitrep.PortableRecord.from_dict(
        {"schema": "sitrep.article/1", "article": {"id": "a1", "text": "Shelling hit Kharkiv."}}
    )
    assert sitrep.PortableRecord.from_dict(record.to_dict()) == record
    assert record.to_dict()["article"]["text"] == "Shelling hit Kharkiv."
