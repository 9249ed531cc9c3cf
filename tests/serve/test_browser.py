"""The page in a real browser: Debian's chromium driven by Playwright against a live server.

Needs ``SITREP_TEST_CHROMIUM`` (the chromium binary; ``make test`` sets it with
``scripts/test-chromium``) and the ``browser`` extra (``pip install 'sitrep[browser]'``).
Playwright's own browser download is never used.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.serve.conftest import (
    HOSTILE,
    HOSTILE_CLAIMANT,
    HOSTILE_URL,
    STRIKE_SENTENCE,
    TOKEN,
    fill,
)

UPLOAD = (
    "KYIV, Ukraine (AP) — Russian drones struck an energy facility in Kharkiv on Friday, "
    "killing two workers, the regional governor said."
)

CHROMIUM = os.environ.get("SITREP_TEST_CHROMIUM", "")
pytestmark = pytest.mark.skipif(
    not CHROMIUM,
    reason="no chromium: set SITREP_TEST_CHROMIUM to its path (make test does, installing "
    "Debian's chromium when it can)",
)
pytest.importorskip("playwright.sync_api", reason="pip install 'sitrep[browser]'")
from playwright.sync_api import (  # noqa: E402  (after the skip when Playwright is missing)
    Browser,
    ConsoleMessage,
    Locator,
    Page,
    expect,
    sync_playwright,
)

from bench.web import FLAGS, serving  # noqa: E402  (served and launched as the benchmark does)

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "bench" / "out" / "web.png"


@pytest.fixture(scope="module")
def live_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serving(fill(tmp_path_factory.mktemp("web") / "web.db"), token=TOKEN) as url:
        yield f"{url}/"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@contextmanager
def open_page(browser: Browser, url: str) -> Iterator[Page]:
    """The loaded page; the test fails on any script error, CSP violation or failed request
    (but a 401, which the upload test asks for)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(str(error)))
    opened.on("console", lambda message: _console(message, problems))
    opened.goto(url)
    opened.wait_for_selector("body[data-ready]")
    try:
        yield opened
    finally:
        context.close()
    assert problems == []


def _console(message: ConsoleMessage, problems: list[str]) -> None:
    if message.type == "error" and "status of 401" not in message.text:
        problems.append(message.text)


@pytest.fixture
def page(browser: Browser, live_url: str) -> Iterator[Page]:
    with open_page(browser, live_url) as opened:
        yield opened


def rows(page: Page) -> Locator:
    return page.locator("#event-table tbody tr")


def test_browser_page_shows_events_on_map_timeline_and_table(page: Page) -> None:
    expect(rows(page)).to_have_count(4)
    expect(page.locator("#event-count")).to_have_text("(4)")
    assert page.locator("#map").get_attribute("data-shown") == "4"
    expect(page.locator(".leaflet-overlay-pane path").first).to_be_attached()
    assert page.locator("#timeline path.bars").count() == 3  # three event types
    assert "2024-01-19" in (page.locator("#timeline").text_content() or "")


def test_browser_filtering_by_type_shrinks_the_table_and_map(page: Page) -> None:
    page.select_option("#f-type", "protests")
    expect(rows(page)).to_have_count(1)
    expect(rows(page).first).to_contain_text("Khartoum")
    expect(page.locator("#map")).to_have_attribute("data-shown", "1")
    assert "type=protests" in page.url
    page.fill("#f-actor", "russia")
    page.select_option("#f-type", "")
    expect(rows(page)).to_have_count(2)


def test_browser_clicking_an_event_highlights_its_evidence(page: Page) -> None:
    page.click("tr[data-id='ev-strike-ap']")
    panel = page.locator("#detail")
    expect(panel).to_be_visible()
    expect(panel.locator("mark.evidence")).to_have_text(STRIKE_SENTENCE)
    expect(panel.locator("h2")).to_be_focused()
    # The caption is shown apart from the story, and the story does not repeat it.
    expect(panel.locator(".captions")).to_contain_text("Rescuers work at the damaged")
    assert "Rescuers" not in panel.locator(".story").inner_text()
    sides = panel.locator(".side")
    expect(sides.nth(0)).to_contain_text("They struck people buying bread")
    expect(sides.nth(1)).to_contain_text("Russian Defence Ministry")
    expect(panel.locator("table.sources tbody tr")).to_have_count(2)
    history = panel.locator("table.history tbody tr")
    expect(history).to_have_count(1)  # claim and denial in one article: disputed at once
    expect(history.first).to_contain_text("disputed")
    expect(history.first).to_contain_text("Oleh Syniehubov")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))


def test_browser_keyboard_opens_an_event_from_the_table(page: Page) -> None:
    page.keyboard.press("Tab")
    expect(page.locator("a.skip")).to_be_focused()
    page.keyboard.press("Enter")  # skip to the table
    page.keyboard.press("Tab")
    first = rows(page).nth(0)
    expect(first).to_be_focused()
    page.keyboard.press("ArrowDown")
    second = rows(page).nth(1)
    expect(second).to_be_focused()
    page.keyboard.press("Enter")
    evidence = page.locator("#detail mark.evidence")
    expect(evidence).to_have_text(re.compile(r"^MOSCOW \(Reuters\)"))
    page.keyboard.press("Escape")
    expect(page.locator("#detail")).to_be_hidden()
    expect(second).to_be_focused()


def test_browser_article_markup_is_shown_as_text_never_run(page: Page) -> None:
    page.click("tr[data-id='ev-hostile']")
    story = page.locator("#detail .story")
    expect(story.locator("mark.evidence")).to_contain_text("<script>window.__pwned=1</script>")
    assert story.inner_text().replace("\n\n", "\n") == HOSTILE.replace("\n\n", "\n")
    assert page.evaluate("window.__pwned") is None
    assert story.locator("script, img, a").count() == 0
    expect(page.locator("#detail h3#article-title")).to_contain_text("<script>")
    # The javascript: source URL is text, never a link, anywhere on the page.
    assert page.locator("a[href^='javascript']").count() == 0
    expect(page.locator("#detail .article .meta")).to_contain_text(HOSTILE_URL)
    # The claimant in the status history is text too.
    expect(page.locator("#detail table.history")).to_contain_text(HOSTILE_CLAIMANT)
    assert page.locator("#detail img").count() == 0


def test_browser_brushing_the_timeline_filters_map_and_table(page: Page) -> None:
    box = page.locator("#timeline").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.9, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 1, y, steps=4)
    page.mouse.up()
    expect(page.locator("#f-since")).to_have_value(re.compile(r"^2024-03-0\d$"))
    expect(page.locator("#f-until")).to_have_value("2024-03-05")
    expect(rows(page)).to_have_count(2)
    expect(page.locator("#map")).to_have_attribute("data-shown", "2")
    expect(page.locator("#event-count")).to_have_text("(2)")
    page.locator("#timeline").click(position={"x": 5, "y": 5})  # a click clears the range
    expect(rows(page)).to_have_count(4)


def test_browser_upload_processes_an_article_with_the_token(
    browser: Browser, tmp_path: Path
) -> None:
    with serving(fill(tmp_path / "upload.db"), token=TOKEN) as url, open_page(browser, url) as page:
        page.click("#upload-open")
        dialog = page.locator("#upload")
        dialog.get_by_label("Text of the article").fill(UPLOAD)
        dialog.get_by_label("Token").fill("wrong")
        dialog.get_by_role("button", name="Process and store").click()
        status = dialog.get_by_role("status")
        expect(status).to_contain_text("Not stored: a valid token is needed")
        dialog.get_by_label("Token").fill(TOKEN)
        dialog.get_by_role("button", name="Process and store").click()
        expect(status).to_contain_text("Stored: 1 event(s) found", timeout=60_000)
        expect(rows(page)).to_have_count(5)
