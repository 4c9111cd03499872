"""Item versions shown by published activities, remembered by each process.

A version frozen into a published activity never changes (services.update_item
adds a new version instead), so the player may keep it for the life of the
process. Draft previews read the database: a draft's version can still change.
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
