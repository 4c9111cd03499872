"""A per-process cache of the item versions that published activities show.

The items of a published version never change: a version frozen into a published
activity is immutable (bank.services.update_item adds a new version instead), so
each process may keep it for its whole life and no other process ever needs to
hear of a change. Draft previews read the database: a draft's version can still
change.
"""

from impulsa.assessment.models import ItemVersion

# Far more than the versions of every published course; a bound all the same.
_LIMIT = 20_000
_versions: dict[int, ItemVersion] = {}


def versions(ids) -> dict[int, ItemVersion]:
    """The item versions of `ids` (item loaded); ids must come from a published
    activity's frozen list."""
    missing = [pk for pk in ids if pk not in _versions]
    if missing:
        if len(_versions) > _LIMIT:
            _versions.clear()
        for version in ItemVersion.objects.select_related("item").filter(pk__in=missing):
            _versions[version.pk] = version
    found = {pk: _versions.get(pk) for pk in ids}
    return {pk: version for pk, version in found.items() if version is not None}


def forget() -> None:
    _versions.clear()
