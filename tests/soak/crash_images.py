"""Power-loss simulation: record every write, truncate, sync and delete SQLite makes, then build crash images.

`RecordingVFS` (APSW) forwards to the default VFS and logs each xWrite,
xTruncate, xSync, the journal's creation (xOpen) and deletion (xDelete).
`CrashModel` replays that log and, at any point in it, builds what a disk
could hold if the power failed there, under the same assumptions SQLite
makes of a disk (https://sqlite.org/atomiccommit.html, "Hardware
Assumptions"):

- what was synced before the point is on disk;
- a write not yet synced may or may not be: each 512-byte sector written
  since the file's last sync holds any one of the versions it went through
  (its synced content, an intermediate one, or the newest), independently of
  the others, so writes can land partly, out of order, or not at all;
- the file's size is any size it had since its last sync (new space is zeros);
- creating or deleting a file changes the folder, which is only on disk
  once synced: the first sync of a new journal syncs its folder (the unix VFS
  does), a deletion is synced only when SQLite asks for it (xDelete's syncdir:
  synchronous=EXTRA, not FULL), so until then the folder may still show any
  of the states it went through since.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import apsw

SECTOR = 512


@dataclass
class Generation:
    """One life of a file name between folder changes: present (with writes since `base`) or deleted."""

    exists: bool
    base: bytes = b""
    ops: list = field(default_factory=list)  # ("w", offset, data) | ("t", size)

    def apply(self, data: bytearray, op) -> None:
        if op[0] == "w":
            _, offset, payload = op
            if len(data) < offset:
                data.extend(bytes(offset - len(data)))
            data[offset:offset + len(payload)] = payload
        else:
            del data[op[1]:]

    def newest(self) -> bytes | None:
        if not self.exists:
            return None
        data = bytearray(self.base)
        for op in self.ops:
            self.apply(data, op)
        return bytes(data)

    def prefix(self, count: int) -> bytes | None:
        """The file after its first `count` unsynced operations reached the disk, in order."""
        if not self.exists:
            return None
        data = bytearray(self.base)
        for op in self.ops[:count]:
            self.apply(data, op)
        return bytes(data)

    def torn(self, rng: random.Random) -> bytes | None:
        """Each dirty sector at a random one of its versions, the size any it had."""
        if not self.exists:
            return None
        data = bytearray(self.base)
        sizes = [len(data)]
        versions: dict[int, list[bytes]] = {}
        for op in self.ops:
            before = len(data)
            self.apply(data, op)
            sizes.append(len(data))
            if op[0] == "w":
                first, last = op[1] // SECTOR, (op[1] + len(op[2]) - 1) // SECTOR
                touched = range(min(first, before // SECTOR), last + 1)
            else:
                touched = range(op[1] // SECTOR, before // SECTOR + 1)
            for sector in touched:
                versions.setdefault(sector, [self.base[sector * SECTOR:(sector + 1) * SECTOR]])
                versions[sector].append(bytes(data[sector * SECTOR:(sector + 1) * SECTOR]))
        size = rng.choice(sizes)
        image = bytearray(self.base[:size])
        image.extend(bytes(size - len(image)))
        for sector, history in versions.items():
            start = sector * SECTOR
            if start >= size:
                continue
            chunk = rng.choice(history).ljust(SECTOR, b"\0")
            image[start:start + SECTOR] = chunk[: size - start]
        return bytes(image)


class FileModel:
    """What one file name holds: its synced state and the generations since."""

    def __init__(self, content: bytes | None) -> None:
        self.generations = [Generation(content is not None, content or b"")]

    @property
    def current(self) -> Generation:
        return self.generations[-1]

    def create(self) -> None:
        if not self.current.exists:
            self.generations.append(Generation(True))

    def delete(self, durable: bool) -> None:
        if durable:  # deleted with its folder synced (synchronous=EXTRA): no power loss brings it back
            self.generations = [Generation(False)]
        else:
            self.generations.append(Generation(False))

    def write(self, offset: int, data: bytes) -> None:
        self.current.ops.append(("w", offset, data))

    def truncate(self, size: int) -> None:
        self.current.ops.append(("t", size))

    def sync(self) -> None:
        # Data and (for a new journal) its folder entry are on disk now; older folder states are gone.
        self.generations = [Generation(True, self.current.newest())]

    def pending(self) -> bool:
        return len(self.generations) > 1 or bool(self.current.ops)

    def image(self, rng: random.Random, how: str) -> bytes | None:
        if how == "synced":
            return self.generations[0].prefix(0)
        if how == "newest":
            return self.current.newest()
        generation = rng.choice(self.generations)  # the folder as of any state since it was synced
        if how == "prefix":
            return generation.prefix(rng.randint(0, len(generation.ops)))
        return generation.torn(rng)


class CrashModel:
    """Feed it the recorded events in order; `image()` gives a possible disk at the current point."""

    def __init__(self, db_name: str, db_content: bytes) -> None:
        self.db_name, self.journal_name = db_name, db_name + "-journal"
        self.files = {self.db_name: FileModel(db_content), self.journal_name: FileModel(None)}

    def feed(self, event: tuple) -> None:
        kind, name = event[0], event[1]
        model = self.files.get(name)
        if model is None:
            return  # no other file is part of a map (statement journals, temp files live in memory)
        if kind == "open":
            model.create()
        elif kind == "w":
            model.write(event[2], event[3])
        elif kind == "t":
            model.truncate(event[2])
        elif kind == "s":
            model.sync()
        elif kind == "del":
            model.delete(durable=bool(event[2]))

    def lost_deletion(self) -> bool:
        """True while the journal's deletion (a commit) could still be undone by a power loss."""
        journal = self.files[self.journal_name]
        return journal.generations[0].exists and any(not g.exists for g in journal.generations[1:])

    def pending(self) -> bool:
        return any(model.pending() for model in self.files.values())

    def image(self, rng: random.Random, how: str) -> tuple[bytes, bytes | None]:
        """(map bytes, journal bytes or None) as a power loss now could leave them."""
        db = self.files[self.db_name].image(rng, how)
        assert db is not None, "the map file itself is never deleted"
        return db, self.files[self.journal_name].image(rng, how)


# -- recording -------------------------------------------------------------------------


class _RecordingFile(apsw.VFSFile):
    def __init__(self, log: list, vfs: str, name, flags) -> None:
        self._log = log
        self._name = name.filename() if isinstance(name, apsw.URIFilename) else name
        log.append(("open", self._name, flags[0]))
        super().__init__(vfs, name, flags)

    def xWrite(self, data, offset):  # noqa: N802 - APSW's names
        self._log.append(("w", self._name, offset, bytes(data)))
        return super().xWrite(data, offset)

    def xTruncate(self, size):  # noqa: N802
        self._log.append(("t", self._name, size))
        return super().xTruncate(size)

    def xSync(self, flags):  # noqa: N802
        self._log.append(("s", self._name, flags))
        return super().xSync(flags)


class RecordingVFS(apsw.VFS):
    """The default VFS, with every change to a file logged in `log` as it is made."""

    def __init__(self, name: str, log: list) -> None:
        self.log = log
        super().__init__(name, "")

    def xOpen(self, name, flags):  # noqa: N802
        return _RecordingFile(self.log, "", name, flags)

    def xDelete(self, filename, syncdir):  # noqa: N802
        self.log.append(("del", filename, syncdir))
        return super().xDelete(filename, syncdir)
