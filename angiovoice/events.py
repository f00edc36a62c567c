"""Turn events: one row per turn served, kept so content gaps and slow paths can be found.

Each turn the Alexa or phone endpoint serves becomes an `Event` (see `angiovoice.observe`):
when, which channel and locale, the intent answered, whether it was the emergency path, how long
it took, how it ended, a keyed hash of who asked, and, only for turns that fell to the fallback,
what was said, with numbers masked.

Privacy, by construction:
- the caller (a phone number, an Alexa user id) is stored only as HMAC-SHA256 under a secret
  salt (`ANGIOVOICE_HASH_SALT`, or a random one kept in DATA_DIR/salt, mode 0600): the same
  caller gets the same hash, and the hash cannot be turned back into the number without the salt;
- utterance text is kept only on fallback turns, normalised, digit runs and runs of spoken
  number words replaced by "#", and cut to 200 characters. `Event` refuses anything else.

Storage is one small interface, `EventStore`: `SQLiteStore` by default (DATA_DIR/events.sqlite3,
WAL mode, created on first start) or `PostgresStore` when DATABASE_URL says postgresql://.
Nothing in the answer path touches a store: `EventRecorder.record` puts the event on a bounded
queue and returns; one background thread writes batches. A full queue or a failing store costs
events, which are counted (`stats()`) and logged, never an answer. `close()` flushes; every live
recorder is closed at interpreter exit and by the gunicorn hooks in `angiovoice.server`.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import hmac
import itertools
import logging
import math
import os
import queue
import re
import secrets
import sqlite3
import tempfile
import threading
import time
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from intents.text import normalise

if TYPE_CHECKING:
    import psycopg

    from angiovoice.settings import Settings

log = logging.getLogger(__name__)

EXTENSION = "angiovoice_events"  # app.extensions key of the app's EventRecorder
OUTCOMES = ("answered", "fallback", "emergency", "error", "rejected", "silent")
SQLITE_FILE = "events.sqlite3"
SALT_FILE = "salt"
CALLER_HASH_CHARS = 32
MAX_UTTERANCE = 200
POSTGRES_SCHEMES = ("postgresql://", "postgres://")

_HASH = re.compile(rf"^[0-9a-f]{{{CALLER_HASH_CHARS}}}$")
_MASK = "#"


# -- the event ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """One turn served. Built by `angiovoice.observe`; the checks below make a raw caller id or
    unmasked text impossible to store by mistake."""

    at: datetime  # when the request arrived (UTC)
    channel: str  # "alexa" | "phone"
    locale: str | None
    intent: str | None  # the answered intent, a phone page ("phone.menu"), or an Alexa request type
    emergency: bool  # the reply was a red flag's instruction
    latency_ms: float  # request start to reply rendered
    outcome: str  # one of OUTCOMES
    caller: str | None = None  # caller_hash() of the phone number or Alexa user id
    utterance: str | None = None  # fallback turns only: mask_utterance() of what was said

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {self.outcome!r}")
        if self.caller is not None and not _HASH.match(self.caller):
            raise ValueError("caller must be a caller_hash(), never a raw id")
        if self.utterance is not None:
            if self.outcome != "fallback":
                raise ValueError("utterance text is kept only for fallback turns")
            if not _looks_masked(self.utterance):
                raise ValueError("utterance must be mask_utterance() output")
        if self.at.tzinfo is None:
            raise ValueError("at must be timezone-aware")


# -- privacy --------------------------------------------------------------------------------------


def caller_hash(salt: bytes, caller_id: str | None) -> str | None:
    """HMAC-SHA256 of a caller id under the salt, as 32 hex characters (None for no caller)."""
    if caller_id is None or not caller_id.strip():
        return None
    digest = hmac.new(salt, caller_id.strip().encode("utf-8", "replace"), hashlib.sha256)
    return digest.hexdigest()[:CALLER_HASH_CHARS]


_NUMBER_WORDS = frozenset(
    {
        "zero",
        "oh",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "double",
        "triple",
    }
)
_DIGITS = re.compile(r"[0-9]+")


def mask_utterance(text: str) -> str:
    """What was said, safe to keep: lowercase words (see `intents.text.normalise`), every run
    of digits and every run of two or more number words ("oh seven seven") replaced by "#",
    at most MAX_UTTERANCE characters. A lone "one" or "two" is kept: it is rarely a number
    anyone could be found by, and "one more question" stays readable."""
    words = normalise(text).split()
    out: list[str] = []
    run: list[str] = []

    def end_run() -> None:
        if run:
            numeric = len(run) > 1 or any(_DIGITS.search(word) for word in run)
            out.extend([_MASK] if numeric else run)
            run.clear()

    for word in words:
        if word in _NUMBER_WORDS or word.isdigit():
            run.append(word)
            continue
        end_run()
        out.append(_DIGITS.sub(_MASK, word))  # "4th" -> "#th"
    end_run()
    return " ".join(out)[:MAX_UTTERANCE].rstrip()


def _looks_masked(text: str) -> bool:
    """No digits, no run of number words, not too long: what mask_utterance() gives."""
    if len(text) > MAX_UTTERANCE or any(ch.isdigit() for ch in text):
        return False
    words = text.split()
    return not any(a in _NUMBER_WORDS and b in _NUMBER_WORDS for a, b in itertools.pairwise(words))


def load_salt(settings: Settings) -> bytes:
    """ANGIOVOICE_HASH_SALT, or the salt kept in DATA_DIR/salt (made on first start, mode 0600),
    so a caller's hash stays the same across restarts. Raises OSError if neither is usable."""
    if settings.hash_salt:
        return settings.hash_salt.encode("utf-8")
    if not settings.data_dir:
        raise OSError("no ANGIOVOICE_HASH_SALT and no data directory to keep a salt in")
    return _salt_file(Path(settings.data_dir) / SALT_FILE)


def _salt_file(path: Path) -> bytes:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".salt-")  # mode 0600
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32) + "\n")
            try:
                os.link(tmp, path)  # atomic; another worker that got there first wins
                log.info("events: made a new caller-hash salt in %s", path)
            except FileExistsError:
                pass
        finally:
            os.unlink(tmp)
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        try:
            path.chmod(0o600)
        except OSError:
            log.warning("events: %s is readable by others (mode %o); make it 0600", path, mode)
    salt = path.read_text(encoding="utf-8").strip()
    if len(salt) < 32:
        raise OSError(f"{path} does not hold a salt (delete it to make a new one)")
    return salt.encode("utf-8")


# -- the store interface -------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    key: str
    channel: str
    n: int


@dataclass(frozen=True)
class Latency:
    channel: str
    turns: int
    p50: float
    p90: float
    p99: float


@dataclass(frozen=True)
class Report:
    """What `angiovoice report` prints. Rejected requests count in `turns` and `outcomes` only."""

    since: datetime
    turns: int
    by_intent: tuple[Count, ...] = ()
    outcomes: tuple[Count, ...] = ()
    emergencies: tuple[Count, ...] = ()
    unanswered: tuple[tuple[str, int], ...] = ()  # (masked utterance, times), most frequent first
    latency: tuple[Latency, ...] = ()


class EventStore(Protocol):
    """Where events are kept. `write` may raise (the recorder counts the loss); the rest are for
    the report, readiness checks and shutdown. Safe to call from several threads."""

    description: str  # for people: the kind and place, never a password

    def write(self, events: Sequence[Event]) -> None: ...

    def events(self, since: datetime | None = None) -> list[Event]: ...

    def report(self, since: datetime, top: int = 10) -> Report: ...

    def health(self) -> bool: ...

    def close(self) -> None: ...


class NullStore:
    """Keeps nothing: for apps built without a data directory or DATABASE_URL (tests, tools)."""

    description = "none (events are counted, not kept)"

    def write(self, events: Sequence[Event]) -> None:
        return None

    def events(self, since: datetime | None = None) -> list[Event]:
        return []

    def report(self, since: datetime, top: int = 10) -> Report:
        return Report(since=since, turns=0)

    def health(self) -> bool:
        return True

    def close(self) -> None:
        return None


_COLUMNS = "at, channel, locale, intent, emergency, latency_ms, outcome, caller, utterance"
Row = tuple[Any, ...]
Fetch = Callable[[str, tuple[Any, ...]], list[Row]]


def _row(event: Event, *, at: object, emergency: object) -> Row:
    """An event as the values of _COLUMNS, with its time and flag as the store's driver wants."""
    return (
        at,
        event.channel,
        event.locale,
        event.intent,
        emergency,
        event.latency_ms,
        event.outcome,
        event.caller,
        event.utterance,
    )


def _percentile(ordered: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return float(ordered[rank - 1])


def _build_report(fetch: Fetch, p: str, since: datetime, since_param: Any, top: int) -> Report:
    """The report's queries, in SQL both SQLite and PostgreSQL speak (`p` is the placeholder)."""
    where = f"at >= {p}"
    args: tuple[Any, ...] = (since_param,)
    (turns,) = fetch(f"SELECT COUNT(*) FROM events WHERE {where}", args)[0]
    answered = f"{where} AND outcome <> 'rejected'"
    by_intent = fetch(
        f"SELECT COALESCE(intent, '(none)'), channel, COUNT(*) FROM events WHERE {answered} "
        "GROUP BY 1, 2",
        args,
    )
    outcomes = fetch(
        f"SELECT outcome, channel, COUNT(*) FROM events WHERE {where} GROUP BY 1, 2", args
    )
    emergencies = fetch(
        f"SELECT COALESCE(intent, '(none)'), channel, COUNT(*) FROM events "
        f"WHERE {where} AND emergency = {p} GROUP BY 1, 2",
        (since_param, True),
    )
    unanswered = fetch(
        f"SELECT utterance, COUNT(*) FROM events WHERE {where} AND outcome = 'fallback' "
        f"AND utterance IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {int(top)}",
        args,
    )
    latencies: dict[str, list[float]] = {}
    for channel, latency_ms in fetch(
        f"SELECT channel, latency_ms FROM events WHERE {answered} ORDER BY 1, 2", args
    ):
        latencies.setdefault(str(channel), []).append(float(latency_ms))

    def counts(rows: list[Row]) -> tuple[Count, ...]:
        return tuple(Count(str(key), str(channel), int(n)) for key, channel, n in rows)

    return Report(
        since=since,
        turns=int(turns),
        by_intent=counts(by_intent),
        outcomes=counts(outcomes),
        emergencies=counts(emergencies),
        unanswered=tuple((str(text), int(n)) for text, n in unanswered),
        latency=tuple(
            Latency(channel, len(ms), _percentile(ms, 50), _percentile(ms, 90), _percentile(ms, 99))
            for channel, ms in sorted(latencies.items())
        ),
    )


class _Connections:
    """One connection per thread, each closed by `close_all` in the process that opened it
    (after a fork, the parent's connections are the parent's: the child only forgets them)."""

    def __init__(self) -> None:
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[tuple[int, Any]] = []

    def get(self) -> Any:
        return getattr(self._local, "conn", None)

    def keep(self, conn: Any) -> None:
        self._local.conn = conn
        with self._lock:
            self._opened.append((os.getpid(), conn))

    def discard(self) -> None:
        conn = self.get()
        self._local.conn = None
        if conn is not None:
            with self._lock:
                self._opened = [(pid, c) for pid, c in self._opened if c is not conn]
            _quietly_close(conn)

    def close_all(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for pid, conn in opened:
            if pid == os.getpid():
                _quietly_close(conn)


def _quietly_close(conn: Any) -> None:
    try:
        conn.close()
    except Exception as exc:  # closing a broken connection can fail; nothing is lost
        log.debug("events: closing a store connection failed: %s", exc)


# -- SQLite --------------------------------------------------------------------------------------

_SQLITE_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS events (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        channel TEXT NOT NULL,
        locale TEXT,
        intent TEXT,
        emergency INTEGER NOT NULL,
        latency_ms REAL NOT NULL,
        outcome TEXT NOT NULL,
        caller TEXT,
        utterance TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS events_at ON events (at)",
)


def _sqlite_time(at: datetime) -> str:
    """Fixed-width UTC text, so comparing strings compares times."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class _SqlStore:
    """What the SQLite and PostgreSQL stores share: a connection per thread, dropped on error."""

    _connections: _Connections

    def _connection(self) -> Any:
        raise NotImplementedError

    def _fetch(self, sql: str, args: tuple[Any, ...]) -> list[Row]:
        conn = self._connection()
        try:
            rows: list[Row] = conn.execute(sql, args).fetchall()
            return rows
        except Exception:
            self._connections.discard()
            raise


class SQLiteStore(_SqlStore):
    """Events in one SQLite file in WAL mode; one connection per writing thread. Several worker
    processes may share the file: each write waits up to `timeout` seconds for the lock."""

    def __init__(self, path: str | Path, timeout: float = 5.0) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self.description = f"SQLite {self.path}"
        self._connections = _Connections()

    def create(self) -> None:
        """Make the directory, the file and the table now (otherwise on first use)."""
        self._connection()
        self._connections.discard()

    def _connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = self._connections.get()
        if conn is not None:
            return conn
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        new = not self.path.exists()
        conn = sqlite3.connect(self.path, timeout=self.timeout, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            with conn:
                for statement in _SQLITE_SCHEMA:
                    conn.execute(statement)
        except Exception:
            conn.close()
            raise
        if new:
            with contextlib.suppress(OSError):
                self.path.chmod(0o600)
        self._connections.keep(conn)
        return conn

    def write(self, events: Sequence[Event]) -> None:
        rows = [_row(e, at=_sqlite_time(e.at), emergency=int(e.emergency)) for e in events]
        conn = self._connection()
        try:
            with conn:
                conn.executemany(
                    f"INSERT INTO events ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?)", rows
                )
        except Exception:
            self._connections.discard()
            raise

    def events(self, since: datetime | None = None) -> list[Event]:
        start = _sqlite_time(since) if since else ""
        rows = self._fetch(f"SELECT {_COLUMNS} FROM events WHERE at >= ? ORDER BY id", (start,))
        return [
            Event(
                at=datetime.strptime(at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC),
                channel=channel,
                locale=locale,
                intent=intent,
                emergency=bool(emergency),
                latency_ms=float(latency_ms),
                outcome=outcome,
                caller=caller,
                utterance=utterance,
            )
            for (
                at,
                channel,
                locale,
                intent,
                emergency,
                latency_ms,
                outcome,
                caller,
                utterance,
            ) in rows
        ]

    def report(self, since: datetime, top: int = 10) -> Report:
        return _build_report(self._fetch, "?", since, _sqlite_time(since), top)

    def health(self) -> bool:
        """The table is readable and the directory writable."""
        try:
            uri = self.path.resolve().as_uri() + "?mode=rw"  # never creates the file
            conn = sqlite3.connect(uri, uri=True, timeout=min(self.timeout, 1.0))
            try:
                conn.execute("SELECT 1 FROM events LIMIT 1").fetchall()
            finally:
                conn.close()
            return os.access(self.path.parent, os.W_OK)
        except Exception as exc:
            log.debug("events: %s is not usable: %s", self.description, exc)
            return False

    def close(self) -> None:
        self._connections.close_all()


# -- PostgreSQL ----------------------------------------------------------------------------------

_POSTGRES_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS events (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        at TIMESTAMPTZ NOT NULL,
        channel TEXT NOT NULL,
        locale TEXT,
        intent TEXT,
        emergency BOOLEAN NOT NULL,
        latency_ms DOUBLE PRECISION NOT NULL,
        outcome TEXT NOT NULL,
        caller TEXT,
        utterance TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS events_at ON events (at)",
)


def redact_url(url: str) -> str:
    """A database URL without its password (and without query parameters)."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    port = f":{parts.port}" if parts.port else ""
    user = f"{parts.username}@" if parts.username else ""
    return f"{parts.scheme}://{user}{host}{port}{parts.path}"


class PostgresStore(_SqlStore):
    """Events in a PostgreSQL table, through psycopg 3 (imported only when this store is used).
    The table is created on first connection (under an advisory lock, so workers starting
    together do not race); a broken connection is dropped and made again on the next write."""

    def __init__(self, url: str, connect_timeout: int = 3) -> None:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - psycopg is a dependency
            raise RuntimeError(
                "DATABASE_URL names PostgreSQL but psycopg is not installed: "
                "pip install 'psycopg[binary]'"
            ) from exc
        self._psycopg = psycopg
        self.url = url
        self.connect_timeout = connect_timeout
        self.description = redact_url(url)
        self._connections = _Connections()

    def _connect(self, timeout: int) -> psycopg.Connection[Row]:
        return self._psycopg.connect(
            self.url, autocommit=True, connect_timeout=timeout, application_name="angiovoice"
        )

    def _connection(self) -> psycopg.Connection[Row]:
        conn: psycopg.Connection[Row] | None = self._connections.get()
        if conn is not None and not conn.closed:
            return conn
        conn = self._connect(self.connect_timeout)
        try:
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(hashtext('angiovoice.events'))")
                for statement in _POSTGRES_SCHEMA:
                    conn.execute(statement)
        except Exception:
            conn.close()
            raise
        self._connections.keep(conn)
        return conn

    def write(self, events: Sequence[Event]) -> None:
        rows = [_row(e, at=e.at, emergency=e.emergency) for e in events]
        conn = self._connection()
        try:
            with conn.transaction(), conn.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO events ({_COLUMNS}) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s)", rows
                )
        except Exception:
            self._connections.discard()
            raise

    def events(self, since: datetime | None = None) -> list[Event]:
        start = since or datetime.fromtimestamp(0, UTC)
        rows = self._fetch(f"SELECT {_COLUMNS} FROM events WHERE at >= %s ORDER BY id", (start,))
        return [Event(*row) for row in rows]

    def report(self, since: datetime, top: int = 10) -> Report:
        return _build_report(self._fetch, "%s", since, since, top)

    def health(self) -> bool:
        """A fresh connection answers and the table is there (within two seconds)."""
        try:
            with self._connect(2) as conn:
                conn.execute("SELECT 1 FROM events LIMIT 1").fetchall()
            return True
        except Exception as exc:
            log.debug("events: %s is not usable: %s", self.description, exc)
            return False

    def close(self) -> None:
        self._connections.close_all()


def open_store(settings: Settings) -> EventStore:
    """PostgreSQL when DATABASE_URL says postgresql://, SQLite (DATABASE_URL sqlite:///PATH, or
    DATA_DIR/events.sqlite3) otherwise; a `NullStore` when the settings name neither."""
    url = settings.database_url
    if url and url.startswith(POSTGRES_SCHEMES):
        return PostgresStore(url)
    if url and url.startswith("sqlite:///"):
        return SQLiteStore(url.removeprefix("sqlite:///") or SQLITE_FILE)
    if settings.data_dir:
        return SQLiteStore(Path(settings.data_dir) / SQLITE_FILE)
    return NullStore()


# -- the recorder --------------------------------------------------------------------------------


class _Throttle:
    """At most one log line per `every` seconds for a repeating problem."""

    def __init__(self, every: float) -> None:
        self.every = every
        self._last = -math.inf

    def ready(self) -> bool:
        now = time.monotonic()
        if now - self._last < self.every:
            return False
        self._last = now
        return True


@dataclass
class _Counters:
    recorded: int = 0  # record() calls
    written: int = 0  # stored
    dropped: int = 0  # refused: queue full, or recorder closed
    failed: int = 0  # the store failed to take them
    accepted: int = 0  # queued (written + failed + pending)
    failing: int = 0  # lost in the current run of failures


class EventRecorder:
    """Queues events for one background writer; never blocks or raises in `record`.

    Every `record` call ends up counted exactly once in `stats()`: written, failed (the store
    refused the batch, after one retry), dropped (queue full or recorder closed) or pending.
    """

    def __init__(
        self,
        store: EventStore,
        salt: bytes | None = None,
        max_queue: int = 10_000,
        batch_size: int = 500,
    ) -> None:
        self.store = store
        self._salt = salt if salt else secrets.token_bytes(32)
        self._max_queue = max_queue
        self._batch_size = batch_size
        self._closed = False
        self._log_failure = _Throttle(10.0)
        self._log_drop = _Throttle(10.0)
        self._reset()
        _register(self)

    def _reset(self) -> None:
        """Fresh locks, queue and counters: at start, and in a child after fork."""
        self._lock = threading.Lock()
        self._settled = threading.Condition(self._lock)
        self._queue: queue.Queue[Event | None] = queue.Queue(self._max_queue)
        self._counters = _Counters()
        self._thread: threading.Thread | None = None
        self._pid = os.getpid()

    def caller_hash(self, caller_id: str | None) -> str | None:
        return caller_hash(self._salt, caller_id)

    # -- the answer path ----------------------------------------------------------------------

    def record(self, event: Event) -> None:
        """Queue an event for writing. Never blocks, never raises."""
        try:
            reason = None
            dropped = 0
            with self._lock:
                c = self._counters
                c.recorded += 1
                if self._closed:
                    reason = "the recorder is closed"
                elif isinstance(self.store, NullStore):  # nothing to keep: no thread needed
                    c.accepted += 1
                    c.written += 1
                else:
                    self._ensure_writer()
                    try:
                        self._queue.put_nowait(event)
                        c.accepted += 1
                    except queue.Full:
                        reason = "the queue is full (the store is slow or down)"
                if reason is not None:
                    c.dropped += 1
                    dropped = c.dropped
            if reason is not None and self._log_drop.ready():
                log.warning("events: event dropped: %s (%d dropped so far)", reason, dropped)
        except Exception:
            log.exception("events: could not record an event")

    def _ensure_writer(self) -> None:  # called with the lock held
        if self._thread is None or self._pid != os.getpid():
            self._pid = os.getpid()
            self._thread = threading.Thread(target=self._run, name="angiovoice-events", daemon=True)
            self._thread.start()

    # -- the writer thread --------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            batch: list[Event] = []
            stop = False
            item = self._queue.get()
            while item is not None:
                batch.append(item)
                if len(batch) >= self._batch_size:
                    break
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
            else:
                stop = True
            if batch:
                self._write(batch)
            if stop:
                return

    def _write(self, batch: list[Event]) -> None:
        error: Exception | None = None
        for _attempt in range(2):  # a dropped connection gets one fresh one
            try:
                self.store.write(batch)
                error = None
                break
            except Exception as exc:
                error = exc
        with self._lock:
            c = self._counters
            recovered = error is None and c.failing
            lost_in_outage = c.failing
            if error is None:
                c.written += len(batch)
                c.failing = 0
            else:
                c.failed += len(batch)
                c.failing += len(batch)
            failed = c.failed
            self._settled.notify_all()
        if error is not None and self._log_failure.ready():
            log.error(
                "events: %s write failed, %d events lost (%d so far); answers are not "
                "affected: %s: %s",
                self.store.description,
                len(batch),
                failed,
                type(error).__name__,
                str(error).strip()[:300],
            )
        elif recovered:
            log.warning(
                "events: %s takes writes again; %d events were lost while it failed",
                self.store.description,
                lost_in_outage,
            )

    # -- flushing and shutdown ----------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        """Counters for metrics: recorded = written + failed + dropped + pending."""
        with self._lock:
            c = self._counters
            return {
                "recorded": c.recorded,
                "written": c.written,
                "failed": c.failed,
                "dropped": c.dropped,
                "pending": c.accepted - c.written - c.failed,
            }

    def health(self) -> bool:
        """Whether the store is usable now (see the store's `health`)."""
        return self.store.health()

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until every event recorded so far is written or counted as failed."""
        with self._lock:
            target = self._counters.accepted
            if self._thread is None or self._pid != os.getpid():
                return self._settled_count() >= target
            return self._settled.wait_for(lambda: self._settled_count() >= target, timeout)

    def _settled_count(self) -> int:
        return self._counters.written + self._counters.failed

    def close(self, timeout: float = 5.0) -> None:
        """Stop taking events, write what is queued (waiting up to `timeout`), close the store."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            thread = self._thread if self._pid == os.getpid() else None
        deadline = time.monotonic() + timeout
        if thread is not None:
            with contextlib.suppress(queue.Full):  # the stop mark goes after what is queued
                self._queue.put(None, timeout=timeout)
            thread.join(max(0.0, deadline - time.monotonic()))
        stats = self.stats()
        if thread is not None and thread.is_alive():
            log.error(
                "events: %s did not finish in %.0f s; %d events not written",
                self.store.description,
                timeout,
                stats["pending"],
            )
        else:
            try:
                self.store.close()
            except Exception:
                log.exception("events: closing %s failed", self.store.description)
        _unregister(self)
        log.info("events: closed %s: %s", self.store.description, stats)

    def _after_fork(self) -> None:
        """In a forked child: the parent's queue, thread and locks are the parent's."""
        closed = self._closed
        self._reset()
        self._closed = closed


# -- every live recorder, for exit hooks and fork ------------------------------------------------

_live: weakref.WeakSet[EventRecorder] = weakref.WeakSet()
_live_lock = threading.Lock()


def _register(recorder: EventRecorder) -> None:
    with _live_lock:
        _live.add(recorder)


def _unregister(recorder: EventRecorder) -> None:
    with _live_lock:
        _live.discard(recorder)


def close_all(timeout: float = 5.0) -> None:
    """Flush and close every recorder in this process: at exit (atexit), and from gunicorn's
    worker_exit and on_exit hooks (see angiovoice.server). Safe to call more than once."""
    with _live_lock:
        recorders = list(_live)
    for recorder in recorders:
        try:
            recorder.close(timeout)
        except Exception:
            log.exception("events: closing a recorder failed")


def _after_fork_in_child() -> None:
    global _live_lock
    _live_lock = threading.Lock()
    for recorder in list(_live):
        recorder._after_fork()


atexit.register(close_all)
os.register_at_fork(after_in_child=_after_fork_in_child)


def open_recorder(settings: Settings) -> EventRecorder:
    """The app's recorder: the configured store and caller-hash salt. A store or salt that
    cannot be set up is logged and costs events (or stable hashes), never the app's start."""
    store = open_store(settings)
    usable = True
    if isinstance(store, SQLiteStore):
        try:
            store.create()
        except (sqlite3.Error, OSError) as exc:
            usable = False  # said once, below: not also "keeping events in" it
            log.error(
                "events: cannot create %s; events are lost until it can be: %s",
                store.description,
                exc,
            )
    salt: bytes | None = None
    try:
        salt = load_salt(settings)
    except OSError as exc:
        if not isinstance(store, NullStore):
            log.error(
                "events: no caller-hash salt (%s); using one for this process only, so the "
                "same caller hashes differently after a restart",
                exc,
            )
    if usable:
        log.info("events: keeping events in %s", store.description)
    return EventRecorder(store, salt)
