"""Per-process caches that every process drops on the next request after their data
changes.

A cache depends on named versions ("org.tree", "org.memberships", ...). PostgreSQL
moves a name's version itself: a trigger on each table behind the name (added by the
owning app's migration) runs after every statement that writes the table (insert, update, delete, truncate) and sets the version to the next value of
a sequence. So nothing can forget to bump: services, the admin, bulk updates, imports
and a psql session all count, and a version becomes visible to other processes exactly
when the transaction that changed the data commits. Sequence values are never handed
out twice, so a value computed inside a transaction that later rolls back sits under a
version no one will see again.

Why the database and not Redis: a trigger can only write the database, and a version
bumped by application code (even on commit) is a bump someone forgets. Reading the
versions is one query for all names, once per request (CacheVersionsMiddleware), the
same round trip a Redis read would cost, and it replaces the per-request queries the
caches save. Each name has SHARDS rows, written by backend (pid modulo SHARDS): two
transactions writing the same table from different connections rarely wait for each
other's commit on one version row.

Within a request the snapshot is re-read after the request itself writes anything
(an execute wrapper watches its statements), so a page sees its own changes; outside
a request (tasks, commands, shell) every lookup reads the versions afresh.

Values are computed after the versions were read, so a cached value is never older
than the versions it is filed under. Callers must not modify what a cache returns.

The per-process caches and what they follow:
- org/tree_cache.py (root, inactive nodes, branding, custom domains): "org.tree";
- org/access.py (each user's grants; the institutions below a set of paths):
  "org.tree", "org.memberships";
- accounts/signin/authentication.py (the signed-in user's row): "accounts.users";
- accounts/signin/gates.py (the device a session was verified with): "accounts.otp";
- core/navigation.py and core/templatetags/chrome.py (visible entries, the rendered
  bar): "org.tree", "org.memberships"; URLs and static files' URLs: no version, they
  change only with the code;
- learning/published.py, assessment/published_items.py (published versions and the
  item versions they froze): no version, a publication is immutable (a new one is a
  new version, hence a new key);
- learning/markdown.py (the parser; the HTML of short texts): no version, the output
  depends on nothing but the input;
- core/crypto.py (derived field keys): no version, keyed by the keys in the settings,
  which change only with a restart.
"""

from contextvars import ContextVar

from django.db import connection

SHARDS = 8

# Statements that may write (a WITH may hold an INSERT); COPY bypasses Django's cursor,
# so whoever copies calls refresh() (org.tree_cache.invalidate does).
_WRITES = ("INSERT", "UPDATE", "DELETE", "TRUNCATE", "MERGE", "WITH")

# The request's versions: None outside a request, {} when (re)reading is due.
_snapshot: ContextVar[dict[str, tuple[int, ...]] | None] = ContextVar(
    "impulsa_cache_versions", default=None
)


def _read() -> dict[str, tuple[int, ...]]:
    _watched()  # known before the request's first write
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, shard, version FROM core_cacheversion ORDER BY name, shard")
        rows = cursor.fetchall()
    versions: dict[str, tuple[int, ...]] = {}
    for name, _shard, version in rows:
        versions[name] = (*versions.get(name, ()), version)
    return versions


def current(names: tuple[str, ...]) -> tuple[tuple[int, ...], ...] | None:
    """The versions of `names` for this request, or None when one is unknown (then
    nothing may be cached under them)."""
    if not names:
        return ()
    versions = _snapshot.get()
    if not versions:
        versions = _read()
        if _snapshot.get() is not None:
            _snapshot.set(versions)
    found = tuple(versions.get(name) for name in names)
    return None if None in found else found


class ProcessCache:
    """Values kept by this process while the named versions they depend on stay the
    same; at most `maxsize` of them (emptied, not evicted one by one, when full)."""

    def __init__(self, *names: str, maxsize: int = 10_000):
        self.names = names
        self.maxsize = maxsize
        # (versions, values), replaced as a whole so threads never see a half-cleared memo.
        self._state: tuple[object, dict] = (None, {})

    def get(self, key, compute):
        versions = current(self.names)
        if versions is None:
            return compute()
        stamp, values = self._state
        if stamp != versions:
            values = {}
            self._state = (versions, values)
        try:
            return values[key]
        except KeyError:
            pass
        value = compute()
        if len(values) >= self.maxsize:
            values.clear()
        values[key] = value
        return value

    def clear(self) -> None:
        self._state = (None, {})


def refresh() -> None:
    """Make this request read the versions again at its next lookup (after a write)."""
    if _snapshot.get() is not None:
        _snapshot.set({})


_watched_tables: tuple[str, ...] | None = None


def _watched() -> tuple[str, ...]:
    """The tables whose writes move a version (read once per process from the catalog:
    the migrations that add triggers run before the processes that serve)."""
    global _watched_tables
    if _watched_tables is None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " WHERE t.tgname LIKE '%%bumps_cache_version'"
            )
            _watched_tables = tuple(row[0] for row in cursor.fetchall())
    return _watched_tables


def _watch_writes(execute, sql, params, many, context):
    # A page that writes only other tables (the player's events) keeps its snapshot.
    if sql.lstrip()[:8].upper().startswith(_WRITES) and any(t in sql for t in _watched()):
        refresh()
    return execute(sql, params, many, context)


class CacheVersionsMiddleware:
    """Reads the versions at most once per request (lazily, on the first cache lookup),
    and again after the request writes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _snapshot.set({})
        try:
            with connection.execute_wrapper(_watch_writes):
                return self.get_response(request)
        finally:
            _snapshot.reset(token)
