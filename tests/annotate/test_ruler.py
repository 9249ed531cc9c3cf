from __future__ import annotations

import spacy
from spacy.pipeline import AttributeRuler

from sitrep.annotate.pipeline import load_model, stock_model
from sitrep.annotate.ruler import IndexedAttributeRuler, build_lookup

# Composed to reach the English model's exceptions as well as its tag map: contractions, a
# regular-expression pattern ("nothin'"), two-token patterns ("gonna", "let's", "y'all"),
# whitespace tokens and a pattern on the dependency label.
TEXTS = (
    "Militants shelled the village of Tarnivka on Sunday, killing three civilians, the "
    "regional governor said. \"We ain't gonna leave,\" one resident said.\n\n  Let's see.",
    "Y'all can't say nothin' about it; he didn't.  They're  gotta go\t\tnow!",
    "The ministry's spokesman, who declined to be named, denied the reports: 'none of it is "
    "true'. Police detained 40 protesters; 12 were later released.",
    "   ",
    "",
)

ATTRIBUTES = ("pos_", "tag_", "dep_", "lemma_", "ent_type_")


def _annotations(nlp: spacy.language.Language) -> list[list[tuple[str, ...]]]:
    return [
        [(*(getattr(token, name) for name in ATTRIBUTES), str(token.morph)) for token in doc]
        for doc in nlp.pipe(TEXTS)
    ]


def test_ruler_replaces_the_models_attribute_ruler_in_place() -> None:
    assert isinstance(load_model().get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert load_model().pipe_names == stock_model().pipe_names
    assert not isinstance(stock_model().get_pipe("attribute_ruler"), IndexedAttributeRuler)


def test_ruler_annotations_are_the_stock_models() -> None:
    assert _annotations(load_model()) == _annotations(stock_model())


def test_ruler_matches_are_the_stock_matchers() -> None:
    ruler = load_model().get_pipe("attribute_ruler")
    stock = stock_model().get_pipe("attribute_ruler")
    for doc in stock_model().pipe(TEXTS, disable=["attribute_ruler", "lemmatizer", "ner"]):
        assert ruler.match(doc) == AttributeRuler.match(stock, doc)


def test_ruler_pattern_beyond_the_lookup_falls_back_to_the_matcher() -> None:
    nlp = spacy.blank("en")
    ruler = IndexedAttributeRuler(nlp.vocab)
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"LEMMA": "many a"})
    assert ruler._current_lookup() is None
    doc = nlp("a a b")
    ruler(doc)
    assert [token.lemma_ for token in doc] == ["many a", "many a", ""]


def test_ruler_lookup_files_a_pattern_by_its_first_tokens_value() -> None:
    lookup = build_lookup([(0, 7, [[{"TAG": "NN"}]], 0), (1, 8, [[{"LOWER": {"IN": ["x"]}}]], 0)])
    assert lookup is not None
    assert not lookup.everywhere
    regex = build_lookup([(0, 7, [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], 0)])
    assert regex is not None and len(regex.everywhere) == 1
    assert build_lookup([(0, 7, [[{"TAG": "NN"}]], 1)]) is None  # index beyond the pattern
