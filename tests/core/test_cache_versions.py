"""Per-process caches under versions that PostgreSQL moves on every write."""

from django.db import connection, transaction

from impulsa.core import cache_versions
from impulsa.core.cache_versions import ProcessCache
from impulsa.org.models import Institution


def _tree_version():
    return cache_versions.current(("org.tree",))


def test_every_kind_of_write_moves_the_version(world):
    seen = [_tree_version()]
    Institution.objects.filter(pk=world.campus_a1.pk).update(name="Plantel Centro")
    seen.append(_tree_version())
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM org_institution WHERE id = %s", [world.campus_b1.pk + 10**6])
    seen.append(_tree_version())

    assert len(set(seen)) == 3


def test_a_cached_value_follows_its_version_and_nothing_else(world):
    names = ProcessCache("org.tree")
    calls = []

    def name():
        calls.append(1)
        return Institution.objects.get(pk=world.campus_a1.pk).name

    assert names.get("a1", name) == names.get("a1", name) == world.campus_a1.name
    Institution.objects.filter(pk=world.campus_a1.pk).update(name="Plantel Centro")

    assert names.get("a1", name) == "Plantel Centro"
    assert len(calls) == 2


def test_a_version_is_never_handed_out_twice(world):
    before = _tree_version()
    with transaction.atomic():
        world.campus_a1.save()
        inside = _tree_version()
        transaction.set_rollback(True)

    world.campus_a2.save()

    assert _tree_version() not in (before, inside)


def test_a_request_reads_the_versions_once(world, login):
    client = login(world.alice)
    client.get("/")
    reads = []

    def count(execute, sql, params, many, context):
        reads.extend([sql] if "core_cacheversion" in sql else [])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        assert client.get("/").status_code == 200

    assert len(reads) == 1
