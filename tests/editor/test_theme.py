"""View > Theme (issue 9, item 18): the canvas and widgets follow the chosen theme; paper stays light."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from canvas import style
from editor.settings import Settings
from editor.theme import CHOICES, ThemeService
from model.domain import PALETTE


@pytest.fixture(autouse=True)
def _light_again_afterwards(qapp):
    """Other tests expect the light canvas and the platform's widgets."""
    yield
    style.use(style.LIGHT)
    if QApplication.palette().resolveMask():
        QApplication.setPalette(QPalette())


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    q = QColor(hex_colour)
    return 0.2126 * channel(q.red()) + 0.7152 * channel(q.green()) + 0.0722 * channel(q.blue())


def contrast(a: str, b: str) -> float:
    """The WCAG 2 contrast ratio of two colours (1 … 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_the_contrast_formula_matches_wcag():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_high_contrast_meets_wcag_aaa_for_card_text_and_ink():
    p = style.HIGH_CONTRAST
    assert set(p.cards) == set(PALETTE)
    for name, (fill, _border) in p.cards.items():
        assert contrast(p.card_text, fill) >= 7.0, name
        assert contrast(style.card_ink_of(p, name), fill) >= 7.0, name  # kind and channel icons
    for ink, ground in ((p.ink, p.background), (p.ink, p.cell), (p.ink, p.cell_alt), (p.ink, p.header),
                        (p.ink_soft, p.header), (p.heading_ink, p.lane_header), (p.heading_ink, p.corner),
                        (p.badge_ink, p.badge), (p.connection, p.cell), (p.loop_back, p.cell),
                        (p.ink_soft, p.emotion_band)):
        assert contrast(ink, ground) >= 7.0, (ink, ground)


def test_dark_keeps_text_readable():
    p = style.DARK
    for name, (fill, _border) in p.cards.items():
        assert contrast(p.card_text, fill) >= 7.0, name
        assert contrast(p.ink_soft, fill) >= 4.5, name  # owners and vote counts on a card
    for ink, ground in ((p.ink, p.background), (p.ink, p.cell), (p.ink, p.header), (p.ink_soft, p.header),
                        (p.heading_ink, p.lane_header), (p.badge_ink, p.badge)):
        assert contrast(ink, ground) >= 7.0, (ink, ground)
    assert _luminance(p.background) < 0.03 and _luminance(p.cell) < 0.03


def _wide(window, qtbot):
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: window.view.viewport().width() > 600)
    return window


def _view_pixel(window, qtbot):
    """A pixel of the view outside the map (its background), after the view repainted."""
    window.view.zoom_to(0.1)
    image = window.view.viewport().grab().toImage()
    return QColor(image.pixel(image.width() - 5, image.height() - 5)).name().upper()


def test_switching_theme_repaints_the_canvas_with_its_background(window, qtbot):
    _wide(window, qtbot)
    assert _view_pixel(window, qtbot) == style.LIGHT.background
    for name in ("dark", "high_contrast", "light", "dark"):
        window.actions[f"view.theme.{name}"].trigger()
        assert style.current() is style.THEMES[name]
        assert _view_pixel(window, qtbot) == style.THEMES[name].background
        assert [window.actions[f"view.theme.{c}"].isChecked() for c in CHOICES] == [c == name for c in CHOICES]


def test_dark_cards_are_repainted_not_taken_from_their_cache(window, qtbot):
    from PySide6.QtCore import QPointF

    _wide(window, qtbot)
    card = window.document.cards()[0]
    box = window.scene.layout().cards[card.id]
    window.view.reset_zoom()
    window.view.centerOn(QPointF(*box.rect.center))

    def fill_at_card() -> str:
        image = window.view.viewport().grab().toImage()
        at = window.view.mapFromScene(QPointF(box.rect.x + 4, box.rect.y + box.rect.h / 2))
        return QColor(image.pixel(at.x(), at.y())).name().upper()

    assert fill_at_card() == style.LIGHT.cards[card.colour][0]
    window.actions["view.theme.dark"].trigger()
    assert fill_at_card() == style.DARK.cards[card.colour][0]


def test_widgets_follow_and_system_gives_the_platform_back(window):
    window.actions["view.theme.dark"].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80
    assert QApplication.palette().color(QPalette.ColorRole.Text).lightness() > 200
    assert QApplication.style().name().lower() == "fusion"
    window.actions["view.theme.system"].trigger()
    assert QApplication.palette().resolveMask() == 0  # the platform's own palette again


def test_the_choice_is_kept_for_the_next_start(tmp_path, qapp):
    settings = Settings(tmp_path / "settings.ini")
    ThemeService(settings).set_choice("high_contrast")
    again = ThemeService(Settings(tmp_path / "settings.ini"))
    assert again.choice() == "high_contrast" and style.current() is style.HIGH_CONTRAST
    with pytest.raises(ValueError):
        again.set_choice("neon")
    assert again.choice() == "high_contrast"


def test_system_follows_the_platforms_dark_mode(tmp_path, qapp):
    system = {"now": "light"}
    theme = ThemeService(Settings(tmp_path / "settings.ini"), system=lambda: system["now"])
    assert theme.choice() == "system" and style.current() is style.LIGHT
    seen = []
    theme.changed.connect(lambda: seen.append(style.current().name))
    system["now"] = "dark"
    theme._on_system_changed()  # what QStyleHints.colorSchemeChanged calls
    assert style.current() is style.DARK and seen == ["dark"]
    theme.set_choice("light")  # a chosen theme does not follow the system
    system["now"] = "high_contrast"
    theme._on_system_changed()
    assert style.current() is style.LIGHT


def test_exported_pictures_stay_light_in_the_dark_theme(window, tmp_path):
    from canvas.render import render_image

    window.actions["view.theme.dark"].trigger()
    image = render_image(window.document, 0.5)
    layout = window.scene.layout()
    lane = layout.lanes[0]
    # a cell of the first lane, away from its cards: the paper's white, not the dark cell
    x = (layout.corner.w + 4) * 0.5
    y = (lane.row.bottom - 3) * 0.5
    assert QColor(image.pixel(int(x), int(y))).name().upper() == style.LIGHT.cell
    assert style.current() is style.DARK  # and the screen keeps its theme
