"""The presentation window: the map on the projector, full screen, in large type.

A second view of the same Document (its own MapScene, the editor window's
SelectionModel, which it never draws: the room sees the decoration layers,
not the facilitator's clicks), under a banner with the step's title and
prompt and the timer big in its corner. The map is zoomed so its smallest text is legible
from the back of the room (canvas/legibility.py) and framed on the step's
focus; an area too big for the screen is shown in parts (framing.py).

Keys a presentation clicker sends: →, ↓, Page Down next; ←, ↑, Page Up
previous (the next part of what is shown, else `moved(±1)`); B (or .)
blacks the screen and back; + and − zoom; Esc asks to end. While the room
is open, its corner shows how phones join (room_corner.py); Q hides it and
brings it back.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QEvent, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QFrame, QGraphicsView, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from canvas.decorations import WORKSHOP, Decoration
from canvas.fonts import bold_font, card_font, ensure_fonts
from canvas.legibility import legible_zoom
from canvas.scene import MapScene
from canvas.view import MapView
from model.layout_types import Rect

from .framing import Frame, frame_area
from .keys import BLACK_KEYS, K, NEXT_KEYS, PREVIOUS_KEYS, ROOM_KEYS, ZOOM_IN_KEYS, ZOOM_OUT_KEYS, ZOOM_STEP
from .room_corner import RoomCorner

TITLE_PX, PROMPT_PX, TIMER_PX, PART_PX = 36, 24, 56, 18
TITLE_LINES, PROMPT_LINES = 2, 3  # what fits above the map; a longer text is cut, the map keeps its room
BANNER_STYLE = """
QFrame#presentation_banner { background: #1B2330; }
QLabel { color: #F4F6FA; background: transparent; }
QLabel#presentation_prompt { color: #D5DCE6; }
QLabel#presentation_part { color: #AEB9C8; }
QLabel#presentation_timer { color: #F4F6FA; padding: 0 14px; border-radius: 10px; }
QLabel#presentation_timer[urgent="true"] { background: #C53030; color: white; }
"""


def _label(name: str, font, *, wrap: bool = False, lines: int = 0) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # user text is data, never markup
    label.setFont(font)
    label.setWordWrap(wrap)
    if lines:
        label.setMaximumHeight(QFontMetrics(font).lineSpacing() * lines + 2)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


class PresentationWindow(QWidget):
    """What the room sees. Its input: `show_step()`, `show_stage()`, `set_timer()`, `set_black()`,
    `show_room()` / `hide_room()`."""

    moved = Signal(int)  # +1 / −1 asked for beyond the last / first part of what is shown
    black_changed = Signal(bool)
    room_shown_changed = Signal(bool)  # how to join the room appeared or went (Q, or the room closing)
    exit_requested = Signal()  # Esc
    closed = Signal()  # the window is gone (Esc, the window manager, or the map closing)

    def __init__(self, document, selection, parent: QWidget | None = None, *, layout_engine=None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        ensure_fonts()
        self.setObjectName("presentation_window")
        self.setWindowTitle("Journeymap presentation")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.document = document
        self.scene = MapScene(document, selection=selection, layout_engine=layout_engine, draws_selection=False)
        self.scene.set_read_only(True)
        self.view = MapView(self.scene, self)
        self.view.setObjectName("presentation_view")
        # The room looks; nothing on the projector is dragged or typed into (the editor is for that).
        self.view.setInteractive(False)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for policy in (self.view.setHorizontalScrollBarPolicy, self.view.setVerticalScrollBarPolicy):
            policy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)

        self.banner = QFrame(self)
        self.banner.setObjectName("presentation_banner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.title_label = _label("presentation_title", bold_font(TITLE_PX), wrap=True, lines=TITLE_LINES)
        self.prompt_label = _label("presentation_prompt", card_font(PROMPT_PX), wrap=True, lines=PROMPT_LINES)
        self.timer_label = _label("presentation_timer", bold_font(TIMER_PX))
        self.timer_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.timer_label.hide()
        self.part_label = _label("presentation_part", card_font(PART_PX))
        self.part_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        texts = QVBoxLayout()
        texts.setSpacing(6)
        texts.addWidget(self.title_label)
        texts.addWidget(self.prompt_label)
        corner = QVBoxLayout()
        corner.addWidget(self.timer_label, 0, Qt.AlignmentFlag.AlignRight)
        corner.addStretch(1)
        corner.addWidget(self.part_label, 0, Qt.AlignmentFlag.AlignRight)
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(28, 16, 24, 14)
        row.setSpacing(24)
        row.addLayout(texts, 1)
        row.addLayout(corner)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.view, 1)

        self.room_corner = RoomCorner(self)  # over the map, under the black
        self.room_corner.hide()
        self._has_room = False

        # Black: one black widget over everything, so nothing of the map or banner shows through.
        self.black = QWidget(self)
        self.black.setObjectName("presentation_black")
        self.black.setStyleSheet("background: black;")
        self.black.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.black.hide()

        self._focus_cards: frozenset[str] | None = None  # what is framed: these cards ...
        self._lanes: tuple[str, ...] = ()  # ... with these lanes' rows (a rating step's Emotions lanes)
        self._stage_id: str | None = None  # ... or this stage's column, or (both None) the whole map
        self._scale = 1.0  # the room's +/− on top of the legible zoom
        self._frame: Frame | None = None
        self._part = 0
        self._closed = False
        # After an edit the layout moves: frame the same thing again, once per burst of changes.
        self._reframe_timer = QTimer(self)
        self._reframe_timer.setSingleShot(True)
        self._reframe_timer.setInterval(0)
        self._reframe_timer.timeout.connect(lambda: self._reframe(keep_part=True))
        ref = weakref.ref(self)

        def on_changed(_change) -> None:
            window = ref()
            if window is not None and not window._closed:
                window._reframe_timer.start()

        self._disconnect_document = document.changed.connect(on_changed)
        # The banner grows and shrinks with its text, the window with its screen: frame again in what is left.
        self.view.viewport().installEventFilter(self)

    # -- the input interface -------------------------------------------------------------------

    def show_step(self, title: str, prompt: str, focus: Decoration | None = None, lanes: tuple[str, ...] = ()) -> None:
        """Show a workshop step: its title and prompt in the banner, the map framed on `focus`'s cards
        and the `lanes` rows beside them (the rest dimmed), or on the whole map when `focus` is None or
        keeps no card."""
        self.scene.set_decoration(WORKSHOP, focus)
        self._lanes = tuple(lanes)
        self._show(title, prompt, cards=None if focus is None else focus.focus, stage_id=None)

    def show_stage(self, title: str, prompt: str, stage_id: str, cards: frozenset[str]) -> None:
        """Show one stop of a stage-by-stage tour: the stage's column framed, its `cards` at full strength."""
        self.scene.set_decoration(WORKSHOP, Decoration(focus=cards))
        self._lanes = ()
        self._show(title, prompt, cards=None, stage_id=stage_id)

    def set_timer(self, text: str, urgent: bool = False) -> None:
        """The time left as the run bar shows it ("12:30"); `urgent` turns it red; "" hides it."""
        self.timer_label.setText(text)
        self.timer_label.setVisible(bool(text))
        if self.timer_label.property("urgent") != urgent:
            self.timer_label.setProperty("urgent", urgent)
            self.timer_label.style().unpolish(self.timer_label)
            self.timer_label.style().polish(self.timer_label)

    def set_black(self, black: bool) -> None:
        if black == self.black.isVisible():
            return
        self.black.setGeometry(self.rect())
        self.black.setVisible(black)
        self.black.raise_()
        self.black_changed.emit(black)

    def is_black(self) -> bool:
        return self.black.isVisible()

    def show_room(self, join_url: str, address: str, code: str) -> None:
        """Show how phones join the room, in the corner: a QR code of `join_url`, `address`, `code`."""
        self.room_corner.set_room(join_url, address, code)
        self._has_room = True
        self.set_room_shown(True)

    def hide_room(self) -> None:
        """The room closed: nothing to join, no corner (Q has nothing to show)."""
        self._has_room = False
        self.set_room_shown(False)

    def set_room_shown(self, shown: bool) -> None:
        """Show or hide how to join (Q); only while there is a room to join."""
        shown = shown and self._has_room
        if shown == self.room_corner.isVisible():
            return
        if shown:
            self.room_corner.fit(self.size())
        self.room_corner.setVisible(shown)
        self.black.raise_()  # a black screen stays black
        self.room_shown_changed.emit(shown)

    def is_room_shown(self) -> bool:
        return self.room_corner.isVisible()

    def show_on(self, screen) -> None:
        """Full screen on `screen` (a QScreen)."""
        if self.windowHandle() is None:
            self.winId()  # the native window, so it can be placed on a screen before it shows
        self.windowHandle().setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.activateWindow()
        self.raise_()

    # -- moving through what is shown ------------------------------------------------------------

    def step(self, delta: int) -> None:
        """The next (+1) or previous (−1) part of what is shown; past either end, `moved(delta)`."""
        frame = self._frame
        target = self._part + delta
        if frame is not None and 0 <= target < len(frame.parts):
            self._part = target
            self._look()
            return
        self.moved.emit(delta)

    def go_to_part(self, index: int) -> None:
        """Show part `index` of what is framed (−1: the last)."""
        if self._frame is not None:
            count = len(self._frame.parts)
            self._part = max(0, min(index % count if index < 0 else index, count - 1))
            self._look()

    def part(self) -> tuple[int, int]:
        """(index of the part shown, how many parts there are)."""
        return self._part, len(self._frame.parts) if self._frame is not None else 1

    def zoom_by(self, factor: float) -> None:
        """The room's +/−: zoom around what is framed (legibility is the default, not a lock)."""
        self._scale = max(0.2, min(4.0, self._scale * factor))
        self._reframe(keep_part=True)

    def framed_area(self) -> Rect:
        """What is framed, in layout units: the focus cards' box, the stage's column, or the whole map."""
        layout = self.scene.layout()
        corner = layout.corner
        whole = Rect(corner.w, corner.h, max(layout.width - corner.w, 1.0), max(layout.height - corner.h, 1.0))
        if self._stage_id is not None and self._stage_id in layout.stage_index:
            column = layout.stage_index[self._stage_id].column
            return Rect(column.x, corner.h, column.w, max(column.bottom - corner.h, 1.0))
        if self._focus_cards:
            rects = [box.rect for card_id in self._focus_cards
                     if (box := layout.cards.get(card_id)) is not None and not box.hidden]
            if rects:
                x0, y0 = min(r.x for r in rects), min(r.y for r in rects)
                x1, y1 = max(r.right for r in rects), max(r.bottom for r in rects)
                for lane_id in self._lanes:  # rows the room must see whole beside the cards (their curves)
                    if lane_id in layout.lane_index:
                        row = layout.lane_index[lane_id].row
                        y0, y1 = min(y0, row.y), max(y1, row.bottom)
                return Rect(x0, y0, x1 - x0, y1 - y0)
        return whole

    # -- internals ----------------------------------------------------------------------------

    def _show(self, title: str, prompt: str, *, cards: frozenset[str] | None, stage_id: str | None) -> None:
        self.title_label.setText(title)
        self.prompt_label.setText(prompt)
        self.prompt_label.setVisible(bool(prompt))
        self._focus_cards, self._stage_id = cards, stage_id
        self._scale = 1.0
        # The banner takes its new height now (not at the next event loop), so the map is framed in what is left.
        self.banner.layout().activate()
        self.layout().invalidate()
        self.layout().activate()
        self._reframe(keep_part=False)

    def _reframe(self, *, keep_part: bool) -> None:
        if self._closed:
            return
        layout = self.scene.layout()
        viewport = self.view.viewport()
        self._frame = frame_area(
            self.framed_area(), (viewport.width(), viewport.height()), (layout.corner.w, layout.corner.h),
            (self.scene.sceneRect().width(), self.scene.sceneRect().height()),
            legible=legible_zoom(self.scene), scale=self._scale,
            rows=tuple((lane.row.y, lane.row.bottom) for lane in layout.lanes),
        )
        self._part = min(self._part, len(self._frame.parts) - 1) if keep_part else 0
        self._look()

    def _look(self) -> None:
        frame = self._frame
        left, top = frame.parts[self._part]
        # A part may look beyond the map's end, to put a lane's top under the stage headers: the view
        # scrolls that far while it does (a null rectangle: as far as the scene reaches).
        scene = self.scene.sceneRect()
        beyond = top + self.view.viewport().height() / frame.zoom - scene.bottom()
        self.view.setSceneRect(scene.adjusted(0.0, 0.0, 0.0, beyond) if beyond > 0.0 else QRectF())
        self.view.zoom_to(frame.zoom)
        self.view.horizontalScrollBar().setValue(round(left * frame.zoom))
        self.view.verticalScrollBar().setValue(round(top * frame.zoom))
        count = len(frame.parts)
        self.part_label.setText(f"{self._part + 1} / {count}" if count > 1 else "")

    def visible_area(self) -> QRectF:
        """The part of the map the viewport shows, in layout units."""
        return self.view.mapToScene(self.view.viewport().rect()).boundingRect()

    # -- Qt events ----------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.black.setGeometry(self.rect())
        if self._has_room:
            self.room_corner.fit(self.size())

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize and self._frame is not None and not self._closed:
            self._reframe(keep_part=True)
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if key in NEXT_KEYS:
            self.step(+1)
        elif key in PREVIOUS_KEYS:
            self.step(-1)
        elif key in BLACK_KEYS and not event.isAutoRepeat():
            self.set_black(not self.is_black())
        elif key in ROOM_KEYS and not event.isAutoRepeat():
            self.set_room_shown(not self.is_room_shown())
        elif key in ZOOM_IN_KEYS:
            self.zoom_by(ZOOM_STEP)
        elif key in ZOOM_OUT_KEYS:
            self.zoom_by(1 / ZOOM_STEP)
        elif key == K.Key_Escape:
            self.exit_requested.emit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if not self._closed:
            self._closed = True
            self._reframe_timer.stop()
            self._disconnect_document()
            self.scene.close()
            self.closed.emit()
        event.accept()
