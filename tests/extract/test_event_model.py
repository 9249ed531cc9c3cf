"""The event typing model: it types sentences a reader would type, it is rebuilt byte for byte
by its training command, and a missing or damaged model file (its, or the claim status
model's) stops a run with one line that names the file and ``make train``."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.errors import ModelDamaged
from sitrep.extract.events import classifier, classify, status
from sitrep.extract.events.classifier import load_model, model_path, save_model, type_model
from sitrep.extract.events.rules import statement_acts
from sitrep.extract.events.status import status_model
from sitrep.records import ACLED_SUBTYPES

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("sentence", "subtype"),
    [
        ("A Russian strike on a hospital in Sumy killed four people on Monday.", None),
        ("Hundreds of teachers marched to parliament demanding higher pay.", "Peaceful protest"),
        (
            "Police fired tear gas to disperse students blocking the highway.",
            "Protest with intervention",
        ),
        (
            "Gunmen abducted 20 pupils from a boarding school in Kaduna state.",
            "Abduction/forced disappearance",
        ),
        (
            "Air defences shot down 14 drones over the Kyiv region overnight.",
            "Disrupted weapons use",
        ),
        (
            "Government troops retook the town of Baidoa from al-Shabaab fighters.",
            "Government regains territory",
        ),
    ],
)
def test_event_model_types_sentences_of_real_news(sentence: str, subtype: str | None) -> None:
    found = classify(sentence)
    assert found is not None
    if subtype is None:  # a strike: air or artillery, either is right
        assert found[1] == "explosions_remote_violence"
    else:
        assert found[0] == subtype


@pytest.mark.parametrize(
    "sentence",
    [
        "The supermarket chains are locked in a price war over bread.",
        "Arsenal stormed back to beat Chelsea 3-1 with two late goals.",
    ],
)
def test_event_model_leaves_hard_negatives_untyped(sentence: str) -> None:
    assert classify(sentence) is None


def test_event_model_knows_every_acled_subtype() -> None:
    assert set(ACLED_SUBTYPES) <= set(type_model().classes)


def test_event_model_missing_or_damaged_file_names_the_file_and_the_fix(tmp_path: Path) -> None:
    damaged = tmp_path / "event_types.npz"
    damaged.write_bytes(b"not a model")
    for path in (damaged, tmp_path / "missing.npz"):
        with pytest.raises(ModelDamaged, match=r"make train") as caught:
            load_model(path)
        assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("module", "path_of", "loaded", "name"),
    [
        (classifier, "model_path", type_model, "event_types.npz"),
        (status, "status_model_path", status_model, "claim_status.json"),
    ],
)
def test_a_damaged_model_stops_extract_before_any_article(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    module: object,
    path_of: str,
    loaded: Any,
    name: str,
) -> None:
    """The event typing model and the claim status model alike."""
    damaged = tmp_path / name
    damaged.write_bytes(b"\x00" * 64)
    story = tmp_path / "story.txt"
    story.write_text("Rebels shelled the town of Goma on Monday.", encoding="utf-8")
    loaded.cache_clear()
    monkeypatch.setattr(module, path_of, lambda: damaged)
    try:
        result = CliRunner().invoke(app, ["extract", str(story)])
    finally:
        loaded.cache_clear()
    assert result.exit_code == 2
    assert str(damaged) in result.output and "make train" in result.output
    assert '"events"' not in result.output


def test_event_model_training_is_deterministic(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    data = tmp_path / "data"
    data.mkdir()
    rows = (
        [
            {
                "text": f"Rebels shelled the town of {town} overnight.",
                "label": "Shelling/artillery/missile attack",
            }
            for town in ("Goma", "Bunia", "Beni", "Rutshuru")
        ]
        + [
            {
                "text": f"Students marched peacefully through {town} on Friday.",
                "label": "Peaceful protest",
            }
            for town in ("Dhaka", "Lagos", "Lima", "Quito")
        ]
        + [
            {"text": f"The {team} attack stormed to a 3-0 win.", "label": "none"}
            for team in ("Arsenal", "Lyon", "Porto", "Ajax")
        ]
    )
    (data / "set.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    outputs = []
    for name in ("one.npz", "two.npz"):
        out = tmp_path / name
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "training" / "train.py"),
                "--data",
                str(data),
                "--out",
                str(out),
            ],
            check=True,
            capture_output=True,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    model = load_model(tmp_path / "one.npz")
    assert (
        model.best("Rebels shelled the town of Uvira overnight.")[0]
        == "Shelling/artillery/missile attack"
    )


def test_event_model_saved_and_read_back_scores_sentences_as_before(tmp_path: Path) -> None:
    """The file holds the weights in int16 steps: a model's scores survive the round trip."""
    shipped = type_model()
    noise = np.random.default_rng(7).normal(0.0, 0.05, shipped.coef.shape).astype(np.float32)
    trained = replace(shipped, coef=shipped.coef + noise)
    copy = tmp_path / "copy.npz"
    save_model(copy, trained)
    reread = load_model(copy)
    for sentence in (
        "Rebels shelled the town of Goma on Monday, killing three civilians.",
        "Police fired tear gas to disperse students marching in Dhaka.",
        "Arsenal stormed back to beat Chelsea 3-1 with two late goals.",
    ):
        before, after = trained.probabilities(sentence), reread.probabilities(sentence)
        assert max(abs(before[label] - after[label]) for label in before) < 0.01


@pytest.mark.parametrize("rule_subtype", [classifier._READ, None, "Armed clash"])
def test_event_model_columns_are_the_known_features_in_order(rule_subtype: object) -> None:
    """The columns read per word are the known features' columns, in ``features``' order, so
    a sentence's counts are summed in the same order (the same scores to the bit)."""
    model = type_model()
    for sentence in (
        "Rebels shelled the town of Goma on Monday, killing three civilians.",
        "Rebels shelled Goma again: 'shelling, shelling', said Dr. O'Neill, 54.",
        "",
    ):
        expected = [
            model.index[feature]
            for feature in classifier.features(sentence, rule_subtype)
            if feature in model.index
        ]
        assert model.columns(sentence, rule_subtype) == expected


def test_event_model_file_stays_small_enough_to_commit() -> None:
    assert model_path().stat().st_size < 2_000_000


@pytest.mark.parametrize(
    "sentence",
    [
        "Typhoon kills at least 27 in northern Philippines; troops deployed for rescues",
        "The army deployed more than 2,000 soldiers, helicopters and trucks to evacuate residents.",
    ],
)
def test_troops_sent_to_a_disaster_mobilize_no_armed_group(sentence: str) -> None:
    assert [a.rule.plover for a in statement_acts(sentence)].count("MOBILIZE") == 0
