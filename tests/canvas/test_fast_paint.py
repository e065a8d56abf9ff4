"""What keeps frames short (issue 14): long items stroke only what is repainted, cards under the pinned
headers are not drawn, the far zoom is one item, a wheel zoom shows its first frame scaled — and
none of it changes what the screen shows."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsItem

from canvas.items.connection import ConnectionItem
from canvas.items.curve import CurveItem
from canvas.scene import MapScene
from canvas.view import LOD_TEXT, MapView
from model.layout_types import ConnectionPath
from model.layout_routes import rounded
from tests.bench import gestures as g
from tests.model.realistic_maps import realistic_map


def _route(points) -> ConnectionPath:
    return ConnectionPath("c", "a", "b", tuple(points), rounded(tuple(points)), False, points[0], "")


def test_a_long_connection_strokes_only_the_stretch_inside_a_thin_strip(qapp):
    item = ConnectionItem("c")
    item.set_path(_route([(100.0, 0.0), (100.0, 3000.0), (400.0, 3000.0), (400.0, 6000.0)]), None)
    strip = QRectF(0.0, 1000.0, 1300.0, 25.0)
    strokes = item._strokes([strip])
    assert strokes, "the route crosses the strip: something is stroked"
    for along, path in strokes:
        box = path.boundingRect()
        assert box.height() <= strip.height() + 20.0  # cut at the strip's edges, margins for the caps
        assert along == box.top()  # the distance along the route where the stretch starts (dashes)
    assert item._strokes([QRectF(600.0, 0.0, 100.0, 100.0)]) == []


def test_a_curve_strokes_only_the_segments_in_the_painted_area(qapp):
    doc = realistic_map(2000)
    scene = MapScene(doc)
    try:
        curve: CurveItem = next(iter(scene.sync.curves.values()))
        width = curve.boundingRect().width()
        paths = curve._paths_touching([QRectF(500.0, 0.0, 400.0, 1e5)])
        assert paths and sum(p.boundingRect().width() for p in paths) < width / 4
    finally:
        scene.close()


def test_what_the_pinned_headers_cover_is_left_out_of_what_the_map_draws(qapp, tmp_path):
    """While scrolling, the headers' bands repaint in every frame; the map's items see only the rest."""
    from model.persistence import MapFile
    from tests.model.realistic_maps import realistic_content

    path = tmp_path / "map.journey"
    MapFile.create(path, realistic_content(300)).close()
    session = g.open_in_editor(path)
    seen: list[tuple] = []

    class Recorder(QGraphicsItem):
        def boundingRect(self):
            return QRectF(0.0, 0.0, 1e5, 1e5)

        def paint(self, painter, option, widget=None):
            seen.append((session.scene.header_bands(), list(session.view.painting or [])))

    recorder = Recorder()
    recorder.setZValue(-100)
    session.scene.addItem(recorder)
    try:
        g.actual_size(session)
        seen.clear()
        g.scroll_down(session, frames=4)
        assert len(seen) >= 4 and all(rects for _, rects in seen)
        for (top, bottom, left, right), rects in seen[1:]:  # the first: scroll_down's jump to the top
            for r in rects:  # none reaches into the bands beyond the antialiasing pad
                assert r.top() >= bottom - 4.0 and r.left() >= right - 4.0, (r, (top, bottom, left, right))
    finally:
        session.scene.removeItem(recorder)
        session.close()


def test_scrolling_paints_what_a_full_repaint_paints(qapp, tmp_path):
    """The frames drawn piece by piece (strips, cut strokes, skipped cards) add up to the whole picture."""
    from model.persistence import MapFile
    from tests.model.realistic_maps import realistic_content

    path = tmp_path / "map.journey"
    MapFile.create(path, realistic_content(300)).close()
    session = g.open_in_editor(path)
    try:
        g.actual_size(session)
        session.view.horizontalScrollBar().setValue(150)
        g.scroll_down(session, frames=30)
        port, window = session.view.viewport(), session.window
        shown = window.screen().grabWindow(window.winId()).toImage()
        at = port.mapTo(window, port.rect().topLeft())
        scrolled = shown.copy(at.x(), at.y(), port.width(), port.height()).convertToFormat(QImage.Format.Format_RGB32)
        whole = port.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        assert scrolled.size() == whole.size()
        differ = sum(scrolled.pixel(x, y) != whole.pixel(x, y)
                     for y in range(0, whole.height(), 3) for x in range(0, whole.width(), 3))
        assert differ < 0.001 * (whole.width() // 3) * (whole.height() // 3)
    finally:
        session.close()


def test_far_away_one_item_draws_every_connection(qtbot):
    doc = realistic_map(300)
    scene = MapScene(doc)
    try:
        connection = next(iter(scene.sync.connections.values()))
        scene.set_detail(False)
        assert not any(item.isVisible() or item.label_item.isVisible() for item in scene.sync.connections.values())
        links = scene.blocks._links
        assert sum(path.elementCount() for path in links.values()) >= 2 * len(doc.connections)
        scene.select("connections", [connection.connection_id])
        assert not scene.blocks._selected_links.isEmpty()  # the selection shows far away too
        scene.set_detail(True)
        assert all(item.isVisible() for item in scene.sync.connections.values())
        assert scene.grid.cacheMode() == QGraphicsItem.CacheMode.NoCache
    finally:
        scene.close()


def test_a_wheel_zoom_shows_its_first_frame_scaled_then_draws_anew_when_the_wheel_rests(qtbot):
    doc = realistic_map(300)
    scene = MapScene(doc)
    view = MapView(scene)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    try:
        view.reset_zoom()
        port = view.viewport()
        qtbot.waitUntil(lambda: not port.grab().isNull())
        on_screen = view._frame_on_screen().toImage()  # the pixels shown, copied, not drawn again
        drawn = port.grab().toImage()
        assert on_screen.convertToFormat(drawn.format()) == drawn
        for _ in range(6):  # 100 % → 26 %: past the level where cards turn into blocks
            g.send_wheel(port, QPointF(500, 350), -120, Qt.KeyboardModifier.ControlModifier)
        assert view.zoom_factor() < LOD_TEXT
        assert view.wheel_zooming() and scene.full_detail()  # the cards stay as they were until it rests
        qtbot.waitUntil(lambda: not view.wheel_zooming(), timeout=2000)
        assert not scene.full_detail()  # drawn anew at the zoom reached: blocks
        g.send_wheel(port, QPointF(500, 350), 120, Qt.KeyboardModifier.ControlModifier)
        assert view.wheel_zooming()
        view.zoom_to(1.0)  # any other zoom ends the wheel's at once
        assert not view.wheel_zooming() and scene.full_detail()
    finally:
        scene.close()
