"""Loading the official catalog: 5 Propedéutico and 32 Asesorías courses owned by the
national office, idempotent, never deleting."""

from io import StringIO

from django.core.management import call_command

from impulsa.learning.catalog import services as catalog
from impulsa.learning.models import Course, Program
from tests.learning_builders import build_course


def _load() -> str:
    out = StringIO()
    call_command("load_catalog", stdout=out)
    return out.getvalue()


def test_loading_creates_the_37_catalog_courses_owned_by_the_national_office(world):
    assert "37 creados, 0 actualizados" in _load()
    assert Course.objects.filter(program=Program.PROPEDEUTICO).count() == 5
    assert Course.objects.filter(program=Program.ASESORIAS).count() == 32
    assert set(Course.objects.values_list("institution", flat=True)) == {world.national.pk}
    assert not Course.objects.filter(published__isnull=False).exists()


def test_catalog_courses_carry_area_or_semester(world):
    catalog.load()
    prope = Course.objects.filter(program=Program.PROPEDEUTICO)
    assert all(c.area and c.semester is None for c in prope)
    semesters = set(
        Course.objects.filter(program=Program.ASESORIAS).values_list("semester", flat=True)
    )
    assert semesters <= set(range(1, 7)) and None not in semesters


def test_loading_again_updates_names_and_creates_nothing(world):
    catalog.load()
    Course.objects.filter(code="prope-1").update(name="Nombre viejo")
    assert "0 creados, 37 actualizados" in _load()
    assert Course.objects.count() == 37
    assert Course.objects.get(code="prope-1").name != "Nombre viejo"


def test_loading_never_deletes_other_courses(world):
    own = build_course(world.designer, institution=world.national, publish=False).course
    catalog.load()
    assert Course.objects.filter(pk=own.pk).exists()
    assert Course.objects.count() == 38
