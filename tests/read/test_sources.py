from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import InputError, MalformedInput, NotEnglish
from sitrep.read import ReadOptions, article_count, read_bytes, read_inputs
from sitrep.records import Article

STORY = (
    "GOMA, Congo (AP) — Rebels shelled the outskirts of Sake on Tuesday, killing two civilians "
    "and forcing thousands of families to flee towards Goma, local officials said. The army "
    "said it had pushed the fighters back from the main road after several hours of combat."
)
PAGE = f"""<!DOCTYPE html>
<html><head><title>Shelling near Sake | Lakes Daily</title>
<meta property="og:title" content="Shelling near Sake">
<meta property="og:site_name" content="Lakes Daily">
<meta property="article:published_time" content="2023-11-07T09:30:00Z">
<link rel="canonical" href="https://lakes.example/news/sake-shelling"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Shelling near Sake</h1>
<p>{STORY}</p>
<figure><img src="a.jpg"><figcaption>Families flee Sake on foot, Tuesday, Nov. 7, 2023.
(Photo: Lakes Daily)</figcaption></figure>
<p>Aid groups said more than 40,000 people had reached camps on the edge of Goma since the
weekend, where water and food were running short and cholera cases were rising.</p>
<p>The rebels denied targeting civilians and accused the army of using drones against their
positions in the hills above the town.</p></article>
<footer>© 2023 Lakes Daily. All rights reserved. Cookie settings.</footer></body></html>"""
FEED = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Lakes Daily</title><link>https://lakes.example/</link>
<item><title>Shelling near Sake</title><link>https://lakes.example/1</link>
<pubDate>Tue, 07 Nov 2023 09:30:00 GMT</pubDate>
<content:encoded><![CDATA[<p>{STORY}</p><p>The rebels denied it.</p>]]></content:encoded></item>
<item><title>Empty</title><link>https://lakes.example/2</link></item>
</channel></rss>"""


def articles(results: list[Article | InputError]) -> list[Article]:
    return [r for r in results if isinstance(r, Article)]


def test_sources_html_page_gives_main_text_and_metadata() -> None:
    [article] = articles(list(read_bytes(PAGE.encode(), "page.html")))
    assert article.text.startswith("Shelling near Sake") or STORY in article.text
    assert STORY in article.text
    assert "Cookie" not in article.text and "Sport" not in article.text
    assert article.title == "Shelling near Sake"
    assert article.source.url == "https://lakes.example/news/sake-shelling"
    assert article.source.outlet == "Lakes Daily"
    assert (article.published, article.published_basis) == (date(2023, 11, 7), "metadata")


def test_sources_html_figcaption_is_kept_and_marked_as_caption() -> None:
    [article] = articles(list(read_bytes(PAGE.encode(), "page.html")))
    assert article.caption_texts == (
        "Families flee Sake on foot, Tuesday, Nov. 7, 2023. (Photo: Lakes Daily)",
    )
    assert article.caption_texts[0] in article.text


def test_sources_malformed_html_is_reported() -> None:
    [result] = list(read_bytes(b"<html><body><div><<<>>></div></body></html>", "bad.html"))
    assert isinstance(result, MalformedInput)
    assert str(result).startswith("bad.html: ")


def test_sources_jsonl_records_text_and_html_with_errors_per_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"text": STORY, "url": "https://a.example/1", "published": "2023-11-07"}),
        "{not json",
        json.dumps({"html": PAGE, "title": "Given title"}),
        json.dumps({"url": "https://a.example/3"}),
        "",
        json.dumps({"text": STORY, "published": "7 Nov"}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    results = list(read_inputs([str(path)]))
    assert [type(r).__name__ for r in results] == [
        "Article",
        "MalformedInput",
        "Article",
        "MalformedInput",
        "MalformedInput",
    ]
    first, bad_json, page, missing, bad_date = results
    assert isinstance(first, Article) and first.source.url == "https://a.example/1"
    assert (first.published, first.published_basis) == (date(2023, 11, 7), "metadata")
    assert str(bad_json).startswith(f"{path}:2: invalid JSON")
    assert isinstance(page, Article) and page.title == "Given title"
    assert str(missing) == f'{path}:4: record has neither a "text" nor an "html" string'
    assert str(bad_date).startswith(f"{path}:6: ")


def test_sources_feed_items_become_articles() -> None:
    results = list(read_bytes(FEED.encode(), "feed.xml"))
    [article] = articles(results)
    assert STORY in article.text and "The rebels denied it." in article.text
    assert article.title == "Shelling near Sake"
    assert article.source.url == "https://lakes.example/1"
    assert article.source.outlet == "Lakes Daily"
    assert article.published == date(2023, 11, 7)
    assert isinstance(results[1], MalformedInput)
    assert str(results[1]).startswith("feed.xml[2]: ")


def test_sources_feed_that_is_not_xml_is_reported() -> None:
    [result] = list(read_bytes(b"<?xml version='1.0'?><rss><channel><item>", "broken.rss"))
    assert isinstance(result, MalformedInput)
    assert "feed" in result.reason


def test_sources_directories_are_read_recursively_skipping_other_files(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "two.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "README.md").write_text("# not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    results = list(read_inputs([str(tmp_path)]))
    assert [r.source.path if isinstance(r, Article) else r.item for r in results] == [
        str(tmp_path / "a" / "one.txt"),
        str(tmp_path / "empty.txt"),
        str(tmp_path / "two.html"),
    ]
    assert isinstance(results[1], InputError) and "empty" in results[1].reason


def test_sources_missing_file_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    results = list(read_inputs([str(tmp_path / "missing.txt"), str(good)]))
    assert isinstance(results[0], InputError) and results[0].reason == "no such file"
    assert isinstance(results[1], Article)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Les forces armées ont repris le contrôle de la ville après trois jours de combats "
            "intenses, a déclaré dimanche le porte-parole du gouvernement, qui a appelé les "
            "habitants déplacés à rentrer chez eux dès que les routes seront sécurisées.",
            "fr",
        ),
        (
            "Las fuerzas armadas recuperaron el control de la ciudad tras tres días de intensos "
            "combates, dijo el domingo el portavoz del gobierno, que pidió a los desplazados "
            "regresar a sus hogares en cuanto las carreteras sean seguras.",
            "es",
        ),
    ],
)
def test_sources_non_english_is_refused_naming_the_language(text: str, language: str) -> None:
    [result] = list(read_bytes(text.encode(), "story.txt"))
    assert isinstance(result, NotEnglish)
    assert result.language == language
    assert f"detected language: {language}" in str(result)


def test_sources_english_dense_with_foreign_names_is_accepted() -> None:
    text = (
        "STEPANAKERT (AP) — Artsrun Ovannisian, Shushan Stepanyan and Arayik Harutyunyan met "
        "in Stepanakert and Martuni on Sunday, as shelling hit Askeran, Hadrut and Martakert."
    )
    assert isinstance(next(read_bytes(text.encode(), "x.txt")), Article)


def test_sources_published_option_overrides_metadata() -> None:
    options = ReadOptions(published=date(2023, 11, 8))
    [article] = articles(list(read_bytes(PAGE.encode(), "page.html", options)))
    assert (article.published, article.published_basis) == (date(2023, 11, 8), "given")


def test_sources_a_date_in_the_file_name_is_used_only_when_asked(tmp_path: Path) -> None:
    story = "GOMA, Congo (Reuters) - Shelling hit a camp for displaced people on Tuesday.\n"
    (tmp_path / "reuters_goma_2024-03-05.txt").write_text(story, encoding="utf-8")
    (tmp_path / "page_2024-03-05.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "notes-2024-13-45.txt").write_text(story.replace("Tuesday", "Friday"), "utf-8")
    plain = articles(list(read_inputs([str(tmp_path)])))
    assert all(
        a.published_basis != "metadata" or (a.source.path or "").endswith(".html") for a in plain
    )
    named = {
        Path(a.source.path or "").name: (a.published, a.published_basis)
        for a in articles(list(read_inputs([str(tmp_path)], ReadOptions(published_from_name=True))))
    }
    assert named["reuters_goma_2024-03-05.txt"] == (date(2024, 3, 5), "metadata")
    assert named["notes-2024-13-45.txt"] == (None, "unknown")  # not a calendar date
    # The page's own metadata comes first.
    assert named["page_2024-03-05.html"] == (date(2023, 11, 7), "metadata")


def test_article_count_is_known_for_files_of_one_article_each(tmp_path: Path) -> None:
    folder = tmp_path / "stories"
    folder.mkdir()
    for name in ("a.txt", "b.html", ".hidden.txt", "notes.md"):
        (folder / name).write_text("Shelling hit Kharkiv on Monday.", encoding="utf-8")
    single = tmp_path / "c.txt"
    single.write_text("Shelling hit Kharkiv on Monday.", encoding="utf-8")
    assert article_count([str(folder), str(single)]) == 3
    (folder / "more.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    assert article_count([str(folder)]) is None  # a JSON Lines file may hold any number
    assert article_count(["-"]) is None
    assert article_count(["https://news.example.org/a"]) is None


def test_sources_a_directory_s_annotation_file_is_passed_over_without_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "one.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "gold.jsonl").write_text('{"article": "one.txt", "event": 1}\n', encoding="utf-8")
    with caplog.at_level("WARNING"):
        results = list(read_inputs([str(tmp_path)]))
    assert [r.source.path for r in results if isinstance(r, Article)] == [str(tmp_path / "one.txt")]
    assert not caplog.records
