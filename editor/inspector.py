"""The Inspector panel: every field of what is selected (card, cards, stage, lane, connection, emotion) or the map.

It follows the scene's selection and the document's changes; every edit it
makes is one command (a typing burst in a field merges into one).
"""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from .session import EditSession
from .inspector_pages import CardPage, CardsPage, ConnectionPage, EmotionPage, LanePage, MapPage, StagePage


class InspectorPanel(QWidget):
    def __init__(self, session: EditSession, scene, prompts, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("inspector")
        self.session = session
        self.scene = scene
        self.doc = session.document
        self.map_page = MapPage(session)
        self.card_page = CardPage(session)
        self.cards_page = CardsPage(session)
        self.stage_page = StagePage(session)
        self.lane_page = LanePage(session)
        self.connection_page = ConnectionPage(session)
        self.emotion_page = EmotionPage(session)
        self.pages = QStackedWidget()
        for page in (self.map_page, self.card_page, self.cards_page, self.stage_page, self.lane_page,
                     self.connection_page, self.emotion_page):
            self.pages.addWidget(page)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.pages)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(scroll)
        self.setMinimumWidth(280)

        scene.selection_model.settled.connect(self.show_selection)
        session.read_only_changed.connect(lambda _r: self.show_selection())
        self.detach = self.doc.changed.connect(self._on_document_changed)  # the window calls it when it closes
        self.show_selection()

    def current_page(self) -> QWidget:
        return self.pages.currentWidget()

    def show_selection(self) -> None:
        """Show the page for the scene's selection; fall back to the map when the selection is gone."""
        s = self.scene.selected_ids()
        doc = self.doc
        cards = tuple(i for i in s.cards if doc.has_card(i))
        if len(cards) == 1:
            self._show(self.card_page, cards[0])
        elif len(cards) > 1:
            self.pages.setCurrentWidget(self.cards_page)
            self.cards_page.show_cards(cards)
        elif s.emotion is not None and doc.has_card(s.emotion[0]) and s.emotion[1] in {p.id for p in doc.personas}:
            self.pages.setCurrentWidget(self.emotion_page)
            self.emotion_page.show_emotion(s.emotion)
        elif s.connections and s.connections[0] in {c.id for c in doc.connections}:
            self._show(self.connection_page, s.connections[0])
        elif s.stages and s.stages[0] in {st.id for st in doc.stages}:
            self._show(self.stage_page, s.stages[0])
        elif s.lanes and s.lanes[0] in {ln.id for ln in doc.lanes}:
            self._show(self.lane_page, s.lanes[0])
        else:
            self._show(self.map_page, None)

    def _show(self, page, target) -> None:
        self.pages.setCurrentWidget(page)
        page.show_target(target)

    def _on_document_changed(self, _change) -> None:
        # At once, so the page never shows an object that was just removed.
        self.show_selection()
