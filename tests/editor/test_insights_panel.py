"""The Insights panel driven like a user: findings by group, a click selects and shows the cards, edits update it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from model import edits
from model import ops
from model.domain import Kpi

from .conftest import map_file_at, window_on


def show_insights(win, qtbot):
    """The window's Insights panel brought forward, once it lists its findings."""
    win.docks["insights"].show()
    win.docks["insights"].raise_()
    panel = win.insights_panel
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() > 0)
    return panel


def pains_window(application, qtbot, path, stage_name: str, texts, **fields):
    """A window on a map of one stage whose Pain points lane holds a pain point card for each text."""
    from model.document import Document
    from model.domain import Card, CardKind, Lane, Stage

    doc = Document()
    stage, lane = Stage(stage_name), Lane("Pain points")
    doc.apply(ops.AddStage(stage))
    doc.apply(ops.AddLane(lane))
    for text in texts:
        doc.apply(ops.AddCard(Card(stage.id, lane.id, text, kind=CardKind.PAIN_POINT, **fields)))
    return window_on(application, qtbot, map_file_at(path, doc.content()))


@pytest.fixture
def example_window(application, qtbot):
    win = application.open_example()
    qtbot.waitExposed(win)
    show_insights(win, qtbot)
    return win


def groups(panel) -> dict[str, list[str]]:
    tree = panel.tree
    out = {}
    for i in range(tree.topLevelItemCount()):
        head = tree.topLevelItem(i)
        out[head.text(0)] = [head.child(j).text(0) for j in range(head.childCount())]
    return out


def click(qtbot, panel, text: str) -> None:
    item = next(panel.tree.topLevelItem(i).child(j) for i in range(panel.tree.topLevelItemCount())
                for j in range(panel.tree.topLevelItem(i).childCount())
                if panel.tree.topLevelItem(i).child(j).text(0) == text)
    panel.tree.scrollToItem(item)
    rect = panel.tree.visualItemRect(item)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_findings_are_listed_under_their_groups(example_window):
    shown = groups(example_window.insights_panel)
    assert list(shown) == ["Emotions  (5)", "Drop-off  (7)", "Loops  (1)", "Handoffs  (1)", "Channels  (3)",
                           "Coverage  (1)", "Evidence  (1)", "Priorities  (13)"]
    assert shown["Coverage  (1)"] == ["Advocacy has no KPI."]
    assert example_window.insights_panel.summary.text() == "32 findings, 15 high."


def test_clicking_a_finding_selects_its_cards_and_brings_them_into_view(example_window, qtbot):
    win = example_window
    doc = win.document
    sync = next(c for c in doc.cards() if c.text.startswith("Nightly telematics sync"))
    demo = next(c for c in doc.cards() if c.text.startswith("Tailored demo"))
    centres = {card.id: win.scene.layout().cards[card.id].rect.center for card in (sync, demo)}

    def in_view(card_id: str) -> bool:
        return win.view.mapToScene(win.view.viewport().rect()).boundingRect().contains(*centres[card_id])

    win.view.zoom_to(1.0)
    win.show_card(doc.cards()[0].id)  # at 100 %, the first card of Awareness: Retention is far off
    assert not in_view(sync.id)
    stack_before = win.stack.count()
    handoff = groups(win.insights_panel)["Handoffs  (1)"][0]
    click(qtbot, win.insights_panel, handoff)
    assert win.scene.selected_ids().cards == tuple(win.scene.journey_order([sync.id, demo.id]))
    assert in_view(sync.id) and in_view(demo.id)
    assert win.stack.count() == stack_before  # selecting is view state, not an edit
    # and the finding's cards are ringed by the insights decoration layer, beside any find dimming
    from canvas.decorations import INSIGHTS

    assert set(win.scene.decoration(INSIGHTS).marks) == {sync.id, demo.id}
    win.insights_panel.hide()
    assert win.scene.decoration(INSIGHTS) is None  # the rings go with the panel


def test_a_stage_finding_selects_its_stage(example_window, qtbot):
    win = example_window
    click(qtbot, win.insights_panel, "Advocacy has no KPI.")
    assert win.scene.selected_ids().stages == (win.document.stages[-1].id,)


def test_an_edit_updates_the_list_after_a_moment_and_undo_restores_it(example_window, qtbot):
    win = example_window
    panel = win.insights_panel
    advocacy = win.document.stages[-1]
    win.session.edit(edits.add_kpi(win.document, Kpi(advocacy.id, "Referrals", 3, 10)))
    qtbot.waitUntil(lambda: "Coverage  (1)" not in groups(panel))
    assert not any(head.startswith("Coverage") for head in groups(panel))
    win.stack.undo()
    qtbot.waitUntil(lambda: "Coverage  (1)" in groups(panel))


def test_an_edit_no_finding_reads_leaves_the_list_alone(example_window, qtbot):
    win = example_window
    panel = win.insights_panel
    first = panel.tree.topLevelItem(0)
    card = win.document.cards()[0]
    with qtbot.assertNotEmitted(panel.tree.model().modelReset, wait=400):
        win.session.edit(ops.UpdateCard(card.id, {"colour": "pink"}))
    assert panel.tree.topLevelItem(0) is first


def test_a_hidden_panel_catches_up_when_shown(example_window, qtbot):
    win = example_window
    panel = win.insights_panel
    win.docks["insights"].hide()
    advocacy = win.document.stages[-1]
    win.session.edit(edits.add_kpi(win.document, Kpi(advocacy.id, "Referrals")))
    assert "Coverage  (1)" in groups(panel)  # nothing computed while it cannot be seen
    win.docks["insights"].show()
    qtbot.waitUntil(lambda: "Coverage  (1)" not in groups(panel))


def test_a_panel_behind_the_inspectors_tab_computes_nothing_until_its_tab_is_raised(example_window, qtbot):
    win = example_window
    panel = win.insights_panel
    win.docks["inspector"].raise_()  # Insights is a tab behind it, as a window opens
    advocacy = win.document.stages[-1]
    with qtbot.assertNotEmitted(panel.tree.model().modelReset, wait=2 * 250):
        win.session.edit(edits.add_kpi(win.document, Kpi(advocacy.id, "Referrals")))
    assert "Coverage  (1)" in groups(panel)
    win.docks["insights"].raise_()
    qtbot.waitUntil(lambda: "Coverage  (1)" not in groups(panel))


def test_long_groups_show_the_first_few_and_the_rest_on_demand(application, qtbot, tmp_path):
    win = pains_window(application, qtbot, tmp_path / "pains.journey", "S", [f"Pain {i:02}" for i in range(30)])
    panel = show_insights(win, qtbot)
    # Coverage: one gap for S and thirty unaddressed pains; 25 listed, then a link to the other 6.
    coverage = groups(panel)["Coverage  (31)"]
    assert len(coverage) == 26 and coverage[-1] == "… and 6 more: show all"
    click(qtbot, panel, "… and 6 more: show all")
    assert len(groups(panel)["Coverage  (31)"]) == 31


def test_user_text_shows_literally_in_the_list_and_its_tooltips(application, qtbot, tmp_path):
    from PySide6.QtGui import QTextDocument

    from tests.export.maps import HOSTILE

    win = pains_window(application, qtbot, tmp_path / "hostile.journey", "<i>S</i>", HOSTILE, impact=4, effort=1)
    panel = show_insights(win, qtbot)
    coverage = next(panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())
                    if panel.tree.topLevelItem(i).text(0).startswith("Coverage"))
    shown = [coverage.child(j) for j in range(coverage.childCount())][1:]
    for item, text in zip(shown, HOSTILE):
        sentence = f"No opportunity addresses “{text}” (<i>S</i>): none in its stage, none connected to it."
        assert item.text(0) == sentence
        rendered = QTextDocument()
        rendered.setHtml(item.toolTip(0))  # how Qt shows a tooltip that looks like markup
        assert rendered.toPlainText() == f"Pain point without an opportunity · high\n{sentence}"  # impact 4
    win.docks["matrix"].show()
    view = win.matrix_view
    qtbot.waitUntil(lambda: len(view.dots) == len(HOSTILE))
    for card in win.document.cards():
        rendered = QTextDocument()
        rendered.setHtml(view.dots[card.id].toolTip())
        assert rendered.toPlainText().split("\n")[0] == card.text
