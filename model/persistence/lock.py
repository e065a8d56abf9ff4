"""The single-writer lock: a small JSON file beside the map.

`.~<name>.lock` holds who has the map open for writing (user, host, pid,
time). It is created with O_EXCL so two instances cannot both win, removed
on close, and stale when it names a process on this host that no longer
runs (the app crashed or was killed): such a lock is taken over silently.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import MapLockedError


def lock_path(map_path: Path) -> Path:
    map_path = Path(map_path)
    return map_path.with_name(f".~{map_path.name}.lock")


@dataclass(frozen=True)
class LockInfo:
    user: str
    host: str
    pid: int
    time: str

    @property
    def holder(self) -> str:
        return f"{self.user}@{self.host} pid {self.pid}"

    def is_stale(self) -> bool:
        """Only a lock from this host whose process is gone is provably stale."""
        return self.host == _host() and not _pid_alive(self.pid)


def _host() -> str:
    return socket.gethostname()  # local only: no name resolution, no network


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return f"uid{os.getuid()}" if hasattr(os, "getuid") else "unknown"


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    except OSError:
        return False
    return True


def _windows_pid_alive(pid: int) -> bool:
    # os.kill(pid, 0) would terminate the process on Windows; ask the kernel instead.
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return kernel32.GetLastError() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _mine() -> LockInfo:
    return LockInfo(_user(), _host(), os.getpid(), time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))


def read_lock(map_path: Path) -> LockInfo | None:
    """The lock's holder, or None when there is no lock. An unreadable lock file counts as held by someone unknown."""
    path = lock_path(map_path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        return LockInfo("unknown", "unknown host", 0, "")
    try:
        data = json.loads(raw.decode("utf-8"))
        return LockInfo(str(data["user"]), str(data["host"]), int(data["pid"]), str(data.get("time", "")))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        # A half-written lock (crash while creating it) names nobody alive.
        return LockInfo("unknown", _host(), 0, "")


class MapLock:
    """Held while a MapFile is open for writing."""

    def __init__(self, map_path: Path) -> None:
        self.map_path = Path(map_path)
        self.path = lock_path(self.map_path)
        self.info = _mine()
        self.held = False
        self.took_over_stale = False

    def acquire(self, *, take_over: bool = False) -> None:
        """Take the lock; MapLockedError names the holder when another live process has it.

        `take_over` also replaces a lock whose holder seems alive (the user said so).
        """
        payload = json.dumps(self.info.__dict__).encode("utf-8")
        for _attempt in range(3):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                holder = read_lock(self.map_path)
                if holder is None:
                    continue  # removed between our open and our read: try again
                if holder.pid == os.getpid() and holder.host == _host():
                    raise MapLockedError(
                        f"'{self.map_path}' is already open in this Journeymap", holder=holder.holder
                    ) from None
                if not (holder.is_stale() or take_over):
                    raise MapLockedError(
                        f"'{self.map_path}' is open in another Journeymap ({holder.holder}, since {holder.time or '?'})",
                        holder=holder.holder,
                    ) from None
                self._replace(payload)
                self.took_over_stale = holder.is_stale()
                self.held = True
                return
            try:
                os.write(fd, payload)
                os.fsync(fd)
            finally:
                os.close(fd)
            self.held = True
            return
        raise MapLockedError(f"'{self.map_path}' is being opened by another Journeymap", holder="unknown")

    def _replace(self, payload: bytes) -> None:
        # Write a whole new lock beside it and rename over: the lock is never half-written.
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        holder = read_lock(self.map_path)
        # Only remove a lock that is still ours (another instance may have taken it over).
        if holder is not None and holder.pid == self.info.pid and holder.host == self.info.host:
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass


def map_lock_holder(path) -> str | None:
    """"user@host pid N" of a live writer holding the map, or None (no lock, or a stale one)."""
    info = read_lock(Path(path))
    if info is None or info.is_stale():
        return None
    return info.holder
