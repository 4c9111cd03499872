"""A published course with a timed exam (fixed items plus a random pool), a student
enrolled and a session open now: what the proctoring tests start from."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from impulsa.assessment.bank import services as items
from impulsa.learning.authoring import services as authoring
from impulsa.learning.models import PublishedActivity
from impulsa.learning.publishing import services as publishing
from impulsa.proctoring.rules.base import Client
from impulsa.proctoring.scheduling import services as scheduling
from impulsa.proctoring.setup import services as setup
from tests.learning_builders import build_course, enroll, make_item

DEVICE = "phone-one"


@dataclass
class BuiltExam:
    course: object
    activity: object  # the draft exam activity
    published: object  # its PublishedActivity in the course's current version
    fixed: list  # item versions every student sees
    pool: list  # item versions the pool draws from
    session: object
    enrollment: object
    built: object  # the course's other parts (tests.learning_builders.BuiltCourse)


def build_exam(
    author,
    *,
    institution,
    staff,
    student,
    campus,
    name="Curso con examen",
    time_limit=30,
    attempts=2,
    review="immediately",
    pool_size=3,
    draw=2,
    session_kwargs=None,
    built=None,
    fixed_types=("single_choice", "true_false"),
) -> BuiltExam:
    """`built`: an unpublished course to add the exam to (default: a new one)."""
    built = built or build_course(author, institution=institution, name=name, publish=False)
    course, skill = built.course, built.skills[0]
    exam = authoring.create_activity(
        actor=author, lesson=built.lessons[1], kind="exam", title="Examen parcial"
    )
    fixed = [built.items[t] for t in fixed_types]
    items.set_activity_items(actor=author, activity=exam, items=fixed)
    pool = [
        make_item(author, course, t, skills=[skill], name=f"Banco {n}")
        for n, t in enumerate(["numeric", "short_answer", "single_choice"][:pool_size])
    ]
    setup.set_policy(
        actor=author,
        activity=exam,
        time_limit_minutes=time_limit,
        max_attempts=attempts,
        cooldown_minutes=0,
        passing_grade=Decimal(6),
        review=review,
        shuffle_items=True,
        shuffle_choices=True,
    )
    setup.add_draw(actor=author, activity=exam, count=draw, skill=skill)
    publishing.publish(actor=author, course=course)
    course.refresh_from_db()
    enrollment = enroll(staff, student, course)
    published = PublishedActivity.objects.get(version=course.published, key=exam.key)
    now = timezone.now()
    plan = scheduling.SessionPlan(
        campus=campus,
        course=course,
        activity_key=exam.key,
        title="Parcial 1",
        opens_at=now - timedelta(minutes=5),
        closes_at=now + timedelta(hours=2),
        **(session_kwargs or {}),
    )
    session = scheduling.schedule_session(actor=staff, plan=plan)
    return BuiltExam(
        course=course,
        activity=exam,
        published=published,
        fixed=[i.current_id for i in fixed],
        pool=[i.current_id for i in pool],
        session=session,
        enrollment=enrollment,
        built=built,
    )


def client(device=DEVICE, ip="10.0.0.5", code="", url="", headers=None) -> Client:
    return Client(ip=ip, device=device, url=url, headers=headers or {}, access_code=code)
