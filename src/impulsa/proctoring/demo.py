"""The demo's exam: a timed partial exam in the first leveling course (fixed items
and a draw from the bank), and a session open today at the first campus, so a
student, a teacher and the campus proctor can each see their part. Running the demo
twice changes nothing."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from impulsa.accounts.api import User
from impulsa.assessment.api import items_of, set_activity_items
from impulsa.learning.api import Activity, Course, create_activity, publish_course
from impulsa.org.api import Role, user_memberships
from impulsa.proctoring.kind_codes import EXAM
from impulsa.proctoring.scheduling.services import SessionPlan, schedule_session
from impulsa.proctoring.setup.services import add_draw, set_policy

COURSE = "prope-2"
DESIGNER = "disenadora.nacional"
SCHEDULER = "docente.gdl1"
TITLE = "Examen parcial: fracciones"


@transaction.atomic
def seed() -> list[str]:
    course = Course.objects.filter(code=COURSE).first()
    if course is None or not course.units.exists():
        return []
    if Activity.objects.filter(lesson__unit__course=course, kind=EXAM).exists():
        return []
    designer = User.objects.get(username=DESIGNER)
    lesson = course.units.order_by("position").last().lessons.order_by("position").last()
    exam = create_activity(actor=designer, lesson=lesson, kind=EXAM, title=TITLE)
    bank = items_of(course, types=("single_choice", "true_false", "multiple_choice"))
    set_activity_items(actor=designer, activity=exam, items=bank[:4])
    set_policy(
        actor=designer, activity=exam, time_limit_minutes=20, max_attempts=2,
        cooldown_minutes=0, passing_grade=Decimal(6), review="immediately",
        shuffle_items=True, shuffle_choices=True,
    )  # fmt: skip
    add_draw(actor=designer, activity=exam, count=min(3, len(bank) - 4))
    publish_course(actor=designer, course=course)
    course.refresh_from_db()
    teacher = User.objects.get(username=SCHEDULER)
    campus = next(m.institution for m in user_memberships(teacher) if m.role == Role.TEACHER)
    today = timezone.localtime().replace(hour=7, minute=0, second=0, microsecond=0)
    schedule_session(
        actor=teacher,
        plan=SessionPlan(
            campus=campus, course=course, activity_key=exam.key, title="Parcial de fracciones",
            opens_at=today, closes_at=today + timedelta(days=30),
        ),
    )  # fmt: skip
    return [f"Examen con sesión abierta: {TITLE} ({campus.name})"]
