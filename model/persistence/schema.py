"""The rows of a map file (SQLAlchemy 2 typed declarative), its engine and its upgrade ladder.

Imported only inside model.persistence functions: SQLAlchemy is not loaded
until a map is opened.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Optional

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    create_engine,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.pool import StaticPool

from ..entities import ENTITIES, Entity, ref_index_name
from .header import APPLICATION_ID, SCHEMA_VERSION, ro_uri


class Base(DeclarativeBase):
    pass


class MapInfoRow(Base):
    __tablename__ = "map_info"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1: a file holds one map
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(Text, default="")
    emotion_labels: Mapped[str] = mapped_column(Text)  # a JSON list of five labels
    app_version: Mapped[str] = mapped_column(String(40), default="")  # the Journeymap that last wrote the schema


class StageRow(Base):
    __tablename__ = "stages"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    goal: Mapped[str] = mapped_column(Text, default="")
    question: Mapped[str] = mapped_column(Text, default="")
    width: Mapped[float] = mapped_column(Float)


class LaneRow(Base):
    __tablename__ = "lanes"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    question: Mapped[str] = mapped_column(Text, default="")
    collapsed: Mapped[bool] = mapped_column(Boolean, default=False)


class PersonaRow(Base):
    __tablename__ = "personas"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(Text, default="")
    quote: Mapped[str] = mapped_column(Text, default="")
    goals: Mapped[str] = mapped_column(Text, default="")
    needs: Mapped[str] = mapped_column(Text, default="")
    pains: Mapped[str] = mapped_column(Text, default="")
    behaviours: Mapped[str] = mapped_column(Text, default="")
    motivations: Mapped[str] = mapped_column(Text, default="")
    photo: Mapped[Optional[bytes]] = mapped_column(LargeBinary, nullable=True)
    colour: Mapped[str] = mapped_column(String(7))
    visible: Mapped[bool] = mapped_column(Boolean, default=True)


class CardRow(Base):
    __tablename__ = "cards"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    stage_id: Mapped[str] = mapped_column(ForeignKey("stages.id", ondelete="CASCADE"))
    lane_id: Mapped[str] = mapped_column(ForeignKey("lanes.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)  # order inside its cell
    text: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20))
    notes: Mapped[str] = mapped_column(Text, default="")
    colour: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(30), default="")
    owner: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(String(20), default="")
    impact: Mapped[Optional[int]] = mapped_column(Integer, nullable=True)
    effort: Mapped[Optional[int]] = mapped_column(Integer, nullable=True)
    due: Mapped[str] = mapped_column(Text, default="", server_default="")  # "YYYY-MM-DD" or "" (schema 4)
    # Schema 3 moved `votes` into voting sessions (see _v2_to_v3).
    __table_args__ = (Index("ix_cards_cell", "stage_id", "lane_id", "position"),)


class EmotionRow(Base):
    __tablename__ = "emotions"
    card_id: Mapped[str] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True)
    persona_id: Mapped[str] = mapped_column(ForeignKey("personas.id", ondelete="CASCADE"), primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    __table_args__ = (Index("ix_emotions_persona", "persona_id"),)


class ConnectionRow(Base):
    __tablename__ = "connections"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    # No UNIQUE(source, target): within one transaction a removed and an added
    # connection between the same cards may briefly coexist; the Document enforces it.
    source_id: Mapped[str] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    target_id: Mapped[str] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(Text, default="")
    share: Mapped[Optional[float]] = mapped_column(Float, nullable=True)
    __table_args__ = (Index("ix_connections_source", "source_id"), Index("ix_connections_target", "target_id"))


class KpiRow(Base):
    __tablename__ = "kpis"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    stage_id: Mapped[str] = mapped_column(ForeignKey("stages.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)  # order among all of the map's KPIs
    name: Mapped[str] = mapped_column(Text)
    value: Mapped[Optional[float]] = mapped_column(Float, nullable=True)
    target: Mapped[Optional[float]] = mapped_column(Float, nullable=True)
    unit: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (Index("ix_kpis_stage", "stage_id"),)


class SnapshotRow(Base):
    """A named copy of the map: a whole serialized SQLite map database (without snapshots) as bytes."""

    __tablename__ = "snapshots"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    created: Mapped[str] = mapped_column(String(40))  # ISO 8601, UTC
    data: Mapped[bytes] = mapped_column(LargeBinary)


# -- the declared entities' tables (model/entities.py): made from their declarations alone -------------

_CORE_TABLE_OF_KIND = {"stage": "stages", "lane": "lanes", "card": "cards", "persona": "personas",
                       "connection": "connections", "kpi": "kpis"}
_COLUMN_TYPES = {"text": Text, "int": Integer, "float": Float, "bool": Boolean, "bytes": LargeBinary,
                 "enum": String(40), "texts": Text}


def table_of_kind(kind: str) -> str:
    return _CORE_TABLE_OF_KIND.get(kind) or ENTITIES[kind].table


def _entity_table(entity: Entity) -> Table:
    columns: list = [Column("id", String, primary_key=True), Column("position", Integer, nullable=False)]
    for f in entity.fields:
        ref = entity.ref(f.name)
        kind = _COLUMN_TYPES[f.holds]
        if ref is not None:
            target = f"{table_of_kind(ref.kind)}.id"
            columns.append(Column(f.name, kind, ForeignKey(target, ondelete="CASCADE"), nullable=f.optional))
        else:
            columns.append(Column(f.name, kind, nullable=f.optional))
    indexes = [Index(ref_index_name(entity, r), r.field) for r in entity.refs]
    return Table(entity.table, Base.metadata, *columns, *indexes)


ENTITY_TABLES: dict[str, Table] = {kind: _entity_table(e) for kind, e in ENTITIES.items()}

TABLE_ORDER = ("map_info", "stages", "lanes", "personas", "cards", "emotions", "connections", "kpis",
               *(e.table for e in ENTITIES.values()))


def tables():
    return Base.metadata.tables


# -- engine ------------------------------------------------------------------


def _on_connect(dbapi_conn: sqlite3.Connection, _record) -> None:
    # SQLAlchemy's documented pysqlite recipe: stop the driver's own implicit
    # BEGIN handling; the "begin" listener below emits BEGIN itself.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    try:
        for pragma in ("foreign_keys=ON", "trusted_schema=OFF", "journal_mode=DELETE", "synchronous=FULL"):
            cursor.execute("PRAGMA " + pragma)
        cursor.execute("PRAGMA busy_timeout=2000")
    finally:
        cursor.close()


def make_engine(path: Path | None, *, read_only: bool = False, creator: Callable[[], sqlite3.Connection] | None = None) -> Engine:
    """One connection per map (StaticPool), with the map's pragmas on every connect.

    Read-only engines connect with `mode=ro`, so SQLite itself refuses to write.
    """
    if creator is None:
        assert path is not None
        if read_only:
            uri = ro_uri(path)
        else:
            uri = ro_uri(path).replace("?mode=ro", "?mode=rw")  # never creates a missing file
        def creator() -> sqlite3.Connection:
            return sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)

    engine = create_engine("sqlite+pysqlite://", creator=creator, poolclass=StaticPool)
    event.listen(engine, "connect", _on_connect)

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # IMMEDIATE takes the write lock at once, so a commit never fails half-way on a lock.
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def stamp(conn: Connection, app_version: str) -> None:
    conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
    conn.exec_driver_sql(f"PRAGMA user_version={SCHEMA_VERSION}")


def create_schema(conn: Connection, app_version: str) -> None:
    Base.metadata.create_all(conn)
    stamp(conn, app_version)


# -- the upgrade ladder -------------------------------------------------------
# MIGRATIONS[n] turns a schema-n file into schema n+1. open() applies them all
# in one transaction, so a crash half-way leaves the old file as it was.


def _v1_to_v2(conn: Connection) -> None:
    # Schema 2 added snapshots (named copies of the map inside the file).
    SnapshotRow.__table__.create(conn)


def _entity_tables_since(version: int) -> Callable[[Connection], None]:
    """The step to `version` that makes the tables of the entities declared with `since=version`."""

    def step(conn: Connection) -> None:
        for kind, entity in ENTITIES.items():
            if entity.since == version:
                ENTITY_TABLES[kind].create(conn)

    return step


def _v2_to_v3(conn: Connection) -> None:
    """Schema 3 added the workshop's entities (participants, voting sessions, votes…), and a card's
    `votes` became the wall totals of a session of their own, revealed and current, so the map
    shows what it showed before."""
    _entity_tables_since(3)(conn)
    from ..voting import legacy_session, legacy_votes

    voted = conn.exec_driver_sql(
        "SELECT cards.id, cards.votes FROM cards JOIN stages ON stages.id = cards.stage_id"
        " JOIN lanes ON lanes.id = cards.lane_id WHERE cards.votes > 0"
        " ORDER BY stages.position, stages.id, lanes.position, lanes.id, cards.position, cards.id").all()
    if voted:
        from .store import item_row

        session = legacy_session()
        sessions, votes = ENTITIES["voting_session"], ENTITIES["vote"]
        conn.execute(ENTITY_TABLES["voting_session"].insert(), [item_row(sessions, session, 0)])
        conn.execute(ENTITY_TABLES["vote"].insert(),
                     [item_row(votes, v, i) for i, v in enumerate(legacy_votes(session, dict(voted)))])
    conn.exec_driver_sql("ALTER TABLE cards DROP COLUMN votes")


def _v3_to_v4(conn: Connection) -> None:
    """Schema 4 gave cards a due date (an action's), empty on every card that was there before."""
    conn.exec_driver_sql("ALTER TABLE cards ADD COLUMN due TEXT NOT NULL DEFAULT ''")


MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}


def migrate(conn: Connection, from_version: int, app_version: str, *, keep_stamp: bool = False) -> None:
    """Run the ladder from `from_version` up to SCHEMA_VERSION inside the caller's transaction.

    `keep_stamp` upgrades the tables only (a snapshot's copy, read in memory).
    """
    from sqlalchemy import update

    for version in range(from_version, SCHEMA_VERSION):
        MIGRATIONS[version](conn)
    if not keep_stamp:
        conn.execute(update(MapInfoRow.__table__).values(app_version=app_version))
        stamp(conn, app_version)
