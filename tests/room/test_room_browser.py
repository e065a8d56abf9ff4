"""Three phones in a real browser: Debian's Chromium, driven by Playwright (no browser download).

They join through the address the Room panel's QR code holds, rate, add cards; the laptop shows what
they did, and the hostile corpus appears on the phones literally (never as HTML, no script runs).
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests.room.conftest import Phone
from tests.room.test_room_panel import decoded_qr, qr_matches

CHROMIUM = "/usr/bin/chromium"
VIEWPORTS = [(360, 640), (390, 844), (412, 915)]
WRITTEN = ["<script>alert('x')</script>", "<img src=x onerror=alert(1)>", "\u202eevil\u202c שלום & <b>bold</b>"]

pytestmark = pytest.mark.browser


def _browser_or_skip():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip("Debian's chromium is not installed here (.ci/run installs it with apt-get as root)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # pragma: no cover - a test dependency
        pytest.skip(f"playwright is not installed: {error}")
    return sync_playwright


def _launch(pw):
    return pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
        "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--disable-sync", "--disable-domain-reliability"])


def _joined_phone(browser, join_url: str, name: str, viewport: tuple[int, int], problems: list[str]):
    """A phone's page that joined the room as `name`; whatever goes wrong on it is added to `problems`."""
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.on("dialog", lambda d: (problems.append(f"a dialog opened: {d.message}"), d.dismiss()))
    # The page asks /api/state before joining; its 401 ("not joined yet") is expected.
    page.on("console", lambda m: m.type == "error" and "status of 401" not in m.text
            and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(join_url)
    page.fill("#name", name)
    page.click("#join-form button")
    page.wait_for_selector("#room:not([hidden])")
    assert page.url.endswith("/") and "/j/" not in page.url  # the secret left the address bar
    return page


def _three_phones(sync_playwright, join_url: str, texts_expected: list[str], problems: list[str]) -> dict:
    """Runs on a worker thread (the GUI thread applies what the phones send)."""
    seen: dict = {}
    with sync_playwright() as pw:
        browser = _launch(pw)
        try:
            pages = []
            for i, viewport in enumerate(VIEWPORTS):
                page = _joined_phone(browser, join_url, f"Phone {i}", viewport, problems)
                page.locator("#touchpoints .faces").first.locator("button").nth(i + 1).click()
                page.wait_for_selector("#touchpoints .faces button[aria-pressed=true]")
                page.fill("#card-text", WRITTEN[i])
                page.select_option("#card-lane", label="Pain points")
                page.click("#card-form button")
                page.locator("#status", has_text="Card sent").wait_for()  # locators: the page's CSP forbids eval
                page.locator("#card-list > li.mine").first.wait_for()
                pages.append(page)
            for page in pages:  # every phone follows the room live: everyone's cards, shown as typed
                page.locator("#card-list > li").nth(len(texts_expected) - 1).wait_for(timeout=10_000)
            first = pages[0]
            seen["texts"] = first.eval_on_selector_all("#card-list > li", "els => els.map(e => e.firstChild.textContent)")
            seen["markup"] = first.eval_on_selector_all("#card-list img, #card-list script, #card-list b", "els => els.length")
            seen["width"] = first.evaluate("document.documentElement.scrollWidth")
            seen["wide"] = first.evaluate("""() => Array.from(document.querySelectorAll('body *'))
                .flatMap(e => Array.from(e.childNodes)).filter(n => n.nodeType === 3)
                .filter(n => { const r = document.createRange(); r.selectNodeContents(n);
                               return Array.from(r.getClientRects()).some(b => b.right > 361); })
                .map(n => JSON.stringify(n.textContent.slice(0, 40)))""")
        finally:
            browser.close()
    return seen


def test_three_phones_in_chromium(room, window, off_gui, tmp_path):
    from tests.hostile.corpus import hostile_texts

    sync_playwright = _browser_or_skip()
    panel = window.room_ui.panel
    pixmap = panel.qr.pixmap()
    assert qr_matches(pixmap, room.server.join_url)
    join_url = decoded_qr(pixmap, tmp_path) if shutil.which("zbarimg") else room.server.join_url
    assert join_url == room.server.join_url
    # A fourth phone (plain HTTP) writes the hostile corpus for the browsers to show.
    corpus = [t.strip() for t in hostile_texts() if t.strip()]
    writers = [Phone(room.server.base_url) for _ in range(3)]
    off_gui(*[lambda w=w, k=k: w.join(room.server.token, f"Writer {k}") for k, w in enumerate(writers)])
    state = off_gui(writers[0].state)[0]
    lane, stage = state["lanes"][0]["id"], state["stages"][0]["id"]
    off_gui(*[lambda w=w, chunk=corpus[j::3]: [w.post("/api/cards", {"text": t, "lane": lane, "stage": stage})
                                               for t in chunk] for j, w in enumerate(writers)])
    problems: list[str] = []
    expected = corpus + WRITTEN
    [seen] = off_gui(lambda: _three_phones(sync_playwright, join_url, expected, problems), timeout=90_000)
    for writer in writers:
        writer.close()
    assert not problems, problems
    assert sorted(seen["texts"]) == sorted(t.strip() for t in expected)  # literally, every one
    assert seen["markup"] == 0 and seen["width"] <= 360, seen["wide"]  # no element made from text; nothing wider than the phone
    doc = window.document
    assert {c.text for c in doc.items("inbox_card")} >= set(WRITTEN)
    assert sorted(r.value for r in doc.items("room_rating")) == [-1, 0, 1]
    assert window.scene.sync.room_curves  # the laptop draws the room's curve
    script = next(c.id for c in doc.items("inbox_card") if c.text == WRITTEN[0])
    room.accept(script)  # the facilitator takes it onto the map
    assert any(item.card.text == WRITTEN[0] for item in window.scene.sync.cards.values())


def _a_phone_votes(sync_playwright, join_url: str, card_text: str, problems: list[str]) -> dict:
    """One phone taps +1 on the card twice; what it showed before and after each tap. On a worker thread."""
    seen: dict = {}
    with sync_playwright() as pw:
        browser = _launch(pw)
        try:
            page = _joined_phone(browser, join_url, "Voter", VIEWPORTS[1], problems)
            page.wait_for_selector("#vote:not([hidden])")
            seen["before"] = page.text_content("#remaining")
            card = page.locator("#votable > li", has_text=card_text)
            seen["cards"] = page.locator("#votable > li").count()
            for left in (2, 1):
                card.get_by_role("button", name="+1").tap()
                page.locator("#remaining", has_text=f"{left} vote{'s' if left != 1 else ''} left").wait_for()
                seen[left] = (page.text_content("#remaining"), card.locator(".votes span").first.text_content())
            seen["take back"] = card.get_by_role("button", name="−1").is_enabled()
        finally:
            browser.close()
    return seen


def test_a_phone_votes_in_chromium_and_the_vote_is_in_the_map_file(room, window, off_gui):
    """The workshop's vote step on an open voting session: the phone shows its votes left, a tap on a
    card's +1 spends one, and the map file (read back) holds the phone's votes."""
    from model import voting
    from model.domain import VoteOrigin, VotingSession
    from model.persistence import MapFile
    from model.workshop import add_step
    from model.workshop_domain import Activity, WorkshopStep

    sync_playwright = _browser_or_skip()
    doc = window.document
    session = VotingSession("Fix first", votes_per_participant=3, max_per_card=2, current=True)
    window.session.edit(voting.add_session(doc, session))
    window.session.edit(add_step(doc, WorkshopStep("Vote on what to fix", Activity.VOTE, 10)))
    run = window.workshop.controller
    run.start()
    assert room.step.voting  # the room follows the run's vote step
    card = doc.cards()[1]
    problems: list[str] = []
    [seen] = off_gui(lambda: _a_phone_votes(sync_playwright, room.server.join_url, card.text, problems),
                     timeout=90_000)
    assert not problems, problems
    assert seen["before"] == "3 votes left" and seen["cards"] == len(doc.cards())
    assert seen[2] == ("2 votes left", "yours: 1") and seen[1] == ("1 vote left", "yours: 2")
    assert seen["take back"]
    [voter] = [p for p in doc.items("participant") if p.name == "Voter"]
    on_disk = MapFile.open(window.map_file.path, read_only=True)
    try:
        saved = on_disk.document
        assert voting.ballot(saved, session.id, voter.id) == {card.id: 2}
        assert [v.origin for v in voting.votes_in(saved, session.id)] == [VoteOrigin.ROOM]
    finally:
        on_disk.close()
