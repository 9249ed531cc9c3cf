"""A small store for the web app's tests, and the app over it.

Four articles: a Kharkiv market strike claimed by a governor (with a photo caption and his
quote), the Russian ministry's denial of it in a second article (so the two reports form one
disputed cluster), a protest in Khartoum, and an article whose text, title, source URL and
claimant carry markup and script that must only ever be shown as text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from sitrep.records import PortableRecord
from sitrep.serve import create_app
from sitrep.store import Store
from tests.store.builders import article_json, event
from tests.store.conftest import store_location as store_location  # the fixture: SQLite, PostgreSQL

TOKEN = "test-token-7Gx"
# Where test clients send requests: a name the app answers to (TestClient's own is "testserver").
LOCAL = "http://localhost"

STRIKE = (
    "KHARKIV, Ukraine (AP) — Russian shelling hit a crowded market in Kharkiv on Tuesday, "
    "killing three civilians, regional governor Oleh Syniehubov said.\n\n"
    '"They struck people buying bread," Syniehubov said on Telegram.\n\n'
    "Rescuers work at the damaged market in Kharkiv. (AP Photo/Jane Doe)\n\n"
    "Russia's defence ministry denied targeting civilians."
)
STRIKE_SENTENCE = STRIKE[: STRIKE.index(" said.") + len(" said.")]
DENIAL = (
    "MOSCOW (Reuters) - Russia's defence ministry said on Tuesday its forces hit only military "
    "targets in Kharkiv and denied striking a market."
)
PROTEST = "KHARTOUM (AFP) - Thousands of protesters marched in Khartoum on Monday to demand an end to the war."
HOSTILE = (
    "GOMA (AP) - Fighters attacked a checkpoint near Goma on Friday "
    "<script>window.__pwned=1</script> witnesses said.\n\n"
    '<img src=x onerror="window.__pwned=1"> Another witness posted '
    '<a href="javascript:window.__pwned=1">a link</a> about the attack.'
)
HOSTILE_URL = "javascript:window.__pwned=1"
HOSTILE_CLAIMANT = '<img src=x onerror="window.__pwned=3">'

KHARKIV = ("Kharkiv", 49.98081, 36.25272)


def _strike() -> dict[str, Any]:
    claimed = event(
        "ev-strike-ap",
        type="explosions_remote_violence",
        day="2024-03-05",
        place=KHARKIV,
        actors=("Military Forces of Russia", "Civilians (Ukraine)"),
        status="disputed",
        by="Oleh Syniehubov",
        disputed_by=("Russian Defence Ministry",),
        killed=3,
        evidence=(0, len(STRIKE_SENTENCE)),
    )
    data = article_json(
        "art-strike",
        claimed,
        text=STRIKE,
        url="https://apnews.example/kharkiv",
        published="2024-03-05",
    )
    caption = STRIKE.index("Rescuers")
    caption_end = STRIKE.index(")", caption) + 1
    article = data["article"]
    article["title"] = "Shelling hits Kharkiv market"
    article["body"] = [
        {"start": 0, "end": STRIKE.index("\n\n")},
        {"start": STRIKE.index('"They'), "end": caption - 2},
        {"start": caption_end + 2, "end": len(STRIKE)},
    ]
    article["captions"] = [
        {
            "text": STRIKE[caption:caption_end],
            "credit": "AP Photo/Jane Doe",
            "count": 2,
            "date": None,
            "spans": [{"start": caption, "end": caption_end}],
        }
    ]
    quote = STRIKE.index("They struck")
    data["quotes"] = [
        {
            "speaker": "Oleh Syniehubov",
            "speaker_title": "regional governor",
            "text": "They struck people buying bread,",
            "channel": "Telegram",
            "date": "2024-03-05",
            "start": quote,
            "end": quote + len("They struck people buying bread,"),
        }
    ]
    return data


def _denial() -> dict[str, Any]:
    denied = event(
        "ev-strike-rtrs",
        type="explosions_remote_violence",
        day="2024-03-05",
        place=KHARKIV,
        actors=("Military Forces of Russia",),
        status="denied",
        by="Russian Defence Ministry",
        evidence=(0, len(DENIAL)),
    )
    return article_json("art-denial", denied, text=DENIAL, outlet="Reuters", published="2024-03-05")


def _protest() -> dict[str, Any]:
    protest = event(
        "ev-protest",
        type="protests",
        day="2024-02-12",
        place=("Khartoum", 15.55177, 32.53241),
        country="SD",
        actors=("Protesters (Sudan)",),
        evidence=(0, len(PROTEST)),
    )
    return article_json("art-protest", protest, text=PROTEST, outlet="AFP", published="2024-02-12")


def _hostile() -> dict[str, Any]:
    attack = event(
        "ev-hostile",
        type="battles",
        day="2024-01-19",
        place=("Goma", -1.67409, 29.22845),
        country="CD",
        actors=("M23",),
        by=HOSTILE_CLAIMANT,
        evidence=(0, HOSTILE.index("\n\n")),
    )
    data = article_json(
        "art-hostile", attack, text=HOSTILE, url=HOSTILE_URL, published="2024-01-19"
    )
    data["article"]["title"] = "<b>Goma</b> <script>window.__pwned=2</script>"
    return data


def sample_records() -> list[PortableRecord]:
    return [
        PortableRecord.from_dict(data) for data in (_strike(), _denial(), _protest(), _hostile())
    ]


def fill(path: Path) -> str:
    location = str(path)
    with Store(location) as store:
        for data in sample_records():
            store.add(data)
    return location


@pytest.fixture
def store_path(tmp_path: Path) -> str:
    return fill(tmp_path / "web.db")


@pytest.fixture
def app(store_path: str) -> Iterator[FastAPI]:
    application = create_app(store_path, token=TOKEN, max_upload_bytes=4000)
    yield application
    application.state.config.uploads.close()
    application.state.config.store.close()
