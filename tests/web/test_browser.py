"""End to end in real headless Chromium: search -> document -> entity -> graph, with screenshots."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from declass.settings import Settings
from declass.web.app import create_app

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def live_server(app: Any) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free loopback port in a thread; yields its base URL."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(web_store) -> Iterator[str]:
    with live_server(create_app(Settings(), web_store)) as url:
        yield url


@pytest.fixture(scope="module")
def page(server: str):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.errors = errors  # type: ignore[attr-defined]
        yield pg
        browser.close()


def test_search_document_entity_graph(server: str, page, artifacts: Path, ids: dict[str, str]) -> None:
    page.goto(f"{server}/search")
    page.fill("#q", "Kandourov")
    page.press("#q", "Enter")
    page.wait_for_selector("ol.hits li.hit")
    assert "kandaurov" in page.inner_text(".expansions").lower()
    assert page.locator("ol.hits li.hit").count() == 2
    assert page.locator("ol.hits mark").count() >= 2
    page.screenshot(path=str(artifacts / "01-search.png"), full_page=True)

    page.click("ol.hits li.hit:has-text('CIA-RDP82-00457R006100750010-5') a.title")
    page.wait_for_selector("article.text")
    target = page.url.split("#", 1)[1]
    assert target.startswith("p-") and "Kandaurov" in page.inner_text(f"#{target}")
    kand = f"a.mention[href='/entities/{ids['kandaurov']}']"
    assert page.locator(kand).count() >= 8
    assert "SECRET" in page.inner_text("aside.panel") and "25X1" in page.inner_text("aside.panel")
    page.screenshot(path=str(artifacts / "02-document.png"))

    # Belik's dossier, reached from his name in the report.
    page.click(f"a.mention[href='/entities/{ids['belik']}'] >> nth=0")
    page.wait_for_selector("h1.entity-name")
    assert "Zoran Afanasyevich Belik" in page.inner_text("h1.entity-name")
    roles = page.inner_text("table.roles")
    assert "chief of counter-intelligence" in roles and "governing committee" in roles and "until 1949" in roles
    assert "Holds role" in page.inner_text("section.dossier-claims")
    assert "Vladimir Aleksandrovich Tretyakov" in page.inner_text("ul.co-mentions")
    assert "Zoran Afanasyevich Belik" in page.inner_text("table.variants")
    page.screenshot(path=str(artifacts / "03-entity.png"), full_page=True)
    page.click("table.roles tr:has-text('until 1949') a.cite")
    page.wait_for_selector("p.para:target")
    assert "Until early 1949 Zoran Afanasyevich Belik was chief of NTS in Venezuela." in page.inner_text("p.para:target")

    page.goto(f"{server}/entities/{ids['kandaurov']}")
    assert "Kandourov" in page.inner_text("table.variants") and "Aleksei Privalov" in page.inner_text("ul.aliases")
    page.screenshot(path=str(artifacts / "03b-entity-kandaurov.png"), full_page=True)
    page.click("ol.citations li.citation a.cite >> nth=0")
    page.wait_for_selector("p.para:target")
    assert re.search(r"Kand[ao]urov", page.inner_text("p.para:target"))

    page.goto(f"{server}/graph")
    page.wait_for_selector("body[data-graph-ready='1']", timeout=15000)
    assert int(page.get_attribute("#graph", "data-nodes") or 0) >= 30
    assert "entities" in page.inner_text("#graph-status")
    page.screenshot(path=str(artifacts / "04-graph.png"))
    page.select_option("#edge-kind", "claim")
    shown = int(page.inner_text("#graph-status").split(" of", 1)[0])
    assert 5 <= shown < int(page.get_attribute("#graph", "data-nodes") or 0)
    page.screenshot(path=str(artifacts / "04b-graph-claims.png"))
    assert not page.errors, page.errors  # type: ignore[attr-defined]


def test_hostile_document_does_not_run_script(server: str, page, artifacts: Path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{server}/documents/hostile-memo.txt")
    page.wait_for_selector("article.text")
    assert "<script>alert('xss')</script>" in page.inner_text("article.text")
    assert "human sources and intelligence sources or methods" in page.inner_text("aside.panel")
    page.screenshot(path=str(artifacts / "05-hostile-document.png"))
    assert dialogs == []


def test_pdf_document_shows_page_image(server: str, page, artifacts: Path, ids: dict[str, str]) -> None:
    page.goto(f"{server}/documents/104-10006-10247.pdf")
    page.wait_for_selector("figure.page-image img")
    page.wait_for_function("document.querySelector('figure.page-image img').naturalWidth > 0")
    page.screenshot(path=str(artifacts / "06-pdf-document.png"))
    page.goto(f"{server}/timeline?entity={ids['kandaurov']}")
    page.wait_for_selector("ol.timeline li.ev")
    page.screenshot(path=str(artifacts / "07-timeline.png"), full_page=True)


def test_query_help_is_reachable_and_a_malformed_query_says_why(server: str, page, artifacts: Path) -> None:
    """Issue 14 item 4: the query language's help opens from the search page (a panel, and a
    page of its own), and a malformed query shows what to change instead of an error page."""
    page.goto(f"{server}/search")
    assert not page.is_visible("#search-help table.syntax")  # folded until asked for
    page.click("#search-help summary")
    help_text = page.inner_text("#search-help")
    for example in ('"National Labor Union"', "Kandaur*", "NOT", "classification:SECRET", "date:1950..1955", "Did you mean"):
        assert example in help_text, example
    page.click("#search-help a[href='/search/help']")
    page.wait_for_selector("section.search-help-page h1")
    assert "has:redactions" in page.inner_text("table.syntax") and "about 12,000" in page.inner_text("ul.help-notes")
    page.screenshot(path=str(artifacts / "08-search-help.png"), full_page=True)
    page.fill("#q", "(Kandaurov OR Tretyakov")
    page.press("#q", "Enter")
    page.wait_for_selector("p.query-notice")
    assert "never closed" in page.inner_text("p.query-notice")
    assert page.locator("ol.hits li.hit").count() >= 1  # the plain words were searched
    assert not page.errors, page.errors  # type: ignore[attr-defined]
