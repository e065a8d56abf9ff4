"""PNG and SVG images of a whole map, drawn by the same scene as the editor (screen == image).

Used by `journeymap export x.png|svg` and File > Export image; always in the
light palette (paper), whatever theme the editor shows. Works without
a running application: an offscreen QGuiApplication-compatible QApplication is
created when none exists (graphics items need QApplication).

An image has what a reader needs away from the editor: a title block with the
map's title and a key to the emotion curves (export_frame) above the map, and
none of the editor's controls (lane chevrons and grips). In SVG each drawn line
of text is one <text> element (svg_text), so a phrase can be searched for.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter

from model.errors import ExportError

MAX_SCALE = 16.0
MAX_SIDE = 32_000  # QPainter's raster engine limit is 32767
MAX_PIXELS = 400_000_000

_app = None  # the application created here, kept alive for later renders


def _ensure_app() -> None:
    global _app
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QApplication(["journeymap-render"])
    elif not isinstance(QApplication.instance(), QApplication):
        raise ExportError("rendering needs a QApplication, and a plain QGuiApplication is already running")


def _scene(document):
    from .scene import MapScene

    _ensure_app()
    from .future_view import FutureView

    scene = MapScene(document)
    scene.set_caching(False)
    scene.future = FutureView(scene, scene)  # to-be curves dashed and to-be cards ringed, as on screen
    # Editor controls mean nothing on paper; the title block names the map, so the corner need not.
    for item in scene.sync.lanes.values():
        item.set_controls_shown(False)
    layout = scene.layout()
    scene.corner.set_values(layout.corner.w, layout.corner.h, ())
    return scene


def _frame(document, layout, scene):
    from .export_frame import plan_frame

    return plan_frame(document, layout.width, room=bool(scene.sync.room_curves))  # the key says what is drawn


def _paint_frame(painter: QPainter, frame, width: float, scale: float) -> None:
    from . import style
    from .export_frame import paint_frame

    painter.save()
    painter.scale(scale, scale)
    with style.using(style.LIGHT):  # paper, like the map under it (_draw)
        paint_frame(painter, frame, width)
    painter.restore()


def _draw(scene, painter: QPainter, target: QRectF) -> None:
    from . import style

    layout = scene.layout()
    scene.set_pin(0.0, 0.0)
    scene.set_detail(True)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing | QPainter.RenderHint.SmoothPixmapTransform)
    with style.using(style.LIGHT):  # a picture of the map is paper, whatever theme the screen uses
        scene.render(painter, target, QRectF(0.0, 0.0, layout.width, layout.height), Qt.AspectRatioMode.IgnoreAspectRatio)


def image_size(width: float, height: float, scale: float) -> tuple[int, int]:
    """The pixel size of an image of the map at `scale`; refuses absurd scales and sizes with ExportError."""
    if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not math.isfinite(scale) or not 0 < scale <= MAX_SCALE:
        raise ExportError(f"the image scale must be a number above 0 and at most {MAX_SCALE:g}")
    w, h = max(1, math.ceil(width * scale)), max(1, math.ceil(height * scale))
    if w > MAX_SIDE or h > MAX_SIDE or w * h > MAX_PIXELS:
        raise ExportError(f"an image of {w} × {h} pixels is too large; choose a smaller scale")
    return w, h


def render_image(document, scale: float = 1.0, *, frame: bool = True) -> QImage:
    """The whole map on white at `scale` (1.0 = one pixel per layout unit), under its title
    block (without one when `frame` is False: thumbnails)."""
    scene = _scene(document)
    try:
        layout = scene.layout()
        block = _frame(document, layout, scene) if frame else None
        top = block.height if block is not None else 0.0
        w, h = image_size(layout.width, top + layout.height, scale)
        image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
        if image.isNull():
            raise ExportError(f"not enough memory for an image of {w} × {h} pixels")
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        try:
            if block is not None:
                _paint_frame(painter, block, layout.width, scale)
            _draw(scene, painter, QRectF(0.0, top * scale, layout.width * scale, layout.height * scale))
        finally:
            painter.end()
        return image
    finally:
        scene.close()


def render_png(document, path, *, scale: float = 1.0) -> None:
    """Write the map as a PNG; refuses absurd sizes and unwritable paths with ExportError."""
    image = render_image(document, scale)
    dpi_m = round(72 * scale / 0.0254)
    image.setDotsPerMeterX(dpi_m)
    image.setDotsPerMeterY(dpi_m)
    if not image.save(str(Path(path)), "PNG"):
        raise ExportError(f"could not write {Path(path).name}")


def render_svg(document, path) -> None:
    """Write the map as SVG. User text becomes escaped <text> content (QSvgGenerator escapes it)."""
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtSvg import QSvgGenerator

    from .svg_text import merge_text_runs

    scene = _scene(document)
    try:
        layout = scene.layout()
        block = _frame(document, layout, scene)
        width, height = layout.width, block.height + layout.height
        image_size(width, height, 1.0)
        target = Path(path)
        if not target.parent.is_dir():
            raise ExportError(f"the folder of {target.name} does not exist")
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(QSize(math.ceil(width), math.ceil(height)))
        generator.setViewBox(QRectF(0.0, 0.0, width, height))
        generator.setTitle(document.info.title)
        generator.setDescription("A customer journey map, made with Journeymap")
        painter = QPainter()
        if not painter.begin(generator):
            raise ExportError(f"could not write {target.name}")
        try:
            painter.fillRect(QRectF(0.0, 0.0, width, height), Qt.GlobalColor.white)
            _paint_frame(painter, block, width, 1.0)
            _draw(scene, painter, QRectF(0.0, block.height, layout.width, layout.height))
        finally:
            painter.end()
        svg = merge_text_runs(bytes(buffer.data()))
    finally:
        scene.close()
    try:
        target.write_bytes(svg)
    except OSError as error:
        raise ExportError(f"could not write {target.name} ({error.strerror or error})") from None
