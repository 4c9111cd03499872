import pytest

from impulsa.dual.demo_data import seed_dual
from impulsa.dual.models import Company, Incident, LogbookEntry, Placement
from impulsa.org.roles import Role
from tests.dual.builders import person

pytestmark = pytest.mark.django_db


def test_demo_builds_companies_placements_logbooks_and_incidents_once(world):
    person("admin.gdl1", world.campus_a1, Role.CAMPUS_ADMIN)
    person("tutor.gdl1", world.campus_a1, Role.DUAL_TUTOR)
    person("instructor.gdl1", world.campus_a1, Role.COMPANY_INSTRUCTOR)
    seed_dual()
    assert Company.objects.filter(status="approved").count() == 3
    assert Company.objects.filter(status="pending").count() == 1
    assert Placement.objects.filter(status="active").exists()
    assert LogbookEntry.objects.filter(status="accepted").exists()
    assert Incident.objects.exists()
    assert seed_dual() == ["dual: ya había datos (o falta el plantel de demostración)"]
