"""The demo's real courses: the official catalog, then the courses written in
demo_content/*.yaml (skills, lessons, content pages, practice and quizzes with their
items), published and with students of the first demo campus enrolled.

Loading goes through the same services a designer's clicks do, so the demo data
obeys every rule the product enforces. A course that already has units is left
as it is: running the demo twice changes nothing.
"""

from pathlib import Path

import yaml
from django.db import transaction

from impulsa.accounts.api import StudentProfile, User
from impulsa.assessment.bank import services as items
from impulsa.learning.api import (
    Course,
    create_activity,
    create_lesson,
    create_skill,
    create_unit,
    enroll_many,
    load_catalog,
    publish_course,
    save_variant,
    set_prerequisites,
    update_course,
)

DEMO_DIR = Path(__file__).parent.parent / "demo_content"
DESIGNER = "disenadora.nacional"
ENROLLER = "admin.gdl1"
# The first campus's students take the leveling courses; a group of them also the
# remedial one, as if they had failed it.
ENROLLMENTS = {"prope-2": 30, "prope-1": 30, "ases-8": 12}


def _course(designer: User, data: dict) -> Course | None:
    course = Course.objects.get(code=data["course"])
    if course.units.exists():
        return None
    update_course(
        actor=designer, course=course, name=course.name, description=data.get("description", "")
    )
    skills = {}
    for entry in data["skills"]:
        skills[entry["code"]] = create_skill(
            actor=designer,
            course=course,
            code=entry["code"],
            name=entry["name"],
            description=entry.get("description", ""),
        )
    for entry in data["skills"]:
        if entry.get("requires"):
            set_prerequisites(
                actor=designer,
                skill=skills[entry["code"]],
                requires=[skills[code] for code in entry["requires"]],
            )
    for unit_data in data["units"]:
        unit = create_unit(actor=designer, course=course, title=unit_data["title"])
        for lesson_data in unit_data["lessons"]:
            lesson = create_lesson(
                actor=designer,
                unit=unit,
                title=lesson_data["title"],
                summary=lesson_data.get("summary", ""),
            )
            for activity_data in lesson_data["activities"]:
                _activity(designer, course, lesson, activity_data, skills)
    publish_course(actor=designer, course=course)
    return course


def _activity(designer, course, lesson, data: dict, skills: dict) -> None:
    activity = create_activity(
        actor=designer,
        lesson=lesson,
        kind=data["kind"],
        title=data["title"],
        skills=[skills[code] for code in data.get("skills", [])],
    )
    for variant in data.get("variants", []):
        save_variant(
            actor=designer,
            activity=activity,
            kind=variant["kind"],
            body=variant.get("body", ""),
            video_url=variant.get("video_url", ""),
        )
    made = [
        items.create_item(
            actor=designer,
            course=course,
            skills=[skills[code] for code in item.get("skills", [])],
            type=item["type"],
            name=item["name"],
            stem=item["stem"],
            body=item["body"],
            general_feedback=item.get("general_feedback", ""),
            hints=item.get("hints", []),
            difficulty=item.get("difficulty"),
        )
        for item in data.get("items", [])
    ]
    if made:
        items.set_activity_items(actor=designer, activity=activity, items=made)


def _enroll(course: Course, count: int) -> int:
    enroller = User.objects.get(username=ENROLLER)
    campus = enroller.memberships.get().institution
    students = [
        p.user
        for p in StudentProfile.objects.filter(campus=campus)
        .exclude(user__enrollments__course=course)
        .select_related("user")
        .order_by("matricula")[: max(0, count - course.enrollments.count())]
    ]
    if not students:
        return 0
    result = enroll_many(actor=enroller, students=students, course=course, reason="Demostración")
    return result.created


@transaction.atomic
def seed() -> list[str]:
    created = load_catalog()
    lines = [f"Catálogo: {created} cursos nuevos."] if created else []
    designer = User.objects.get(username=DESIGNER)
    for path in sorted(DEMO_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        course = _course(designer, data)
        if course is not None:
            lines.append(f"Curso publicado: {course.name}")
    for code, count in ENROLLMENTS.items():
        enrolled = _enroll(Course.objects.get(code=code), count)
        if enrolled:
            lines.append(f"Inscritos en {code}: {enrolled}")
    return lines
