"""The claim status model: an event the outlet tells in its own voice is reported even when a
party comments on it later, a party's claim in the sentence that tells the event stays a
claim, a denial stands; the model is rebuilt byte for byte by its training command, and a
missing or damaged model file fails with one line naming the file and ``make train`` (that it
stops ``extract`` before any article: ``test_event_model``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import ModelDamaged
from sitrep.extract.events.status import allowed, load_status_model, status_model
from sitrep.pipeline import process
from sitrep.records import Article, Claim, Event, Source

ROOT = Path(__file__).resolve().parents[2]


def _events(text: str) -> list[Event]:
    article = Article(
        text=text,
        source=Source(path="story.txt"),
        published=date(2026, 3, 17),
        published_basis="given",
    )
    return [e for e in process(article).events if e.type != "statement"]


def test_a_strike_the_outlet_tells_itself_is_reported_though_the_army_speaks_later() -> None:
    (strike,) = _events(
        "Israeli drone strike kills two in south Lebanon\n\n"
        "An Israeli drone strike on a motorbike killed two men near the village of Kfar Kila in "
        "southern Lebanon on Tuesday.\n\n"
        "The Israeli military said its aircraft had struck two Hezbollah fighters who were "
        "moving weapons near the border.\n"
    )
    assert strike.subtype == "Air/drone strike"
    assert strike.claim.status == "reported"


def test_a_party_claiming_in_the_sentence_that_tells_the_event_stays_a_claim() -> None:
    (clash,) = _events(
        "Niger army says 21 militants killed near Tera\n\n"
        "NIAMEY (Reuters) - Niger's army said on Saturday it had killed 21 militants in a clash "
        "near the western town of Tera on Friday.\n\n"
        "The army said two soldiers were wounded in the fighting.\n"
    )
    assert clash.claim.status == "claimed"
    assert clash.claim.by == "Niger's army"


def test_a_denial_the_rules_find_stands() -> None:
    events = _events(
        "KYIV (Reuters) - Russia's defence ministry said on Monday its forces had captured the "
        "village of Novoselivka in Ukraine's Donetsk region.\n\n"
        "Ukraine's General Staff denied the village had fallen, saying its troops still held "
        "their positions there.\n"
    )
    assert [e.claim.status for e in events if e.type == "battles"] == ["disputed"]


def test_only_an_event_with_a_claimant_can_be_claimed_or_confirmed() -> None:
    assert allowed(Claim(None, None, "claimed"), ["lead"]) == ("reported",)
    assert allowed(Claim("army", None, "reported"), ["lead"]) == (
        "reported",
        "claimed",
        "confirmed",
    )
    assert allowed(Claim("army", None, "claimed"), ["evidence:said"]) == ("claimed",)
    assert allowed(Claim("police", None, "disputed", ("army",)), []) == ("disputed",)


def test_status_model_missing_or_damaged_file_names_the_file_and_the_fix(tmp_path: Path) -> None:
    damaged = tmp_path / "claim_status.json"
    damaged.write_text('{"classes": ["reported"], "intercept": [0.0, 1.0], "weights": {}}')
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"\x00not json")
    for path in (damaged, garbage, tmp_path / "missing.json"):
        with pytest.raises(ModelDamaged, match=r"make train") as caught:
            load_status_model(path)
        assert str(path) in str(caught.value)


def test_status_model_card_says_its_data_licence_and_figures() -> None:
    card = status_model().card
    assert card["data"] == "bench/data/wire_events/dev"
    assert card["licence"].startswith("CC0")
    checked = card["cross_validated_by_author_batch"]
    assert checked["model"] > checked["rules"]


def test_status_model_training_is_deterministic(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    data = tmp_path / "dev"
    data.mkdir()
    for number in ("001", "002", "031", "032", "061", "062"):
        for suffix in (".json", ".txt"):
            name = f"w-dev-{number}{suffix}"
            shutil.copy(ROOT / "bench" / "data" / "wire_events" / "dev" / name, data / name)
    outputs = []
    for name in ("one.json", "two.json"):
        out = tmp_path / name
        subprocess.run(
            [sys.executable, "-m", "training.status", "--data", str(data), "--out", str(out)],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert load_status_model(tmp_path / "one.json").card["examples"] > 0
