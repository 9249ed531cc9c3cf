from __future__ import annotations

from tests.conftest import body_texts, cleaned

ONE = "KYIV (AP) — Air defences shot down 14 drones overnight, the air force said on Sunday."
TWO = "Debris fell on a kindergarten in the Solomianskyi district, but no one was hurt, it said."


def test_paragraphs_one_per_line() -> None:
    assert body_texts(cleaned(f"{ONE}\n{TWO}\n")) == [ONE, TWO]


def test_paragraphs_blank_line_separated_and_hard_wrapped() -> None:
    wrapped = (
        "KYIV (AP) — Air defences shot down 14 drones overnight, the air\n"
        "force said on Sunday, as Russia kept up its attacks on the capital\n"
        "for a third night.\n"
        "\n"
        "Debris fell on a kindergarten in the Solomianskyi district, but no\n"
        "one was hurt, it said.\n"
    )
    paragraphs = body_texts(cleaned(wrapped))
    assert len(paragraphs) == 2
    assert paragraphs[0].endswith("for a third night.")


def test_paragraphs_repeated_exactly_are_kept_once_and_recorded() -> None:
    document = cleaned(f"{ONE}\n{TWO}\n{TWO}\n")
    assert body_texts(document) == [ONE, TWO]
    assert [span.slice(document.article.text) for span in document.repeated] == [TWO]


def test_paragraphs_near_duplicates_are_kept_once() -> None:
    edited = TWO.replace("no one was hurt", "no one was injured")
    document = cleaned(f"{ONE}\n{TWO}\n{edited}\n")
    assert body_texts(document) == [ONE, TWO]


def test_paragraphs_similar_but_different_stay() -> None:
    other = "Debris fell on a school in the Darnytskyi district, where two people were hurt."
    assert body_texts(cleaned(f"{ONE}\n{TWO}\n{other}")) == [ONE, TWO, other]
