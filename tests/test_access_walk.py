"""Every URL pattern and API route, walked: anonymous users are sent to log in (or get
401), and users of campus A (or of state A) get 403/404 and none of campus B's data.

New apps fall under this test automatically: a URL keyword argument it does not know
fails the test until an object of campus B is registered for it in `_campus_b_objects`.
"""

import json
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from impulsa.accounts.models import ImportJob
from impulsa.assessment.models import Answer, ItemVersion
from impulsa.audit.models import AuditEntry
from impulsa.learning.models import Attachment, Course, Enrollment, LearningEvent, Unit
from impulsa.org.models import Membership
from tests.learning_builders import build_course, enroll

# Reachable without an account (log-in, password recovery, health, language, API docs).
PUBLIC = {
    "healthz",
    "readyz",
    "set_language",
    "accounts:login",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "api-schema",
    "api-docs",
    "api-token",  # exchanges a password (and TOTP code) for a token
    "public_media",
    "accounts:logout",  # POST-only; signing out needs no account
}
# Objects shared by the whole country (the national school calendar): any staff member
# may read them; changing them is refused below the national office.
NATIONAL_KWARGS = {"period_id"}
# The Django admin is for platform operators (superusers with a TOTP code); it has
# its own log-in and is checked separately below.
SKIPPED_NAMESPACES = {"admin"}


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name, prefix + str(entry.pattern), entry


def _kwarg_names(route: str) -> list[str]:
    names = re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\(\?P<(\w+)>", route)
    return list(dict.fromkeys(names))


def all_routes():
    routes = []
    for name, route, _pattern in _walk(get_resolver().url_patterns):
        top = (name or "").split(":")[0]
        if top in SKIPPED_NAMESPACES or route.startswith("admin/"):
            continue
        routes.append((name, route, _kwarg_names(route)))
    return routes


def test_every_url_pattern_has_a_name():
    unnamed = [route for name, route, _ in all_routes() if not name]
    assert not unnamed, f"name these URL patterns so access tests can reach them: {unnamed}"


def _campus_b_objects(world) -> dict[str, int | str]:
    job = ImportJob.objects.create(
        institution=world.campus_b1,
        created_by=world.charlie,
        original_name="alumnos_toluca.csv",
        status=ImportJob.Status.DONE,
    )
    entry = AuditEntry.objects.filter(institution=world.campus_b1).first()
    assert entry is not None, "the audit log should hold campus B entries"
    built = build_course(world.designer_b, institution=world.state_b, name="Curso de Toluca")
    enrollment = enroll(world.charlie, world.student_b1, built.course)
    attachment = Attachment.objects.create(
        activity=built.content, title="Guía Toluca", file="learning/files/guia-toluca.pdf"
    )
    return {
        "course_id": built.course.pk,
        "unit_id": Unit.objects.get(course=built.course).pk,
        "lesson_id": built.lessons[0].pk,
        "activity_id": built.practice.pk,
        "activity_key": built.practice.key,
        "skill_id": built.skills[0].pk,
        "item_id": built.items["single_choice"].pk,
        "variant_id": built.content.variants.get().pk,
        "attachment_id": attachment.pk,
        "item_version_id": built.items["single_choice"].current_id,
        "fmt": "gift",
        "enrollment_id": enrollment.pk,
        "institution_id": world.campus_b1.pk,
        "career_id": world.student_b1.student_profile.career_id,
        "group_id": world.student_b1.student_profile.group_id,
        "user_id": world.student_b1.pk,
        "membership_id": Membership.objects.get(user=world.student_b1).pk,
        "job_id": job.pk,
        "entry_id": entry.pk,
        "period_id": world.group_a1.period_id,
    }


def _markers(world) -> list[str]:
    """Strings that only campus B's data would put in a response."""
    student = world.student_b1
    return [
        world.campus_b1.name,
        world.campus_b1.code,
        student.username,
        student.get_full_name(),
        world.charlie.username,
        "alumnos_toluca.csv",
        "Curso de Toluca",
        "Guía Toluca",
    ]


def _url(name, kwargs_names, objects):
    missing = [k for k in kwargs_names if k not in objects]
    assert not missing, (
        f"{name}: URL kwarg(s) {missing} unknown to the access walk; register a campus B "
        "object for them in tests/test_access_walk.py::_campus_b_objects"
    )
    return reverse(name, kwargs={k: objects[k] for k in kwargs_names})


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_log_in_or_get_401(client, world):
    objects = _campus_b_objects(world)
    checked = 0
    for name, _route, kwarg_names in all_routes():
        if name in PUBLIC:
            continue
        url = _url(name, kwarg_names, objects)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if url.startswith("/api/"):
                assert response.status_code == 401, (
                    f"{method.upper()} {url}: {response.status_code}"
                )
            else:
                assert response.status_code == 302, (
                    f"{method.upper()} {url}: {response.status_code}"
                )
                assert response.headers["Location"].startswith("/cuenta/entrar/"), url
            checked += 1
    assert checked > 10


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", ["alice", "state_admin_a", "teacher_a1", "student_a1"])
def test_users_of_campus_a_get_nothing_of_campus_b(login, world, viewer):
    objects = _campus_b_objects(world)
    markers = _markers(world)
    client = login(getattr(world, viewer))
    before = _snapshot()
    for name, _route, kwarg_names in all_routes():
        if name in PUBLIC:
            continue
        url = _url(name, kwarg_names, objects)
        response = client.get(url)
        body = _text(response)
        if kwarg_names and not set(kwarg_names) <= NATIONAL_KWARGS:
            assert response.status_code in (403, 404, 405), (
                f"{viewer} GET {url} answered {response.status_code}"
            )
        else:
            assert response.status_code in (200, 302, 403, 404, 405), (
                f"{viewer} GET {url} answered {response.status_code}"
            )
        leaked = [m for m in markers if m in body]
        assert not leaked, f"{viewer} GET {url} shows campus B data: {leaked}"
        if kwarg_names:
            response = client.post(url, {})
            assert response.status_code in (403, 404, 405), (
                f"{viewer} POST {url} answered {response.status_code}"
            )
            assert not [m for m in markers if m in _text(response)], url
    assert _snapshot() == before, "a refused request changed campus B's data"


def _text(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    content = response.content.decode(errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        # JSON escapes non-ASCII; compare on the decoded text.
        try:
            return json.dumps(json.loads(content), ensure_ascii=False)
        except ValueError:
            return content
    return content


def _snapshot():
    from impulsa.accounts.models import StudentProfile, User
    from impulsa.org.models import Career, Group, Institution

    return (
        list(Institution.objects.order_by("pk").values()),
        list(Career.objects.order_by("pk").values()),
        list(Group.objects.order_by("pk").values()),
        list(Membership.objects.order_by("pk").values_list("pk", "user_id", "role")),
        list(User.objects.order_by("pk").values_list("pk", "is_active", "email", "password")),
        list(StudentProfile.objects.order_by("pk").values()),
        list(Course.objects.order_by("pk").values()),
        list(Enrollment.objects.order_by("pk").values()),
        list(ItemVersion.objects.order_by("pk").values_list("pk", "item_id", "body")),
        Answer.objects.count(),
        LearningEvent.objects.count(),
    )


@pytest.mark.django_db
def test_django_admin_is_closed_to_school_staff(login, world):
    client = login(world.alice)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/")
    response = client.get(f"/admin/accounts/user/{world.student_b1.pk}/change/")
    assert response.status_code == 302
