"""Who took a place names the taking: government forces regain, a non-state group overtakes."""

from __future__ import annotations

import pytest

from sitrep.extract.events import classify
from sitrep.extract.events.territory import OVERTAKES, REGAINS, taker, taker_first
from sitrep.records import Actor, PlaceMention


@pytest.mark.parametrize(
    ("sentence", "subtype"),
    [
        # a government's capture that names the rebels it was taken from
        ("Government troops and allied fighters recaptured the rebel-held town of Kafr Nabl "
         "on Sunday, state media said.", REGAINS),
        ("Rebel fighters seized the town of Saraqeb from government forces on Thursday.",
         OVERTAKES),
        # the speaker is not the taker
        ("According to an army spokesman, militants gained control of the district "
         "headquarters after two days of fighting.", OVERTAKES),
        # a passive: the taker follows "by"
        ("The town of Bama, held by insurgents since March, was recaptured by the army on "
         "Tuesday, officials said.", REGAINS),
        ("The district headquarters was seized by insurgents early on Tuesday after a night "
         "of fighting, officials said.", OVERTAKES),
        ("The Somali National Army has seized control of the town of Toratorow, state "
         "television reported.", REGAINS),
    ],
)  # fmt: skip
def test_the_taker_names_the_taking(sentence: str, subtype: str) -> None:
    kind = classify(sentence)
    assert kind is not None
    assert kind[0] == subtype


def test_no_taker_in_the_words() -> None:
    assert taker("The town changed hands twice this week.") is None
    assert taker("The village was captured on Monday.") is None


ARMY = Actor("Military Forces of Democratic Republic of the Congo", "state_forces", "CD")
M23 = Actor("M23: March 23 Movement", "rebels", "CD")
CIVILIANS = Actor("Civilians (Democratic Republic of the Congo)", "civilians", "CD")


def test_a_taking_puts_its_taker_first_when_joined_reports_swapped_the_sides() -> None:
    goma = PlaceMention(
        text="Goma", start=0, end=4, segment="body", geonameid=None, name="Goma", lat=-1.68,
        lon=29.22, country="CD", admin1=None, kind="city", role="event", precision="exact",
        score=1.0,
    )  # fmt: skip
    assert taker_first(OVERTAKES, ARMY, M23, goma) == (M23, ARMY)
    assert taker_first(REGAINS, M23, ARMY, goma) == (ARMY, M23)
    assert taker_first(OVERTAKES, M23, ARMY, goma) == (M23, ARMY)  # already in order
    assert taker_first(OVERTAKES, ARMY, CIVILIANS, goma) == (ARMY, CIVILIANS)  # no taker to swap
    assert taker_first("Armed clash", ARMY, M23, goma) == (ARMY, M23)
