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
_real_create_connection = socket.create_connection
_real_getaddrinfo = socket.getaddrinfo


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


def _is_loopback(host) -> bool:
    import ipaddress

    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def allow_loopback(monkeypatch) -> None:
    """For the room's tests only: connections to this machine's loopback addresses (127.0.0.0/8, ::1,
    localhost) go through; every other address is still refused before anything is sent."""

    def connect_with(real):
        def connect(self, address):
            if self.family == getattr(socket, "AF_UNIX", None) or _is_loopback(address[0]):
                return real(self, address)
            _refuse()

        return connect

    def create_connection(address, *args, **kwargs):
        if not _is_loopback(address[0]):
            _refuse()
        return _real_create_connection(address, *args, **kwargs)

    def getaddrinfo(host, *args, **kwargs):
        if not _is_loopback(host):
            _refuse()
        return _real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect_with(_real_connect))
    monkeypatch.setattr(socket.socket, "connect_ex", connect_with(_real_connect_ex))
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


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
