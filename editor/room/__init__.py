"""The workshop room: phones on the local network take part through a small web server the laptop hosts.

Two halves that meet in one narrow place (host.py):
- the server (server.py, routes.py, guards.py) runs Starlette on uvicorn in its own thread and never
  touches Qt or the Document: it reads the latest immutable RoomSnapshot and hands each phone's intent
  to the host, awaiting the outcome the GUI thread gives once the change is in the file;
- the Qt side (bridge.py, controller.py, panel.py, qr.py, window_room.py) applies those intents on the GUI
  thread through the same planners and Document.apply as every other edit (Origin.ROOM), rebuilds the
  snapshot after each change, and shows the room to the facilitator.
server.py, routes.py, guards.py and host.py import no Qt (an import-linter contract checks it).
"""
