from __future__ import annotations

import codecs
import random

import pytest

from sitrep.errors import BinaryInput, EmptyInput, InputTooLarge, UndecodableInput
from sitrep.read import decode

STORY = "BEIRUT — Israeli strikes hit two villages in southern Lebanon on Friday, officials said.\n"
MAX = 5_000_000


@pytest.mark.parametrize(
    "data",
    [
        STORY.encode("utf-8"),
        codecs.BOM_UTF8 + STORY.encode("utf-8"),
        STORY.encode("utf-16"),  # with its byte-order mark
        codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"),
        STORY.encode("utf-16-le"),  # no byte-order mark
        codecs.BOM_UTF32_LE + STORY.encode("utf-32-le"),
    ],
)
def test_decode_unicode_encodings(data: bytes) -> None:
    assert decode(data, "story.txt", max_bytes=MAX) == STORY


def test_decode_legacy_encoding_is_detected() -> None:
    text = (
        "BOGOTÁ, Colombia — El ejército dijo que la operación en Cañón del Micay "
        "dejó tres muertos. Officials in Popayán said the régime’s forces withdrew. "
    ) * 4
    assert decode(text.encode("cp1252"), "story.txt", max_bytes=MAX) == text


def test_decode_normalises_newlines() -> None:
    assert decode(b"one\r\ntwo\rthree\n", "x", max_bytes=MAX) == "one\ntwo\nthree\n"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
        (b"abc\x00\x01\x02\x03\xff\xfe\x00\x00def" * 50, "NUL"),
    ],
)
def test_decode_binary_is_refused_with_its_kind(data: bytes, reason: str) -> None:
    with pytest.raises(BinaryInput, match=reason) as info:
        decode(data, "upload.bin", max_bytes=MAX)
    assert str(info.value).startswith("upload.bin: ")


def test_decode_random_bytes_are_refused() -> None:
    rng = random.Random(7)
    noise = bytes(rng.randrange(1, 256) for _ in range(4000))
    with pytest.raises((BinaryInput, UndecodableInput)):
        decode(noise, "noise.txt", max_bytes=MAX)


@pytest.mark.parametrize("data", [b"", b"  \n\t\n", "\n\n".encode("utf-16")])
def test_decode_empty_is_refused(data: bytes) -> None:
    with pytest.raises(EmptyInput, match="empty"):
        decode(data, "empty.txt", max_bytes=MAX)


def test_decode_over_the_size_limit_is_refused() -> None:
    with pytest.raises(InputTooLarge, match="over the limit of 100 bytes"):
        decode(STORY.encode() * 10, "big.txt", max_bytes=100)


def test_decode_bad_bytes_after_a_utf16_bom_are_refused() -> None:
    with pytest.raises(UndecodableInput, match="utf-16"):
        decode(codecs.BOM_UTF16_LE + b"a\x00\x00\xd8", "x.txt", max_bytes=MAX)
