"""The downloadable templates' example row imports cleanly where the admin works,
in a world built like the demo (issue 7)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from impulsa.accounts import demo
from impulsa.accounts.models import ImportJob, User
from impulsa.org.models import Membership
from tests.conftest import verified_client
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/importaciones/plantilla.csv", "plantilla.csv"),
        ("/importaciones/plantilla.xlsx", "p.xlsx"),
    ],
)
def test_the_templates_example_row_imports_into_the_demo_without_errors(client, url, name):
    demo.seed()
    admin = User.objects.get(username="admin.gdl1")
    admin.set_password(PASSWORD)
    admin.save()
    client = verified_client(client, admin)
    template = client.get(url)
    assert template.status_code == 200

    response = client.post(
        "/importaciones/nueva/",
        {
            "institution": Membership.objects.get(user=admin).institution_id,
            "file": SimpleUploadedFile(name, template.content),
        },
    )
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.errors == []
    assert job.status == ImportJob.Status.DONE
    assert job.created_count == 1
