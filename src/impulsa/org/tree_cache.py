"""Facts about the institution tree that nearly every request needs (branding, the
root, custom domains, deactivated nodes), memoized in each process.

Kept under the "org.tree" cache version (core/cache_versions.py), which a trigger on
the institutions table moves on every write: a change made through one process shows
on every process at its next request, and a request costs no more than the one read
of the versions it shares with every other cache.
"""

from impulsa.core.cache_versions import ProcessCache, refresh

_cache = ProcessCache("org.tree", maxsize=4096)


def get(key: str, compute):
    return _cache.get(key, compute)


def invalidate() -> None:
    """Call after any change to an institution: the trigger has moved the version
    already; this makes the current request read it again even when the write did not
    go through Django's cursor (COPY)."""
    refresh()


def forget() -> None:
    """Drop this process's memo (tests that count the queries of a cold start)."""
    _cache.clear()


def root_institution_id() -> int | None:
    from impulsa.org.models import Institution

    return get(
        "root", lambda: Institution.objects.filter(parent=None).values_list("id", flat=True).first()
    )


def inactive_institution_ids() -> frozenset[int]:
    from impulsa.org.models import Institution

    return get(
        "inactive",
        lambda: frozenset(Institution.objects.filter(is_active=False).values_list("id", flat=True)),
    )
