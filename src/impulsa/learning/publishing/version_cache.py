"""A per-process cache of published versions: their outlines and activities.

It needs no invalidation and no shared version number, unlike the other per-process
caches: a CourseVersion and its PublishedActivity rows never change once written
(publishing a course writes a new version with a new id; nothing in the product
updates or deletes them), so what a process remembers stays true as long as it
lives. The player's pages then skip a query and the JSON decoding of outlines and
rendered content on every request. Callers must not modify what they get.
"""

from functools import lru_cache

from impulsa.learning.models import CourseVersion, PublishedActivity


@lru_cache(maxsize=128)
def outline(version_id: int) -> dict:
    return CourseVersion.objects.values_list("outline", flat=True).get(pk=version_id)


@lru_cache(maxsize=4096)
def _activity(version_id: int, key: str) -> PublishedActivity | None:
    return PublishedActivity.objects.filter(version_id=version_id, key=key).first()


def activity(version_id: int, key) -> PublishedActivity | None:
    """The activity `key` as published in that version, or None."""
    return _activity(version_id, str(key))


def forget() -> None:
    """Tests that roll back what they published call this between cases."""
    outline.cache_clear()
    _activity.cache_clear()
