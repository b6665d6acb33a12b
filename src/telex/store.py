"""The corpus: analysed articles in an embedded SQLite database. The only module that speaks SQL.

One table per list of the output contract (entities, quotes, timexes, places, events) beside the
articles, with each article's full `Analysis.to_dict()` kept as JSON, and `actors`: the same
person or organisation across articles. SQLite runs in WAL mode (readers never wait for the
writer), with FTS5 indexes over article text and quotes. Every query is parameterised.

An article's id is a hash of its text, so adding it again changes nothing, and each article is
written in one transaction: a run killed at any moment leaves whole articles or none. The schema
is versioned (`PRAGMA user_version`) and upgraded by the ordered scripts of `MIGRATIONS`; a
server backend would implement the same methods.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from telex.article import Article, content_id, valid_text
from telex.errors import InputError, TelexError
from telex.query import (
    ActorKeys,
    ActorProfile,
    ActorSummary,
    ArticleSummary,
    CoActor,
    Count,
    EventFilter,
    EventRow,
    Network,
    NetworkEdge,
    NetworkNode,
    PlacePoint,
    QuoteRow,
    Segment,
    Stats,
    StoredArticle,
    TimelinePoint,
    actor_keys,
    countries_agree,
    normalize_name,
)
from telex.schema import Analysis, Entity

# Each script upgrades the schema by one version; append, never edit one that has shipped.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        n INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source_id TEXT,
        title TEXT,
        published TEXT,
        source TEXT,
        url TEXT,
        lang TEXT,
        text TEXT NOT NULL,
        analysis TEXT NOT NULL,
        n_entities INTEGER NOT NULL,
        n_quotes INTEGER NOT NULL,
        n_events INTEGER NOT NULL,
        ingested TEXT NOT NULL
    );
    CREATE INDEX articles_source_id ON articles(source_id);
    CREATE INDEX articles_published ON articles(published);
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='n',
        tokenize='unicode61 remove_diacritics 2'
    );

    CREATE TABLE actors (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        key TEXT NOT NULL,
        full INTEGER NOT NULL,
        country TEXT,
        role TEXT,
        code TEXT,
        n_articles INTEGER NOT NULL DEFAULT 0,
        n_mentions INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX actors_rank ON actors(n_articles DESC, id);
    CREATE INDEX actors_type ON actors(type, n_articles DESC);
    CREATE TABLE actor_keys (
        key TEXT NOT NULL,
        type TEXT NOT NULL,
        full INTEGER NOT NULL,
        actor_id INTEGER NOT NULL REFERENCES actors(id),
        PRIMARY KEY (key, type, full, actor_id)
    ) WITHOUT ROWID;
    CREATE TABLE actor_aliases (
        actor_id INTEGER NOT NULL REFERENCES actors(id),
        alias TEXT NOT NULL,
        n INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (actor_id, alias)
    ) WITHOUT ROWID;

    CREATE TABLE entities (
        article_id TEXT NOT NULL REFERENCES articles(id),
        id TEXT NOT NULL,
        actor_id INTEGER NOT NULL REFERENCES actors(id),
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        country TEXT,
        role TEXT,
        code TEXT,
        kb_id TEXT,
        n_mentions INTEGER NOT NULL,
        PRIMARY KEY (article_id, id)
    ) WITHOUT ROWID;
    CREATE INDEX entities_actor ON entities(actor_id, article_id);

    CREATE TABLE quotes (
        n INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id),
        id TEXT NOT NULL,
        text TEXT NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        kind TEXT NOT NULL,
        speaker TEXT,
        speaker_actor INTEGER REFERENCES actors(id),
        speaker_name TEXT,
        cue TEXT,
        via TEXT,
        UNIQUE (article_id, id)
    );
    CREATE INDEX quotes_speaker ON quotes(speaker_actor);
    CREATE VIRTUAL TABLE quotes_fts USING fts5(
        text, speaker_name, content='quotes', content_rowid='n',
        tokenize='unicode61 remove_diacritics 2'
    );

    CREATE TABLE timexes (
        article_id TEXT NOT NULL REFERENCES articles(id),
        id TEXT NOT NULL,
        text TEXT NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        type TEXT NOT NULL,
        value TEXT,
        PRIMARY KEY (article_id, id)
    ) WITHOUT ROWID;

    CREATE TABLE places (
        article_id TEXT NOT NULL REFERENCES articles(id),
        id TEXT NOT NULL,
        text TEXT NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        name TEXT NOT NULL,
        country TEXT,
        lat REAL,
        lon REAL,
        geonames_id INTEGER,
        entity TEXT,
        PRIMARY KEY (article_id, id)
    ) WITHOUT ROWID;

    CREATE TABLE events (
        article_id TEXT NOT NULL REFERENCES articles(id),
        id TEXT NOT NULL,
        type TEXT NOT NULL,
        cameo_root TEXT,
        mode TEXT,
        source TEXT,
        source_actor INTEGER REFERENCES actors(id),
        source_name TEXT,
        source_country TEXT,
        source_code TEXT,
        target TEXT,
        target_actor INTEGER REFERENCES actors(id),
        target_name TEXT,
        target_country TEXT,
        target_code TEXT,
        date TEXT,
        day TEXT,
        place TEXT,
        text TEXT NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        PRIMARY KEY (article_id, id)
    ) WITHOUT ROWID;
    CREATE INDEX events_day ON events(day);
    CREATE INDEX events_type ON events(type, day);
    CREATE INDEX events_source_actor ON events(source_actor);
    CREATE INDEX events_target_actor ON events(target_actor);
    CREATE INDEX events_source_country ON events(source_country);
    CREATE INDEX events_target_country ON events(target_country);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

# Tables that `rows()` exports, as fixed SQL: table names are never built from user input.
EXPORT_TABLES: dict[str, str] = {
    "articles": "SELECT id, source_id, title, published, source, url, lang, n_entities, n_quotes,"
    " n_events, ingested FROM articles ORDER BY n",
    "actors": "SELECT id, name, type, country, role, code, n_articles, n_mentions FROM actors"
    " ORDER BY id",
    "entities": "SELECT article_id, id, actor_id, name, type, country, role, code, kb_id,"
    " n_mentions FROM entities ORDER BY article_id, id",
    "quotes": 'SELECT article_id, id, text, start_char AS start, end_char AS "end", kind,'
    " speaker, speaker_actor, speaker_name, cue, via FROM quotes ORDER BY n",
    "timexes": 'SELECT article_id, id, text, start_char AS start, end_char AS "end", type,'
    " value FROM timexes ORDER BY article_id, start_char",
    "places": 'SELECT article_id, id, text, start_char AS start, end_char AS "end", name,'
    " country, lat, lon, geonames_id, entity FROM places ORDER BY article_id, start_char",
    "events": "SELECT article_id, id, type, cameo_root, mode, source, source_actor, source_name,"
    " source_country, source_code, target, target_actor, target_name, target_country,"
    ' target_code, date, day, place, text, start_char AS start, end_char AS "end" FROM events'
    " ORDER BY day, article_id, id",
}

# How a timeline names the period of a day, per interval (fixed SQL, chosen by key).
_PERIODS = {
    "day": "e.day",
    "week": "date(e.day, '-6 days', 'weekday 1')",
    "month": "substr(e.day, 1, 7)",
    "year": "substr(e.day, 1, 4)",
}
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_WORD = re.compile(r"\w+")
_HIT_OPEN, _HIT_CLOSE = "\x02", "\x03"
_EVENT_COLUMNS = """
    e.article_id, e.id, e.type, e.cameo_root, e.mode, e.source_actor, e.source_name,
    e.source_country, e.source_code, e.target_actor, e.target_name, e.target_country,
    e.target_code, e.date, e.day, p.name AS place_name, p.country AS place_country, p.lat, p.lon,
    e.text, e.start_char AS start, e.end_char AS "end", a.url, a.title
"""
_EVENT_FROM = """
    FROM events e
    JOIN articles a ON a.id = e.article_id
    LEFT JOIN places p ON p.article_id = e.article_id AND p.id = e.place
"""
_ACTOR_COLUMNS = "id, name, type, country, role, code, n_articles, n_mentions"
_SUMMARY_COLUMNS = (
    "a.id, a.source_id, a.title, a.published, a.source, a.url, a.n_entities, a.n_quotes, a.n_events"
)


LOCK_TIMEOUT = 10.0  # seconds a process waits for another that holds the corpus locked


def _retry_locked(step: Callable[[], object], timeout: float) -> None:
    """Run a statement, retrying while SQLite says the file is locked, up to `timeout`."""
    deadline = time.monotonic() + timeout
    pause = 0.01
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as err:
            contended = "locked" in str(err) or "busy" in str(err)
            if not contended or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.2)


class StoreError(TelexError):
    """The corpus database cannot be opened, read or written."""


def fts_query(text: str) -> str | None:
    """Turn what a user typed into an FTS5 query: every word must appear (no FTS syntax leaks)."""
    words = _WORD.findall(valid_text(text))
    if not words:
        return None
    return " ".join(f'"{word}"' for word in words)


def _snippet(marked: str | None) -> list[Segment]:
    """Split an FTS5 snippet with hit markers into segments, so each is escaped on its own."""
    if not marked:
        return []
    segments = []
    for index, part in enumerate(re.split(f"[{_HIT_OPEN}{_HIT_CLOSE}]", marked)):
        if part:
            segments.append(Segment(text=part, hit=index % 2 == 1))
    return segments


def _day(date: str | None, published: str | None) -> str | None:
    if date and _FULL_DATE.match(date):
        return date[:10]
    return published


class Store:
    """A corpus in one SQLite file.

    Args:
        path: the database file (created with `create=True`, the default).
        create: create the file when it does not exist; otherwise a missing file is an error.

    Raises:
        StoreError: the file is missing (with `create=False`), not a telex corpus, or made by
            a newer telex.
    """

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise StoreError(
                f"no corpus at {self.path}: run `telex ingest ... --db {self.path}` first"
            )
        try:
            # Autocommit mode: transactions are opened explicitly with BEGIN IMMEDIATE.
            self._db = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=10
            )
            self._db.row_factory = sqlite3.Row
            # Switching a new file to WAL needs an exclusive lock, and SQLite answers "locked" at
            # once rather than waiting when another process is opening it too: retry.
            _retry_locked(lambda: self._db.execute("PRAGMA journal_mode=WAL"), LOCK_TIMEOUT)
            # In WAL mode NORMAL loses no committed article when the process dies.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA busy_timeout=10000")
            self._migrate()
        except sqlite3.OperationalError as err:
            if "locked" in str(err) or "busy" in str(err):
                raise StoreError(
                    f"{self.path} is busy: another process kept it locked for over 10 seconds "
                    f"({err}); try again"
                ) from err
            raise StoreError(f"{self.path} is not a telex corpus ({err})") from err
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path} is not a telex corpus ({err})") from err

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        version: int = self._db.execute("PRAGMA user_version").fetchone()[0]
        return version

    def _migrate(self) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}, newer than this telex knows "
                f"({SCHEMA_VERSION}): upgrade telex"
            )
        while version < SCHEMA_VERSION:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                # Read again under the write lock: another process (an ingest, a `telex serve`)
                # opening the same file may have upgraded it since.
                version = self.schema_version
                if version < SCHEMA_VERSION:
                    for statement in _statements(MIGRATIONS[version]):
                        self._db.execute(statement)
                    version += 1
                    self._db.execute(f"PRAGMA user_version = {version:d}")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # -- writing -----------------------------------------------------------------------------

    def contains(self, article_id: str) -> bool:
        """Whether an article with this content id is in the corpus."""
        row = self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def add(self, article: Article, analysis: Analysis) -> bool:
        """Store an article and its analysis in one transaction.

        Returns:
            True when added, False when an article with the same text was already there.
        """
        ident = content_id(article.text)
        self._db.execute("BEGIN IMMEDIATE")
        try:
            if self.contains(ident):
                self._db.execute("ROLLBACK")
                return False
            self._insert(ident, article, analysis)
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        return True

    def _insert(self, ident: str, article: Article, analysis: Analysis) -> None:
        data = analysis.to_dict()
        data["id"] = ident
        published = analysis.published
        cursor = self._db.execute(
            "INSERT INTO articles (id, source_id, title, published, source, url, lang, text,"
            " analysis, n_entities, n_quotes, n_events, ingested)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                ident,
                article.id,
                analysis.title,
                published,
                analysis.source,
                analysis.url,
                analysis.lang,
                article.text,
                json.dumps(data, ensure_ascii=False),
                len(analysis.entities),
                len(analysis.quotes),
                len(analysis.events),
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            ),
        )
        self._db.execute(
            "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
            (cursor.lastrowid, analysis.title, article.text),
        )

        actor_of: dict[str, int] = {}
        mentions: dict[int, int] = {}
        for entity in analysis.entities:
            actor = self._resolve_actor(entity, analysis.lang)
            actor_of[entity.id] = actor
            mentions[actor] = mentions.get(actor, 0) + len(entity.mentions)
            self._db.execute(
                "INSERT INTO entities (article_id, id, actor_id, name, type, country, role, code,"
                " kb_id, n_mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    ident,
                    entity.id,
                    actor,
                    entity.name,
                    entity.type,
                    entity.country,
                    entity.role,
                    entity.code,
                    entity.kb_id,
                    len(entity.mentions),
                ),
            )
        self._db.executemany(
            "UPDATE actors SET n_articles = n_articles + 1, n_mentions = n_mentions + ?"
            " WHERE id = ?",
            [(count, actor) for actor, count in mentions.items()],
        )

        for quote in analysis.quotes:
            cursor = self._db.execute(
                "INSERT INTO quotes (article_id, id, text, start_char, end_char, kind, speaker,"
                " speaker_actor, speaker_name, cue, via) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    ident,
                    quote.id,
                    quote.text,
                    quote.start,
                    quote.end,
                    quote.kind,
                    quote.speaker,
                    actor_of.get(quote.speaker or ""),
                    quote.speaker_name,
                    quote.cue,
                    quote.via,
                ),
            )
            self._db.execute(
                "INSERT INTO quotes_fts (rowid, text, speaker_name) VALUES (?, ?, ?)",
                (cursor.lastrowid, quote.text, quote.speaker_name or ""),
            )
        self._db.executemany(
            "INSERT INTO timexes (article_id, id, text, start_char, end_char, type, value)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(ident, t.id, t.text, t.start, t.end, t.type, t.value) for t in analysis.timexes],
        )
        self._db.executemany(
            "INSERT INTO places (article_id, id, text, start_char, end_char, name, country, lat,"
            " lon, geonames_id, entity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    ident,
                    p.id,
                    p.text,
                    p.start,
                    p.end,
                    p.name,
                    p.country,
                    p.lat,
                    p.lon,
                    p.geonames_id,
                    p.entity,
                )
                for p in analysis.places
            ],
        )
        self._db.executemany(
            "INSERT INTO events (article_id, id, type, cameo_root, mode, source, source_actor,"
            " source_name, source_country, source_code, target, target_actor, target_name,"
            " target_country, target_code, date, day, place, text, start_char, end_char)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    ident,
                    v.id,
                    v.type,
                    v.cameo_root,
                    v.mode,
                    v.source,
                    actor_of.get(v.source or ""),
                    v.source_name,
                    v.source_country,
                    v.source_code,
                    v.target,
                    actor_of.get(v.target or ""),
                    v.target_name,
                    v.target_country,
                    v.target_code,
                    v.date,
                    _day(v.date, published),
                    v.place,
                    v.text,
                    v.start,
                    v.end,
                )
                for v in analysis.events
            ],
        )

    def _resolve_actor(self, entity: Entity, lang: str) -> int:
        """The corpus actor this entity is, created when no known actor matches."""
        keys = actor_keys(entity.name, entity.aliases, entity.type, lang, kb_id=entity.kb_id)
        chosen = self._match_actor(keys, entity)
        if chosen is None:
            cursor = self._db.execute(
                "INSERT INTO actors (name, type, key, full, country, role, code)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    entity.name,
                    entity.type,
                    keys.primary,
                    int(keys.full),
                    entity.country,
                    entity.role,
                    entity.code,
                ),
            )
            assert cursor.lastrowid is not None
            chosen = cursor.lastrowid
        else:
            # What the first article did not say, a later one may.
            self._db.execute(
                "UPDATE actors SET country = coalesce(country, ?), role = coalesce(role, ?),"
                " code = coalesce(code, ?) WHERE id = ?",
                (entity.country, entity.role, entity.code, chosen),
            )
        self._db.executemany(
            "INSERT OR IGNORE INTO actor_keys (key, type, full, actor_id) VALUES (?, ?, ?, ?)",
            [(key, entity.type, int(keys.full), chosen) for key in sorted(keys.keys)],
        )
        self._db.executemany(
            "INSERT INTO actor_aliases (actor_id, alias) VALUES (?, ?)"
            " ON CONFLICT (actor_id, alias) DO UPDATE SET n = n + 1",
            [(chosen, alias) for alias in dict.fromkeys([entity.name, *entity.aliases]) if alias],
        )
        return chosen

    def _match_actor(self, keys: ActorKeys, entity: Entity) -> int | None:
        if not keys.keys:
            return None
        marks = ", ".join("?" * len(keys.keys))
        rows = self._db.execute(
            "SELECT k.actor_id, a.key, a.country, a.n_articles, count(*) AS shared"
            " FROM actor_keys k JOIN actors a ON a.id = k.actor_id"
            f" WHERE k.type = ? AND k.full = ? AND k.key IN ({marks})"
            " GROUP BY k.actor_id",
            (entity.type, int(keys.full), *sorted(keys.keys)),
        ).fetchall()
        candidates = [r for r in rows if countries_agree(r["country"], entity.country)]
        if not candidates:
            return None
        best = max(
            candidates,
            key=lambda r: (r["key"] == keys.primary, r["shared"], r["n_articles"], -r["actor_id"]),
        )
        actor: int = best["actor_id"]
        return actor

    # -- reading: articles -------------------------------------------------------------------

    def stats(self) -> Stats:
        row = self._db.execute(
            "SELECT (SELECT count(*) FROM articles) AS articles,"
            " (SELECT count(*) FROM actors) AS actors,"
            " (SELECT count(*) FROM entities) AS entities,"
            " (SELECT count(*) FROM quotes) AS quotes,"
            " (SELECT count(*) FROM events) AS events,"
            " (SELECT count(*) FROM places) AS places,"
            " (SELECT min(published) FROM articles) AS first_published,"
            " (SELECT max(published) FROM articles) AS last_published"
        ).fetchone()
        return Stats(**dict(row), schema_version=self.schema_version)

    def articles(
        self, *, search: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[ArticleSummary]:
        """Articles, newest first, or those matching a full-text search, best first."""
        if search:
            match = fts_query(search)
            if match is None:
                return []
            rows = self._db.execute(
                f"SELECT {_SUMMARY_COLUMNS},"
                f" snippet(articles_fts, 1, '{_HIT_OPEN}', '{_HIT_CLOSE}', '…', 24) AS snippet"
                " FROM articles_fts JOIN articles a ON a.n = articles_fts.rowid"
                " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
                (match, _bound(limit), _bound(offset)),
            ).fetchall()
            return [ArticleSummary(**{**dict(r), "snippet": _snippet(r["snippet"])}) for r in rows]
        rows = self._db.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM articles a"
            " ORDER BY a.published IS NULL, a.published DESC, a.n DESC LIMIT ? OFFSET ?",
            (_bound(limit), _bound(offset)),
        ).fetchall()
        return [ArticleSummary(**dict(r)) for r in rows]

    def count_articles(self, *, search: str | None = None) -> int:
        if search:
            match = fts_query(search)
            if match is None:
                return 0
            row = self._db.execute(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (match,)
            ).fetchone()
        else:
            row = self._db.execute("SELECT count(*) FROM articles").fetchone()
        count: int = row[0]
        return count

    def article(self, article_id: str) -> StoredArticle | None:
        """One article by content id or, failing that, by the id its input gave it."""
        article_id = valid_text(article_id)  # ids are stored as valid text, so is what we ask
        row = (
            self._db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
            or self._db.execute(
                "SELECT * FROM articles WHERE source_id = ? ORDER BY n DESC LIMIT 1", (article_id,)
            ).fetchone()
        )
        if row is None:
            return None
        return self._stored(row)

    def _stored(self, row: sqlite3.Row) -> StoredArticle:
        actors = self._db.execute(
            "SELECT id, actor_id FROM entities WHERE article_id = ?", (row["id"],)
        ).fetchall()
        return StoredArticle(
            **json.loads(row["analysis"]),
            source_id=row["source_id"],
            text=row["text"],
            ingested=row["ingested"],
            actors={r["id"]: r["actor_id"] for r in actors},
        )

    def iter_articles(self) -> Iterator[StoredArticle]:
        """Every article with its analysis, in the order they were added."""
        for row in self._db.execute("SELECT * FROM articles ORDER BY n"):
            yield self._stored(row)

    # -- reading: actors ---------------------------------------------------------------------

    def actors(
        self,
        *,
        search: str | None = None,
        types: Sequence[str] | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[ActorSummary]:
        """Actors, most present first; `search` keeps those with a name or alias containing it."""
        clauses: list[str] = []
        params: list[Any] = []
        if types:
            clauses.append(f"type IN ({', '.join('?' * len(types))})")
            params.extend(types)
        if search:
            search = valid_text(search).strip()
            key = normalize_name(search)  # letters, digits and spaces: nothing LIKE reads
            matches = ["id IN (SELECT actor_id FROM actor_aliases WHERE alias LIKE ? ESCAPE '\\')"]
            params.append(f"%{_escape_like(search)}%")
            if key:
                matches.append("key LIKE ?")
                matches.append("id IN (SELECT actor_id FROM actor_keys WHERE key LIKE ?)")
                params.extend([f"%{key}%", f"%{key}%"])
            clauses.append(f"({' OR '.join(matches)})")
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._db.execute(
            f"SELECT {_ACTOR_COLUMNS} FROM actors {where}"
            " ORDER BY n_articles DESC, n_mentions DESC, id LIMIT ? OFFSET ?",
            (*params, _bound(limit), _bound(offset)),
        ).fetchall()
        return [ActorSummary(**dict(r)) for r in rows]

    def find_actors(self, name_or_id: str) -> list[ActorSummary]:
        """The actors a user means, most present first.

        An id; else every actor with that name or alias, or whose name ends or starts with it
        ("Macron" finds "Emmanuel Macron" and an actor known only as "Macron"); else any actor
        whose name contains it.
        """
        name_or_id = valid_text(name_or_id)
        if name_or_id.strip().isdecimal() and name_or_id.strip().isascii():  # not "²" or "٣"
            found = self.actor_summary(int(name_or_id))
            return [found] if found else []
        key = normalize_name(name_or_id)
        if not key:
            return []
        rows = self._db.execute(
            f"SELECT {_ACTOR_COLUMNS} FROM actors WHERE id IN"
            " (SELECT actor_id FROM actor_keys WHERE key = ? OR key LIKE ? OR key LIKE ?)"
            " ORDER BY n_articles DESC, id LIMIT 20",
            (key, f"% {_like(key)}", f"{_like(key)} %"),
        ).fetchall()
        if rows:
            return [ActorSummary(**dict(r)) for r in rows]
        return self.actors(search=name_or_id, limit=20)

    def actor_summary(self, actor_id: int) -> ActorSummary | None:
        """One actor's name, type, country and counts."""
        if not _is_sqlite_int(actor_id):
            return None  # no such id can exist
        row = self._db.execute(
            f"SELECT {_ACTOR_COLUMNS} FROM actors WHERE id = ?", (actor_id,)
        ).fetchone()
        return ActorSummary(**dict(row)) if row else None

    def actor(self, actor_id: int, *, limit: int = 50) -> ActorProfile | None:
        """One actor: names, roles, articles, quotes, events and the actors seen beside it."""
        summary = self.actor_summary(actor_id)
        if summary is None:
            return None
        aliases = [
            r["alias"]
            for r in self._db.execute(
                "SELECT alias FROM actor_aliases WHERE actor_id = ? ORDER BY n DESC, alias",
                (actor_id,),
            )
        ]
        roles = [
            Count(value=r["role"], count=r["n"])
            for r in self._db.execute(
                "SELECT role, count(*) AS n FROM entities WHERE actor_id = ? AND role IS NOT NULL"
                " GROUP BY role ORDER BY n DESC, role LIMIT 10",
                (actor_id,),
            )
        ]
        span = self._db.execute(
            "SELECT min(a.published), max(a.published) FROM entities e"
            " JOIN articles a ON a.id = e.article_id WHERE e.actor_id = ?",
            (actor_id,),
        ).fetchone()
        articles = [
            ArticleSummary(**dict(r))
            for r in self._db.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM articles a WHERE a.id IN"
                " (SELECT article_id FROM entities WHERE actor_id = ?)"
                " ORDER BY a.published IS NULL, a.published DESC, a.n DESC LIMIT ?",
                (actor_id, _bound(limit)),
            )
        ]
        co_actors = [
            CoActor(actor=ActorSummary(**_without(dict(r), "shared")), n_articles=r["shared"])
            for r in self._db.execute(
                f"SELECT {', '.join('x.' + c for c in _ACTOR_COLUMNS.split(', '))},"
                " count(DISTINCT other.article_id) AS shared"
                " FROM entities mine"
                " JOIN entities other ON other.article_id = mine.article_id"
                " AND other.actor_id != mine.actor_id"
                " JOIN actors x ON x.id = other.actor_id"
                " WHERE mine.actor_id = ?"
                " GROUP BY other.actor_id ORDER BY shared DESC, x.n_articles DESC, x.id LIMIT 20",
                (actor_id,),
            )
        ]
        return ActorProfile(
            actor=summary,
            aliases=aliases,
            roles=roles,
            first_seen=span[0],
            last_seen=span[1],
            articles=articles,
            quotes=self.quotes(speaker=[actor_id], limit=limit),
            events=self.events(EventFilter(actor=[actor_id]), limit=limit),
            co_actors=co_actors,
        )

    # -- reading: quotes and events ----------------------------------------------------------

    def quotes(
        self,
        *,
        speaker: Sequence[int] | None = None,
        search: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[QuoteRow]:
        """Quotes, newest first: by speaker (actor ids) and/or matching a full-text search."""
        clauses: list[str] = []
        params: list[Any] = []
        source = "quotes q"
        if speaker is not None:
            speaker = [n for n in speaker if _is_sqlite_int(n)]
            if not speaker:
                return []
            clauses.append(f"q.speaker_actor IN ({', '.join('?' * len(speaker))})")
            params.extend(speaker)
        if search:
            match = fts_query(search)
            if match is None:
                return []
            source = "quotes_fts JOIN quotes q ON q.n = quotes_fts.rowid"
            clauses.append("quotes_fts MATCH ?")
            params.append(match)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._db.execute(
            'SELECT q.article_id, q.id, q.text, q.start_char AS start, q.end_char AS "end",'
            " q.kind, q.speaker_actor, q.speaker_name, q.cue, q.via, a.published, a.title"
            f" FROM {source} JOIN articles a ON a.id = q.article_id {where}"
            " ORDER BY a.published IS NULL, a.published DESC, q.n LIMIT ? OFFSET ?",
            (*params, _bound(limit), _bound(offset)),
        ).fetchall()
        return [QuoteRow(**dict(r)) for r in rows]

    def events(
        self, where: EventFilter | None = None, *, limit: int | None = 100, offset: int = 0
    ) -> list[EventRow]:
        """Events in date order (undated last), filtered by type, country, actor and dates."""
        clauses, params = _event_filter(where or EventFilter())
        sql = (
            f"SELECT {_EVENT_COLUMNS} {_EVENT_FROM} {clauses}"
            " ORDER BY e.day IS NULL, e.day, e.article_id, e.start_char"
        )
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = [*params, _bound(limit), _bound(offset)]
        return [EventRow(**dict(r)) for r in self._db.execute(sql, params)]

    def iter_events(self, where: EventFilter | None = None) -> Iterator[EventRow]:
        """Every matching event, streamed (for exports)."""
        clauses, params = _event_filter(where or EventFilter())
        cursor = self._db.execute(
            f"SELECT {_EVENT_COLUMNS} {_EVENT_FROM} {clauses}"
            " ORDER BY e.day IS NULL, e.day, e.article_id, e.start_char",
            params,
        )
        for row in cursor:
            yield EventRow(**dict(row))

    def timeline(
        self, where: EventFilter | None = None, *, interval: str = "month"
    ) -> list[TimelinePoint]:
        """Event counts per period and type.

        Args:
            where: which events.
            interval: `day`, `week` (periods named by their Monday), `month` or `year`.
        """
        period = _PERIODS.get(interval)
        if period is None:
            raise InputError(f"unknown interval {interval!r}: use {', '.join(_PERIODS)}")
        clauses, params = _event_filter(where or EventFilter())
        clauses = f"{clauses} AND e.day IS NOT NULL" if clauses else "WHERE e.day IS NOT NULL"
        rows = self._db.execute(
            f"SELECT {period} AS period, e.type, count(*) AS count"
            f" FROM events e {clauses} GROUP BY period, e.type ORDER BY period, e.type",
            params,
        ).fetchall()
        return [TimelinePoint(**dict(r)) for r in rows]

    def event_span(self, where: EventFilter | None = None) -> tuple[str | None, str | None]:
        """The first and last day of the matching events."""
        clauses, params = _event_filter(where or EventFilter())
        row = self._db.execute(f"SELECT min(e.day), max(e.day) FROM events e {clauses}", params)
        first, last = row.fetchone()
        return first, last

    def event_types(self) -> list[Count]:
        return [
            Count(value=r["type"], count=r["n"])
            for r in self._db.execute(
                "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type"
            )
        ]

    # -- reading: network and places ---------------------------------------------------------

    def network(
        self, *, types: Sequence[str] = ("PER", "ORG"), limit: int = 40, min_weight: int = 1
    ) -> Network:
        """The most present actors and how often they share an article or an event."""
        marks = ", ".join("?" * len(types))
        nodes = [
            NetworkNode(**dict(r))
            for r in self._db.execute(
                f"SELECT id, name, type, country, n_articles FROM actors WHERE type IN ({marks})"
                " ORDER BY n_articles DESC, n_mentions DESC, id LIMIT ?",
                (*types, _bound(limit)),
            )
        ]
        ids = [node.id for node in nodes]
        if not ids:
            return Network()
        among = ", ".join("?" * len(ids))
        edges = {
            (r["x"], r["y"]): NetworkEdge(source=r["x"], target=r["y"], weight=r["w"])
            for r in self._db.execute(
                "SELECT a.actor_id AS x, b.actor_id AS y, count(DISTINCT a.article_id) AS w"
                " FROM entities a JOIN entities b"
                " ON b.article_id = a.article_id AND b.actor_id > a.actor_id"
                f" WHERE a.actor_id IN ({among}) AND b.actor_id IN ({among})"
                " GROUP BY x, y HAVING w >= ?",
                (*ids, *ids, _bound(min_weight)),
            )
        }
        for r in self._db.execute(
            "SELECT min(source_actor, target_actor) AS x, max(source_actor, target_actor) AS y,"
            " count(*) AS n FROM events"
            f" WHERE source_actor IN ({among}) AND target_actor IN ({among})"
            " AND source_actor != target_actor GROUP BY x, y",
            (*ids, *ids),
        ):
            edge = edges.setdefault(
                (r["x"], r["y"]), NetworkEdge(source=r["x"], target=r["y"], weight=0)
            )
            edge.n_events = r["n"]
        return Network(
            nodes=nodes, edges=sorted(edges.values(), key=lambda e: (e.source, e.target))
        )

    def places(self, *, limit: int = 500) -> list[PlacePoint]:
        """Places with coordinates, most mentioned first."""
        rows = self._db.execute(
            "SELECT name, country, avg(lat) AS lat, avg(lon) AS lon,"
            " count(DISTINCT article_id) AS n_articles, count(*) AS n_mentions"
            " FROM places WHERE lat IS NOT NULL AND lon IS NOT NULL"
            " GROUP BY name, country ORDER BY n_mentions DESC, name LIMIT ?",
            (_bound(limit),),
        ).fetchall()
        return [PlacePoint(**dict(r)) for r in rows]

    # -- export ------------------------------------------------------------------------------

    def rows(self, table: str) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
        """The columns and rows of one table, for CSV and Parquet exports."""
        sql = EXPORT_TABLES.get(table)
        if sql is None:
            raise InputError(f"unknown table {table!r}: choose one of {', '.join(EXPORT_TABLES)}")
        cursor = self._db.execute(sql)
        columns = [d[0] for d in cursor.description]
        return columns, (tuple(row) for row in cursor)


def _event_filter(where: EventFilter) -> tuple[str, list[Any]]:
    """A WHERE clause with `?` placeholders and its parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    if where.type:
        clauses.append("e.type = ?")
        params.append(where.type.upper())
    if where.country:
        clauses.append("(e.source_country = ? OR e.target_country = ?)")
        params.extend([where.country.upper()] * 2)
    if where.actor is not None:
        actors = [n for n in where.actor if _is_sqlite_int(n)]
        marks = ", ".join("?" * len(actors)) or "NULL"
        clauses.append(f"(e.source_actor IN ({marks}) OR e.target_actor IN ({marks}))")
        params.extend([*actors, *actors])
    if where.date_from:
        clauses.append("e.day >= ?")
        params.append(where.date_from.isoformat())
    if where.date_to:
        clauses.append("e.day <= ?")
        params.append(where.date_to.isoformat())
    return (f"WHERE {' AND '.join(clauses)}" if clauses else ""), params


_SQLITE_MAX = 2**63 - 1


def _is_sqlite_int(number: int) -> bool:
    """Whether SQLite can hold the number (ids and counts from users may be any size)."""
    return -_SQLITE_MAX - 1 <= number <= _SQLITE_MAX


def _bound(number: int | None) -> int | None:
    """A LIMIT or OFFSET SQLite takes: beyond its range means 'all' or 'none' anyway."""
    return None if number is None else max(-_SQLITE_MAX - 1, min(number, _SQLITE_MAX))


def _escape_like(text: str) -> str:
    """Text a LIKE pattern matches literally (with `ESCAPE '\\'`): % and _ are not wildcards."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like(text: str) -> str:
    """Text for a LIKE pattern: normalized names hold no % or _, but say so explicitly."""
    return text.replace("%", "").replace("_", "")


def _without(row: dict[str, Any], key: str) -> dict[str, Any]:
    row.pop(key)
    return row


def _statements(script: str) -> Iterable[str]:
    """Split a migration script into statements (they hold no semicolons inside)."""
    return [s.strip() for s in script.split(";") if s.strip()]
