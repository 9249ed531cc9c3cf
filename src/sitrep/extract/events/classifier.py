"""The learned typing model: which ACLED sub-event type a sentence reports, a statement, or none.

A linear model over TF-IDF features of the sentence (word stems, word pairs, word pieces, its
opening words, the rule that matches it), trained by ``make train`` on the project's own
composed sentences (``training/events``, CC0) and shipped as ``data/models/event_types.npz``;
its card is ``docs/event_model.md``. Scoring a sentence is a sparse dot product: no spaCy, no
network, well under a millisecond.

The features are computed by the same function here and in training, so the model file holds
only numbers: the vocabulary, the IDF weights, one weight row per class and the biases.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from sitrep.errors import ModelDamaged
from sitrep.extract.events.rules import acled_act
from sitrep.extract.events.territory import taker

MODEL_FILE = "event_types.npz"
NONE = "none"
STATEMENT = "statement"
_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?|\d+(?:[.,]\d+)*")
_SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s")


# Words come again and again, in a story and across stories: their stems and pieces are kept
# (a few MB at most). On ``bench.throughput``'s 458 sentences, with the counting below done by
# ``Counter``, ``features`` took 5.5 ms instead of 19 and ``probabilities`` 36 instead of 54.
_WORDS_KEPT = 1 << 16


@lru_cache(maxsize=_WORDS_KEPT)
def _stem(word: str) -> str:
    """A crude stem, enough to join "shelled", "shelling" and "shells"."""
    if word[0].isdigit():
        return "<num>"
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


# The length of a word piece. On CASE 2021 dev (the model alone, best of the 25 types, C = 2,
# no opening words) pieces of 3, 4 and 5 letters gave 0.753, 0.750 and 0.770 weighted F1; of
# 3 to 5 together 0.745, of 4 and 5 0.759, of 5 and 6 0.760 (docs/event_model.md).
_PIECE = 5
# How many opening words are features of their own ("f:"): a news sentence names its subject
# first, the side that acted ("Rebels seized", "Troops retook"), which a bag of words cannot
# tell from the side acted on. On CASE 2021 dev, with four-letter pieces, none, 2, 3, 4 and 5
# gave 0.750, 0.757, 0.760, 0.754 and 0.758; with five-letter pieces none and 3 gave 0.770
# and 0.770, where a linear SVM gave 0.763 and 0.766.
_OPENING_WORDS = 3
# How many times the side that took a place (``territory.taker``: the first side named before
# the act of taking, or after "by" in a passive) is counted ("t:state", "t:non-state"): with
# sublinear term frequency, a weight of 1 + ln n among the sentence's other features. A bag of
# words cannot tell "troops retook the town from the rebels" from "rebels took the town from
# troops"; the taker can. On CASE 2021 dev (the model alone, best of the 25 types, C = 2,
# unquantised) counted 0, 1, 2, 3, 4, 5 and 8 times it gave 0.775, 0.783, 0.790, 0.792,
# 0.792, 0.789 and 0.787 weighted F1.
_TAKER_COUNT = 3


@lru_cache(maxsize=_WORDS_KEPT)
def _pieces(word: str) -> tuple[str, ...]:
    """The five-letter pieces of a word, marked at its ends: "<shel", "shell"... "lled>"."""
    marked = f"<{word}>"
    return tuple(f"c:{marked[i : i + _PIECE]}" for i in range(len(marked) - _PIECE + 1))


_READ = object()  # features() reads the rules' sub-event type itself
_WordColumns = tuple[int | None, tuple[int, ...]]


def features(text: str, rule_subtype: str | object | None = _READ) -> list[str]:
    """The features of a sentence: its word stems, pairs of neighbouring stems, the
    five-letter pieces of its words (which carry a word's family to forms the training
    sentences lack: "shelled", "shellfire"), the stems of its opening words (its subject, as
    a rule, in news), the kind of side that took a place, if the sentence says one did
    (``territory.taker``), and the sub-event type the rules of ``data/events.toml`` give it
    (``rule_subtype``, where the caller has read it already). On CASE 2021 dev four-letter
    pieces first added 1.4 points of weighted F1 (0.729 to 0.743)."""
    words = _WORD.findall(text.lower())
    stems = [_stem(word) for word in words]
    found = [f"w:{stem}" for stem in stems]
    for word in words:
        found.extend(_pieces(word))
    return found + _context_features(stems, text, rule_subtype)


def _context_features(stems: list[str], text: str, rule_subtype: str | object | None) -> list[str]:
    """The features that are no word's alone: pairs of stems, opening stems, the rule."""
    found = [f"b:{a}_{b}" for a, b in itertools.pairwise(stems)]
    found.extend(f"f:{stem}" for stem in stems[:_OPENING_WORDS])
    side = taker(text)
    if side is not None:
        found.extend([f"t:{side}"] * _TAKER_COUNT)
    if rule_subtype is _READ:
        act = acled_act(text)
        rule_subtype = act.rule.subtype if act is not None else None
    if rule_subtype is not None:
        found.append(f"rule:{rule_subtype}")
    return found


@dataclass(frozen=True, slots=True)
class TypeModel:
    """The weights of the typing model and what it was trained on."""

    classes: tuple[str, ...]
    index: dict[str, int]
    idf: np.ndarray[Any, np.dtype[np.float32]]
    coef: np.ndarray[Any, np.dtype[np.float32]]
    intercept: np.ndarray[Any, np.dtype[np.float32]]
    card: dict[str, Any]
    # One row of class weights per feature: a sentence's few rows are read contiguously.
    rows: np.ndarray[Any, np.dtype[np.float32]] = field(init=False, repr=False, compare=False)
    # Each word's columns (``_word_columns``), kept as ``_stem`` and ``_pieces`` are.
    word_columns: dict[str, _WordColumns] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", np.ascontiguousarray(self.coef.T, dtype=np.float32))
        object.__setattr__(self, "word_columns", {})

    def columns(self, text: str, rule_subtype: str | object | None = _READ) -> list[int]:
        """The column of each of the sentence's features the model knows, in the order of
        ``features`` (a feature has one column: counted, they give the same counts in the
        same order). A word's stem and pieces are looked up once per process, not once per
        sentence: on the 1,751 sentences of ``bench.throughput``'s articles and the wire dev
        stories, ``probabilities`` took 0.15 CPU seconds instead of 0.25 (best of 7 runs)."""
        words = _WORD.findall(text.lower())
        found = [self._word_columns(word) for word in words]
        columns = [stem for stem, _ in found if stem is not None]
        for _, pieces in found:
            columns.extend(pieces)
        index = self.index
        context = _context_features([_stem(word) for word in words], text, rule_subtype)
        columns.extend(index[feature] for feature in context if feature in index)
        return columns

    def _word_columns(self, word: str) -> _WordColumns:
        """The column of a word's stem feature (None where unknown) and of its known pieces."""
        kept = self.word_columns.get(word)
        if kept is None:
            if len(self.word_columns) >= _WORDS_KEPT:
                self.word_columns.clear()
            index = self.index
            pieces = tuple(index[piece] for piece in _pieces(word) if piece in index)
            kept = self.word_columns[word] = (index.get(f"w:{_stem(word)}"), pieces)
        return kept

    def probabilities(
        self, text: str, rule_subtype: str | object | None = _READ
    ) -> dict[str, float]:
        """Each class's probability for the sentence (``rule_subtype``: as ``features``)."""
        # Each known feature's column and count, in the order features first occur (the
        # order of the sum below, kept so that scores stay the same to the last bit).
        counts = Counter(self.columns(text, rule_subtype))
        scores = self.intercept.astype(np.float64)
        if counts:
            columns = np.fromiter(counts, dtype=np.int64, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
            weights = (1.0 + np.log(tf)) * self.idf[columns]
            weights /= np.linalg.norm(weights)
            scores = scores + weights @ self.rows[columns]
        exp = np.exp(scores - scores.max())
        exp /= exp.sum()
        return dict(zip(self.classes, exp.tolist(), strict=True))

    def best(self, text: str, *, among: frozenset[str] | None = None) -> tuple[str, float]:
        """The most probable class (of ``among``, when given) and its probability."""
        ranked = self.probabilities(text)
        if among is not None:
            ranked = {label: p for label, p in ranked.items() if label in among}
        label = max(ranked, key=lambda name: ranked[name])
        return label, ranked[label]


# The steps each class's weights are stored in: 2 ** 10 - 1 each side of zero, in int16. With
# int8 steps (127 a side) the rounding moved whole snippets on CASE 2021 dev: the model of the
# taker feature scored 0.789 against 0.792 unquantised, with 339 more training sentences 0.784
# against 0.793. With those sentences 10, 11, 12 and 16 bits gave 0.796, 0.793, 0.793 and
# 0.793: from 11 bits on the scores are the unquantised model's, in a 1.86 MB file (12: 2.1).
_STEP_BITS = 11


def _quantised(coef: np.ndarray[Any, Any]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Each class's weights as int16 steps of one scale per class (``_STEP_BITS``). It keeps the
    file under 2 MB (float32: 6 MB) and moves no weight by more than half a step."""
    scale = np.abs(coef).max(axis=1) / (2 ** (_STEP_BITS - 1) - 1)
    scale[scale == 0] = 1.0
    steps = np.round(coef / scale[:, None]).astype(np.int16)
    return steps, scale.astype(np.float32)


def save_model(path: Path, model: TypeModel) -> None:
    """Write the model as one compressed NumPy archive (no pickled objects), byte for byte the
    same for the same model: the archive's entries carry a fixed date."""
    vocabulary = sorted(model.index, key=lambda feature: model.index[feature])
    steps, scale = _quantised(model.coef)
    arrays = {
        "classes": np.array(model.classes),
        "vocabulary": np.array(vocabulary),
        "idf": model.idf.astype(np.float32),
        "coef": steps,
        "coef_scale": scale,
        "intercept": model.intercept.astype(np.float32),
        "card": np.array(json.dumps(model.card, sort_keys=True)),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            entry = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, array, allow_pickle=False)
            archive.writestr(entry, buffer.getvalue())


def load_model(path: Path) -> TypeModel:
    """Read a model written by ``save_model``; a missing or damaged file is a ``ModelDamaged``
    naming the file and how to rebuild it."""
    try:
        with np.load(path, allow_pickle=False) as archive:
            classes = tuple(str(label) for label in archive["classes"])
            vocabulary = [str(feature) for feature in archive["vocabulary"]]
            idf, intercept = archive["idf"], archive["intercept"]
            steps, scale = archive["coef"], archive["coef_scale"]
            card = json.loads(str(archive["card"]))
    except (OSError, KeyError, ValueError) as exc:
        raise ModelDamaged(
            f"{path}: the event typing model is missing or damaged ({exc}); "
            "rebuild it with `make train`"
        ) from exc
    if steps.shape != (len(classes), len(vocabulary)) or idf.shape != (len(vocabulary),):
        raise ModelDamaged(
            f"{path}: the event typing model's arrays disagree in shape; "
            "rebuild it with `make train`"
        )
    if steps.dtype != np.int16 or scale.shape != (len(classes),):
        raise ModelDamaged(
            f"{path}: the event typing model's weights are not in this version's format; "
            "rebuild it with `make train`"
        )
    index = {feature: column for column, feature in enumerate(vocabulary)}
    coef = steps.astype(np.float32) * scale[:, None]
    return TypeModel(classes, index, idf, coef, intercept, card)


def model_path() -> Path:
    return Path(str(resources.files("sitrep.data").joinpath("models").joinpath(MODEL_FILE)))


@cache
def type_model() -> TypeModel:
    """The shipped typing model, loaded once per process."""
    return load_model(model_path())
