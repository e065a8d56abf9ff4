"""The .journey file: one map in one SQLite file, saved as it changes.

Importing this package does not import SQLAlchemy; opening a map does.
"""

from .backups import newest_good_backup
from .check import FileReport, SnapshotRead, check_file, read_content, read_snapshot, read_snapshots
from .errors import MapReadOnlyError, MapSaveError
from .header import APPLICATION_ID, SCHEMA_VERSION, SUFFIX
from .lock import map_lock_holder
from .mapfile import MapFile

__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "SUFFIX",
    "FileReport",
    "MapFile",
    "MapReadOnlyError",
    "MapSaveError",
    "SnapshotRead",
    "check_file",
    "map_lock_holder",
    "newest_good_backup",
    "read_content",
    "read_snapshot",
    "read_snapshots",
]
