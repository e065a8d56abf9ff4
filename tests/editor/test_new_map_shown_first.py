"""A new map (the example, a template) is on screen before its file is written; the file follows at once."""

from __future__ import annotations

from model import ops
from model.domain import Stage
from model.persistence import read_content


def test_the_example_shows_first_and_its_file_is_written_after_the_first_frame(application, qtbot):
    window = application.open_example()
    path = window.map_file.path
    assert window.map_file.pending and not path.exists()  # nothing written before the first frame
    qtbot.waitUntil(lambda: path.exists(), timeout=5000)
    assert not window.map_file.pending
    assert read_content(path) == window.document.content()
    window.session.edit(ops.AddStage(Stage("Loyalty")))
    assert read_content(path).stages[-1].name == "Loyalty"  # saved as it changes, as ever


def test_a_change_made_before_the_file_is_written_is_in_it(application):
    window = application.new_from_template("blank")
    assert window.map_file.pending
    window.session.edit(ops.AddStage(Stage("First")))
    assert not window.map_file.pending
    assert read_content(window.map_file.path).stages[-1].name == "First"


def test_a_new_map_closed_at_once_leaves_nothing_behind(application):
    window = application.new_from_template("blank")
    path = window.map_file.path
    window.close()
    assert not path.exists()
