"""Fixtures for the canvas tests: a realistic map, a scene and a shown view at 100 %."""

from __future__ import annotations

import pytest

from canvas.scene import MapScene
from canvas.view import MapView

from .samples import sample


@pytest.fixture
def doc():
    return sample()


@pytest.fixture
def scene(qapp, doc):
    s = MapScene(doc)
    yield s
    s.close()


@pytest.fixture
def view(qtbot, scene):
    v = MapView(scene)
    qtbot.addWidget(v)
    v.resize(1600, 900)
    v.show()
    qtbot.waitExposed(v)
    v.reset_zoom()
    v.horizontalScrollBar().setValue(0)
    v.verticalScrollBar().setValue(0)
    return v
