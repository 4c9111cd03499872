"""seed_demo's ops step leaves one real backup for the operators' page, once a day."""

import pytest

from impulsa.ops import demo
from impulsa.ops.backups.models import Backup


@pytest.mark.django_db(transaction=True)
def test_the_demo_backs_up_once_a_day():
    lines = demo.seed()
    assert lines and lines[0].startswith("Respaldo de demostración: impulsa-")
    assert Backup.objects.get().status == Backup.Status.OK
    assert demo.seed() == []
    assert Backup.objects.count() == 1
