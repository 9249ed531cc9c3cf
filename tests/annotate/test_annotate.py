from __future__ import annotations

from sitrep.annotate import annotate, load_model
from sitrep.records import Annotated
from tests.conftest import cleaned


def annotated(text: str) -> Annotated:
    return annotate(cleaned(text))


def test_annotate_model_is_loaded_once_per_process() -> None:
    assert load_model() is load_model()


def test_annotate_offsets_point_into_the_article_text(wire_story: str) -> None:
    result = annotated(wire_story)
    assert result.tokens and result.sentences and result.entities
    for token in result.tokens:
        assert wire_story[token.start : token.end] == token.text
    for entity in result.entities:
        assert wire_story[entity.start : entity.end] == entity.text
    for sentence in result.sentences:
        first, last = result.tokens[sentence.token_start], result.tokens[sentence.token_end - 1]
        assert (first.start, last.end) == (sentence.start, sentence.end)


def test_annotate_each_caption_is_parsed_once_and_marked(wire_story: str) -> None:
    result = annotated(wire_story)
    caption_sentences = [s for s in result.sentences if s.segment == "caption"]
    texts = [wire_story[s.start : s.end] for s in caption_sentences]
    assert sum(text.startswith("Smoke rises over the market") for text in texts) == 1
    assert all(
        s.segment == "body" for s in result.sentences if "Governor" in wire_story[s.start : s.end]
    )


def test_annotate_heads_stay_inside_their_sentence(wire_story: str) -> None:
    result = annotated(wire_story)
    for sentence in result.sentences:
        for index in range(sentence.token_start, sentence.token_end):
            assert sentence.token_start <= result.tokens[index].head < sentence.token_end


def test_annotate_finds_people_and_places() -> None:
    result = annotated(
        "KYIV (AP) — President Volodymyr Zelenskyy visited troops in Kharkiv on Friday."
    )
    labels = {(e.text, e.label) for e in result.entities}
    assert ("Volodymyr Zelenskyy", "PERSON") in labels
    assert ("Kharkiv", "GPE") in labels
