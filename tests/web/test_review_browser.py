"""Review in real headless Chromium (``declass serve --review``): a merge found by typing, a split,
"not an entity", an undo, a queue decision by key and a mention added by selecting text; each
checked on the page and in the store. Screenshots go to test-artifacts/ (and docs/review.md)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_browser import ARGS, CHROMIUM, live_server
from webstore import build_store, entity_id

from declass.settings import Settings
from declass.web.app import create_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    s = build_store(tmp_path_factory.mktemp("review-browser"))
    yield s
    s.close()


@pytest.fixture(scope="module")
def server(store: Any) -> Iterator[str]:
    with live_server(create_app(Settings(), store, review=True)) as url:
        yield url


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page(viewport={"width": 1200, "height": 800})
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.on("dialog", lambda d: d.accept())
        pg.errors = errors
        pg.goto(f"{server}/review/history")
        pg.fill("#reviewer", "ann")
        pg.dispatch_event("#reviewer", "change")
        yield pg
        browser.close()


def owner(store: Any, mention_id: str) -> str | None:
    return store.entities_of_mentions([mention_id]).get(mention_id)


def submit(page: Any, selector: str) -> None:
    """Click a review form's button and wait for the page the answer names."""
    with page.expect_navigation():
        page.click(selector)


def test_merge_then_split_from_the_entity_page(server: str, page: Any, store: Any, artifacts: Path) -> None:
    a, b = entity_id(store, "Central Committee"), entity_id(store, "Central Committee of the CPSU")
    ma, mb = store.get_entity(a).mention_ids[0], store.get_entity(b).mention_ids[0]
    page.goto(f"{server}/entities/{a}")
    page.type("input.entity-search", "Central Committee of", delay=20)
    page.wait_for_selector("ul.suggestions li:has-text('Central Committee of the CPSU')")
    page.screenshot(path=str(artifacts / "review-1-merge.png"))
    page.click("ul.suggestions li:has-text('Central Committee of the CPSU') >> nth=0")
    submit(page, "form.merge-form button[type=submit]")
    merged = owner(store, ma)
    assert merged == owner(store, mb) and page.url.endswith(f"/entities/{merged}")
    assert "(merge): 2 mentions changed" in page.inner_text("#review-status")
    assert page.locator("ol.citations li.citation").count() == 4
    page.check(f"li.citation[data-mention='{mb}'] input[name=mentions]")
    page.screenshot(path=str(artifacts / "review-2-split.png"))
    submit(page, "#split-form button[type=submit]")
    assert owner(store, ma) != owner(store, mb)
    assert "(split): 1 mention changed" in page.inner_text("#review-status")
    assert store.override_history()[0]["reviewer"] == "ann"
    assert not page.errors, page.errors


def test_not_an_entity_then_undo(server: str, page: Any, store: Any, artifacts: Path) -> None:
    archives = entity_id(store, "Archives")
    mention = store.get_entity(archives).mention_ids[0]
    page.goto(f"{server}/entities/{archives}")
    submit(page, f"li.citation[data-mention='{mention}'] button.not-entity")
    assert owner(store, mention) is None
    assert page.url.endswith("/review/history")
    row = page.locator("tr.override >> nth=0")
    assert "'Archives' is not an entity" in row.inner_text() and "ann" in row.inner_text()
    page.screenshot(path=str(artifacts / "review-3-history.png"))
    submit(page, "tr.override >> nth=0 >> button.undo")
    assert owner(store, mention) is not None
    assert "undone" in page.locator("tr.override >> nth=0").get_attribute("class")
    assert store.override_history()[0]["undone_by"] == "ann"
    assert not page.errors, page.errors


def test_queue_decision_by_key(server: str, page: Any, store: Any, artifacts: Path) -> None:
    page.goto(f"{server}/review/queue")
    first = page.locator(".queue-item.current")
    key = first.get_attribute("data-key")
    page.screenshot(path=str(artifacts / "review-4-queue.png"))
    page.keyboard.press("s")  # skip: the next item is highlighted, nothing stored
    assert page.locator(".queue-item.current").get_attribute("data-key") != key
    decided = page.locator(".queue-item.current").get_attribute("data-key")
    before = len(store.override_history())
    with page.expect_navigation():
        page.keyboard.press("r")
    assert len(store.override_history()) == before + 1
    row = store.override_history()[0]
    assert row["reviewer"] == "ann" and row["action"] in ("judge", "keep")
    assert page.locator(f".queue-item[data-key='{decided}']").count() == 0
    assert page.locator(f".queue-item[data-key='{key}']").count() == 1
    assert not page.errors, page.errors


def test_add_a_mention_by_selecting_text(server: str, page: Any, store: Any, artifacts: Path) -> None:
    doc = store.get_document("104-10006-10247.pdf")
    page.goto(f"{server}/documents/{doc.id}")
    page.evaluate(
        """(needle) => {
        for (const p of document.querySelectorAll('p.para')) {
          const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
          let node;
          while ((node = walker.nextNode())) {
            const at = node.textContent.indexOf(needle);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at); range.setEnd(node, at + needle.length);
            const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
            p.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
            return true;
          }
        }
        return false;
      }""",
        "Arieansk",  # the birthplace extraction misses ("born 28 March 1927 in Arieansk, USSR")
    )
    page.wait_for_selector("#add-mention:not([hidden])")
    assert page.input_value("#add-mention input[name=text]") == "Arieansk"
    page.select_option("#add-mention select[name=label]", "LOC")
    page.screenshot(path=str(artifacts / "review-5-add-mention.png"))
    submit(page, "#add-mention button[type=submit]")
    start = doc.text.index("Arieansk")
    added = [m for m in store.iter_mentions(doc_id=doc.id) if m.start == start and m.text == "Arieansk"]
    assert added and added[0].label == "LOC"
    assert added and owner(store, added[0].id) is not None
    assert "(add mention): 1 mention changed" in page.inner_text("#review-status")
    assert not page.errors, page.errors


def test_wrong_type_from_the_document_page(server: str, page: Any, store: Any, artifacts: Path) -> None:
    doc = store.get_document("104-10006-10247.pdf")
    # an ORG mention of the record (its mistyped "Tor" is no longer extracted)
    tor = next(m for m in store.iter_mentions(doc_id=doc.id) if m.label == "ORG" and m.text != "Archives")
    page.goto(f"{server}/documents/{doc.id}")
    page.click(f"[data-mention='{tor.id}']")
    page.wait_for_selector("#mention-bar:not([hidden])")
    assert f"“{tor.text}” (ORG)" in page.inner_text("#mention-bar")
    page.select_option("#mention-bar select[name=label]", "PERSON")
    page.screenshot(path=str(artifacts / "review-6-mention.png"))
    submit(page, "#mention-bar button.wrong-type")
    assert store.get_entity(owner(store, tor.id)).type == "PERSON"
    assert "(mention type): 1 mention changed" in page.inner_text("#review-status")
    assert not page.errors, page.errors
