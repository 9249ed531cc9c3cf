from __future__ import annotations

import pytest

from bench.tolls import SETS, load, score
from sitrep.extract import read_toll
from sitrep.records import TollKind


def figures(sentence: str, kind: TollKind) -> tuple[int | None, int | None, int | None] | None:
    count = read_toll(sentence).get(kind)
    return None if count is None else (count.best, count.low, count.high)


@pytest.mark.parametrize(
    ("sentence", "kind", "expected"),
    [
        ("Shelling killed three civilians in Kherson.", "killed", (3, 3, 3)),
        ("At least 12 people were killed.", "killed", (12, 12, None)),
        ("Up to 40 people may have died, officials said.", "killed", (40, None, 40)),
        ("Some 300 people were wounded.", "wounded", (300, None, None)),
        ("Between 10 and 15 soldiers were killed.", "killed", (10, 10, 15)),
        ("Dozens of people were killed.", "killed", (24, 24, None)),
        ("The war has left hundreds — if not thousands — dead.", "killed", (200, 200, 1000)),
        ("Two soldiers and three civilians were killed.", "killed", (5, 5, 5)),
        ("A drone struck a motorcycle near Tyre, killing its rider.", "killed", (1, 1, 1)),
        ("Gunmen stopped the bus, shooting dead the driver.", "killed", (1, 1, 1)),
        ("Two shepherds, brothers aged 15 and 19, were killed.", "killed", (2, 2, 2)),
        ("Three children, aged 4, 7 and 9, were wounded.", "wounded", (3, 3, 3)),
        ("A crowd beat him with sticks and stoned him to death.", "killed", (1, 1, 1)),
        ("A youth was beaten to death by a mob.", "killed", (1, 1, 1)),
        ("Two policemen were martyred and three attackers killed.", "killed", (5, 5, 5)),
        ("The attack killed four soldiers; two attackers were also killed.", "killed", (6, 6, 6)),
        ("Twelve people were killed and 20 injured.", "killed", (12, 12, 12)),
        ("Four soldiers died; 20 were wounded.", "killed", (4, 4, 4)),
        (
            "At least 17 people, including a police officer, were killed in the raid.",
            "killed",
            (17, 17, None),
        ),
        ("Five people, including two children, died in the fire.", "killed", (5, 5, 5)),
        ("No one was killed in the attack, police said.", "killed", (0, 0, 0)),
        ("Nobody was hurt.", "wounded", (0, 0, 0)),
        ("No one else was killed.", "killed", None),
        (
            "MAPUTO, 4 June (Lusa) - Insurgents beheaded three men in a village on Sunday.",
            "killed",
            (3, 3, 3),
        ),
        ("A family of five was killed when the house collapsed.", "killed", (5, 5, 5)),
        ("A 67-year-old woman was killed by shrapnel.", "killed", (1, 1, 1)),
        ("The death toll from the bombing rose to 17.", "killed", (17, 17, 17)),
        (
            "The death toll from a suicide car bombing outside a busy restaurant in the capital "
            "on Friday evening has risen to 12, police said.",
            "killed",
            (12, 12, 12),
        ),
        (
            "A strike killed at least 11 civilians, a doctor and residents told AFP.",
            "killed",
            (11, 11, None),
        ),
        ("The raid killed 3 and wounded 12.", "wounded", (12, 12, 12)),
        (
            "Three jawans of the District Reserve Guard (DRG) were killed when Maoists "
            "triggered a blast.",
            "killed",
            (3, 3, 3),
        ),
        ("Two CRPF personnel were martyred in the encounter.", "killed", (2, 2, 2)),
        ("10:15 — Missile strike on Kharkiv kills three", "killed", (3, 3, 3)),
        # who gives the figure is no one more dead; a civilian listed among them is
        (
            "By nightfall the toll had climbed to 26, an official at the provincial hospital "
            "told AFP.",
            "killed",
            (26, 26, 26),
        ),
        ("The blast killed six soldiers, a civilian and two children.", "killed", (9, 9, 9)),
    ],
)
def test_tolls_figures_follow_the_best_low_high_convention(
    sentence: str, kind: TollKind, expected: tuple[int | None, int | None, int | None] | None
) -> None:
    assert figures(sentence, kind) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Clashes on Nov. 7, 2020 were followed by a lull.",
        "Soldiers of the 5th Brigade were killed near Bakhmut.",
        "The town lies 10 kilometers south of the city, where a man was wounded.",
        "The fund pledged $5 million after the attack killed a man.",
        "Twelve drones were shot down over Kyiv.",
        "Aid groups warned the blockade could kill thousands.",
        "Twenty-one people were killed or wounded.",
        "A court jailed him for his part in the 2019 killing of villagers in the delta.",
        "The victims, aged 17, 22 and 30, were killed when the shell hit their car.",
        "Thousands of mourners marched behind the bodies of the victims.",
        # some of a toll told before
        "Two of the dead were brothers.",
        "Three of those killed were children, hospital staff said.",
        # animals, not people
        "The raiders drove off hundreds of cattle.",
        "Police shot him in the leg.",
    ],
)
def test_tolls_no_killed_count_from_dates_units_distances_money_things_or_threats(
    sentence: str,
) -> None:
    killed = read_toll(sentence).killed
    assert killed is None or killed.best == 1


def test_tolls_wounded_never_counted_as_killed() -> None:
    toll = read_toll("The strike injured 300 people in the city centre.")
    assert toll.killed is None
    assert toll.wounded is not None and toll.wounded.best == 300


def test_tolls_absurd_magnitude_is_kept_with_a_reason() -> None:
    count = read_toll("The militia claimed it killed 7,000,000,000 people.").killed
    assert count is not None
    assert (count.best, count.low, count.high) == (None, None, None)
    assert count.reason is not None and "implausible" in count.reason
    assert count.text == "7,000,000,000"


def test_tolls_offsets_point_at_the_phrase() -> None:
    sentence = "Officials said at least 12 people were killed."
    count = read_toll(sentence).killed
    assert count is not None
    assert sentence[count.start : count.end] == "at least 12"


@pytest.mark.parametrize("name", list(SETS))
def test_tolls_gold_sentences_meet_the_floor(name: str) -> None:
    if not SETS[name].exists():
        pytest.skip(f"{SETS[name].name} not written yet")
    result = score(name, load(SETS[name]))
    assert result.exact_best / result.sentences >= 0.95, result.errors
    assert result.false_counts == 0, result.errors


def test_tolls_people_killed_by_a_verb_told_later_with_them() -> None:
    killed = read_toll(
        "A crowd stopped three young men at a checkpoint, accused them of spying for a gang, "
        "and beat and burned them to death, witnesses said."
    ).killed
    assert killed is not None and killed.best == 3
    assert read_toll("Police stopped three young men and questioned them for hours.").killed is None


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ('The army said troops had "neutralised 27 terrorists" near Gao on Thursday.', 27),
        ("Soldiers eliminated 15 bandits in an operation in Zamfara.", 15),
        # an army's vague count of the enemy dead is no figure
        ("Ten soldiers were killed and several terrorists neutralised, the ministry said.", 10),
        # things are not people
        ("Air defence units neutralised 41 drones over the region overnight.", None),
        ("Engineers neutralised three explosive devices on the road.", None),
    ],
)
def test_tolls_an_army_s_neutralised_fighters_are_killed(sentence: str, killed: int | None) -> None:
    count = read_toll(sentence).killed
    assert (count.best if count else None) == killed
