"""Qt graphics for a journey map: the scene draws a Document's layout and turns gestures into signals.

    scene.py     MapScene: items kept in step with the document, selection, the public signals
    sync.py      bringing items up to date with a new layout (id -> item maps, setters)
    tools.py     tools and gestures: small state machines from mouse input to one signal
    keys.py      keyboard navigation and quick capture; editing.py / editors.py: in-place editors
    hits.py      what lies under a point, from the layout (headers pinned where the view shows them)
    view.py      MapView (zoom, pan, pinned headers, edge scrolling); overview.py: OverviewWidget
    render.py    PNG / SVG / QImage of a whole map through the same scene
    fonts.py, style.py, glyphs.py   fonts matched to the layout's metrics; cached pens, brushes, icons
    items/       one small module per kind of graphics item

The canvas never changes the document (the editor turns its signals into undoable commands)
and never imports the editor.
"""
