"""Staff pages for enrollment: the course catalog, a course's enrolled students,
enrolling one student or many, withdrawing and enrolling again (thin: forms +
enrollments.py). A course's page lists every enrollment, withdrawn ones included, as
the course's history; a student whose last enrollment ended can be enrolled again.

Courses come from `selectors.offered_courses` and enrollments from the scoped
selectors, so a course not offered to the viewer, or an enrollment of a campus they
do not follow, answers 404; a viewer without the capability gets 403.
"""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from impulsa.accounts.api import selectors as people
from impulsa.core.errors import AccessDenied, Conflict
from impulsa.core.forms import attempt
from impulsa.learning import enrollments, selectors
from impulsa.learning.enrollment_forms import (
    BulkEnrollForm,
    EnrollForm,
    EnrollmentFilterForm,
    StudentSearchForm,
    managed_students,
)
from impulsa.learning.models import (
    ActivityProgress,
    CourseVersion,
    Enrollment,
    EnrollmentStatus,
    Program,
    ProgressStatus,
)
from impulsa.org.api import Capability, has_anywhere, institution_ids, offering_ids

PAGE_SIZE = 50
SEARCH_RESULTS = 20


# --- Plumbing ---------------------------------------------------------------------------


def _ensure_staff(user) -> None:
    if not (
        has_anywhere(user, Capability.MANAGE_ENROLLMENT)
        or has_anywhere(user, Capability.VIEW_LEARNING)
    ):
        raise AccessDenied(_("Tu rol no da acceso a las inscripciones."))


def _ensure_enroller(user) -> None:
    if not has_anywhere(user, Capability.MANAGE_ENROLLMENT):
        raise AccessDenied(_("Tu rol no permite inscribir alumnos."))


def _offered(user):
    """Courses offered where the user follows or enrolls students."""
    return selectors.offered_courses(user, Capability.VIEW_LEARNING) | selectors.offered_courses(
        user, Capability.MANAGE_ENROLLMENT
    )


def _course_for_enrolling(user, course_id):
    _ensure_enroller(user)
    return get_object_or_404(
        selectors.offered_courses(user, Capability.MANAGE_ENROLLMENT), pk=course_id
    )


def _outline_keys(outline: dict) -> frozenset[str]:
    return frozenset(
        activity["key"]
        for unit in outline.get("units", [])
        for lesson in unit.get("lessons", [])
        for activity in lesson.get("activities", [])
    )


def _percent_done(enrollment, keys: frozenset[str]) -> int:
    """Completed activities of the enrollment's version, as a whole percentage."""
    if not keys:
        return 0
    done = sum(1 for p in enrollment.completed if str(p.activity_key) in keys)
    return round(100 * done / len(keys))


# --- Catalog ----------------------------------------------------------------------------


def _sections(courses) -> list[dict]:
    """Courses grouped as the catalog shows them: Propedéutico in order (one course
    per area), Asesorías by semester, the dual courses in one list."""
    by_program = {program: [] for program in Program.values}
    for course in courses:
        by_program[course.program].append(course)
    prope = sorted(by_program[Program.PROPEDEUTICO], key=lambda c: c.number or 0)
    ases = sorted(by_program[Program.ASESORIAS], key=lambda c: (c.semester or 0, c.number or 0))
    dual = by_program[Program.DUAL]
    return [
        {"title": Program.PROPEDEUTICO.label, "groups": [("", prope)] if prope else []},
        {
            "title": Program.ASESORIAS.label,
            "groups": [
                (
                    _("%(n)s.º semestre") % {"n": semester} if semester else _("Sin semestre"),
                    list(rows),
                )
                for semester, rows in groupby(ases, key=lambda c: c.semester)
            ],
        },
        {"title": Program.DUAL.label, "groups": [("", dual)] if dual else []},
    ]


@login_required
@require_safe
def catalog(request):
    user = request.user
    _ensure_staff(user)
    enrolled = (
        selectors.visible_enrollments(user)
        .filter(course=OuterRef("pk"))
        .exclude(status=EnrollmentStatus.WITHDRAWN)
        .order_by()
        .values("course")
        .annotate(n=Count("student", distinct=True))
        .values("n")
    )
    courses = (
        _offered(user)
        .defer("published__outline", "description")
        .annotate(enrolled=Coalesce(Subquery(enrolled, output_field=IntegerField()), Value(0)))
    )
    return render(request, "learning/enrollment/catalog.html", {"sections": _sections(courses)})


# --- A course's enrollments ---------------------------------------------------------------


@login_required
@require_safe
def course_enrollments(request, course_id):
    user = request.user
    _ensure_staff(user)
    course = get_object_or_404(_offered(user).defer("published__outline"), pk=course_id)
    filters = EnrollmentFilterForm(request.GET or None)
    later = Enrollment.objects.filter(
        student_id=OuterRef("student_id"), course_id=course.pk, pk__gt=OuterRef("pk")
    )
    rows = (
        selectors.visible_enrollments(user)
        .filter(course=course)
        .annotate(superseded=Exists(later))
        .select_related("student__student_profile", "campus")
        .prefetch_related(
            Prefetch(
                "progress",
                queryset=ActivityProgress.objects.filter(status=ProgressStatus.COMPLETED).only(
                    "enrollment_id", "activity_key"
                ),
                to_attr="completed",
            )
        )
        # In the order of the user_name_order index (names, then id), newest first per student.
        .order_by(
            "student__last_name",
            "student__second_last_name",
            "student__first_name",
            "student_id",
            "-pk",
        )
    )
    if filters.is_valid() and filters.cleaned_data["status"]:
        rows = rows.filter(status=filters.cleaned_data["status"])
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    versions = {
        v.pk: _outline_keys(v.outline)
        for v in CourseVersion.objects.filter(pk__in={e.version_id for e in page})
    }
    manages = institution_ids(user, Capability.MANAGE_ENROLLMENT)
    return render(
        request,
        "learning/enrollment/course.html",
        {
            "course": course,
            "filters": filters,
            "page": page,
            "rows": [
                (
                    e,
                    _percent_done(e, versions[e.version_id]),
                    e.campus_id in manages,
                    _can_reenroll(e, course, manages),
                )
                for e in page
            ],
            "can_enroll": course.institution_id in offering_ids(user, Capability.MANAGE_ENROLLMENT),
            "shows_campus": len(institution_ids(user, Capability.VIEW_LEARNING)) > 1,
        },
    )


def _can_reenroll(enrollment, course, manages) -> bool:
    """Offer "Inscribir de nuevo" on a student's latest enrollment once it ended, to
    a viewer who enrolls students of the student's campus today (which an import
    may have changed since)."""
    profile = getattr(enrollment.student, "student_profile", None)
    return (
        enrollment.status != EnrollmentStatus.ACTIVE
        and not enrollment.superseded
        and course.published_id is not None
        and profile is not None
        and profile.campus_id in manages
    )


# --- Enrolling ----------------------------------------------------------------------------


def _search(viewer, form, course) -> list[tuple]:
    """(profile, status of their latest enrollment in the course or None) for the
    students the viewer enrolls whose matrícula or name matches the search."""
    if not form.is_valid() or not form.cleaned_data["q"].strip():
        return []
    criteria = people.PeopleFilter(text=form.cleaned_data["q"])
    # The first results in name order, picked inside the search itself (its trigram
    # index, then the name order): as a subquery the planner misjudges the matches.
    first = list(
        people.search_people(viewer, criteria)
        .filter(student_profile__campus__in=institution_ids(viewer, Capability.MANAGE_ENROLLMENT))
        .values_list("pk", flat=True)[:SEARCH_RESULTS]
    )
    found = list(
        managed_students(viewer)
        .filter(user__in=first)
        .order_by("user__last_name", "user__second_last_name", "user__first_name", "user_id")
    )
    latest = dict(
        selectors.manageable_enrollments(viewer)
        .filter(course=course, student__in=[p.user_id for p in found])
        .order_by("student_id", "-pk")
        .distinct("student_id")
        .values_list("student_id", "status")
    )
    return [(profile, latest.get(profile.user_id)) for profile in found]


def _previous(viewer, course, matricula: str):
    """The latest enrollment in `course` of the student the form names, when they
    had one: the page says that enrolling again starts a new enrollment."""
    if not matricula:
        return None
    profile = managed_students(viewer).filter(matricula=matricula).first()
    if profile is None:
        return None
    return (
        selectors.manageable_enrollments(viewer)
        .filter(student_id=profile.user_id, course=course)
        .select_related("student")
        .order_by("-pk")
        .first()
    )


@login_required
@require_http_methods(["GET", "POST"])
def enroll(request, course_id):
    user = request.user
    course = _course_for_enrolling(user, course_id)
    search = StudentSearchForm(request.GET or None)
    initial = {"matricula": request.GET.get("matricula", "")[:20]}
    form = EnrollForm(
        request.POST if request.method == "POST" else None, viewer=user, initial=initial
    )
    previous = _previous(user, course, (request.POST or initial).get("matricula", "").strip())
    if request.method == "POST" and form.is_valid():
        enrolled = attempt(
            form,
            enrollments.enroll,
            actor=user,
            student=form.student,
            course=course,
            reason=form.cleaned_data["reason"],
            due_on=form.cleaned_data["due_on"],
        )
        if enrolled:
            done = (
                _("%(name)s quedó inscrito de nuevo en «%(course)s»; su avance anterior se "
                  "conserva en el historial.")
                if previous is not None
                else _("%(name)s quedó inscrito en «%(course)s».")
            )  # fmt: skip
            messages.success(
                request, done % {"name": form.student.get_full_name(), "course": course.name}
            )
            return redirect("enrollment:course", course_id=course.pk)
    return render(
        request,
        "learning/enrollment/enroll.html",
        {
            "course": course,
            "search": search,
            "results": _search(user, search, course),
            "form": form,
            "previous": previous,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def enroll_bulk(request, course_id):
    """Two steps: "Revisar" shows how many students would be enrolled; "Inscribir"
    (the same data plus `confirm`) enrolls them all or none."""
    user = request.user
    course = _course_for_enrolling(user, course_id)
    form = BulkEnrollForm(request.POST if request.method == "POST" else None, viewer=user)
    if request.method == "POST" and form.is_valid():
        students = form.students()
        if "confirm" not in request.POST:
            already = (
                selectors.manageable_enrollments(user)
                .filter(course=course, student__in=students, status=EnrollmentStatus.ACTIVE)
                .count()
            )
            return render(
                request,
                "learning/enrollment/bulk_confirm.html",
                {
                    "course": course,
                    "form": form,
                    "total": len(students),
                    "new": len(students) - already,
                    "already": already,
                },
            )
        result = attempt(
            form,
            enrollments.enroll_many,
            actor=user,
            students=students,
            course=course,
            reason=form.cleaned_data["reason"],
            due_on=form.cleaned_data["due_on"],
        )
        if result:
            messages.success(
                request,
                _(
                    "Inscripción masiva en «%(course)s»: %(created)s nuevas, %(already)s ya estaban inscritos."
                )
                % {"course": course.name, "created": result.created, "already": result.already},
            )
            return redirect("enrollment:course", course_id=course.pk)
    return render(request, "learning/enrollment/bulk.html", {"course": course, "form": form})


# --- Withdrawing --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, enrollment_id):
    user = request.user
    _ensure_enroller(user)
    enrollment = get_object_or_404(
        selectors.manageable_enrollments(user).select_related("student", "course"),
        pk=enrollment_id,
    )
    if request.method == "POST":
        try:
            enrollments.withdraw(actor=user, enrollment=enrollment)
        except Conflict as error:  # already withdrawn (a second click, another tab)
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Se dio de baja a %(name)s de «%(course)s».")
                % {"name": enrollment.student.get_full_name(), "course": enrollment.course.name},
            )
        return redirect("enrollment:course", course_id=enrollment.course_id)
    return render(request, "learning/enrollment/withdraw.html", {"enrollment": enrollment})
