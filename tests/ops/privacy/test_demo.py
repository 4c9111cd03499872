"""The demo publishes the notice and leaves ARCO requests in different steps, once."""

from impulsa.ops.privacy.demo import seed
from impulsa.ops.privacy.models import ArcoRequest, ArcoStatus, PrivacyNotice, RetentionClass
from impulsa.org.roles import Role
from tests.dual.builders import person
from tests.factories import MembershipFactory, StudentProfileFactory, UserFactory


def test_demo_publishes_the_notice_and_files_requests_once(world):
    world.national_admin.username = "admin.nacional"
    world.national_admin.save()
    person("admin.gdl1", world.campus_a1, Role.CAMPUS_ADMIN)
    for n in range(6):
        student = UserFactory(username=f"demo{n}")
        MembershipFactory(user=student, institution=world.campus_a1, role=Role.STUDENT)
        StudentProfileFactory(user=student, campus=world.campus_a1, career=world.career_a1,
                              group=world.group_a1, matricula=f"2614900{n}")  # fmt: skip
    assert seed()
    assert PrivacyNotice.objects.get().version == 1
    assert "CONALEP" in PrivacyNotice.objects.get().full_text
    statuses = sorted(ArcoRequest.objects.values_list("status", flat=True))
    assert statuses == [ArcoStatus.RECEIVED, ArcoStatus.RECEIVED, ArcoStatus.VERIFIED]
    assert RetentionClass.objects.count() == 2
    seed()
    assert PrivacyNotice.objects.count() == 1 and ArcoRequest.objects.count() == 3
