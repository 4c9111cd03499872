"""The blocks and retention page, scoped to the staff member's campuses."""

import datetime

from django.utils import timezone

from impulsa.accounts.models import User
from impulsa.ops.privacy.retention import apply_retention


def test_staff_see_their_campus_blocks_and_the_retention_classes(world, login):
    long_ago = timezone.now() - datetime.timedelta(days=365 * 6)
    for student in (world.student_a1, world.student_b1):
        User.objects.filter(pk=student.pk).update(
            is_active=False, last_login=long_ago, date_joined=long_ago
        )
    apply_retention()
    page = login(world.alice).get("/privacidad/bloqueos/")
    assert page.status_code == 200
    assert f"anónima {world.student_a1.pk}" in page.text
    assert f"anónima {world.student_b1.pk}" not in page.text
    assert "Cuentas dadas de baja" in page.text
    assert login(world.teacher_a1).get("/privacidad/bloqueos/").status_code == 403
