"""Suite-wide guards: no network, Qt offscreen, a private user data directory."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import pytest

# Before any QApplication can exist.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


class NetworkAccessError(AssertionError):
    pass


def _refuse(*_args, **_kwargs):
    raise NetworkAccessError("the test suite tried to open a network connection")


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _guarded(real):
    def connect(self, address):
        # Local IPC (Unix sockets, used e.g. by QLocalServer) is not the network.
        if self.family == getattr(socket, "AF_UNIX", None):
            return real(self, address)
        _refuse()

    return connect


@pytest.fixture(autouse=True, scope="session")
def _no_network():
    patches = {
        (socket.socket, "connect"): _guarded(_real_connect),
        (socket.socket, "connect_ex"): _guarded(_real_connect_ex),
        (socket, "create_connection"): _refuse,
        (socket, "getaddrinfo"): _refuse,
    }
    saved = {key: getattr(*key) for key in patches}
    for (owner, name), value in patches.items():
        setattr(owner, name, value)
    yield
    for (owner, name), value in saved.items():
        setattr(owner, name, value)


@pytest.fixture(autouse=True, scope="session")
def _empty_clipboard_at_exit():
    """Qt's offscreen platform crashes at process exit while the clipboard holds QMimeData
    (a real display does not); tests that copy cards would turn a green run into exit 139."""
    yield
    widgets = sys.modules.get("PySide6.QtWidgets")
    if widgets is not None and widgets.QApplication.instance() is not None:
        widgets.QApplication.clipboard().clear()


@pytest.fixture(autouse=True)
def _private_user_dirs(tmp_path_factory, monkeypatch):
    """Backups, recent files and settings go to a temporary place, never the real home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("JOURNEYMAP_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "share"))
    yield
