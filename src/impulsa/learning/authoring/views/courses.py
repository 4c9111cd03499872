"""Designers' pages for courses: the list, a new dual course, the course editor
(the tree of units, lessons and activities) and publishing.

Thin: reads through authoring/selectors.py (scoped: another node's course is 404),
writes through the services and publishing. The structure's small forms live in
views/structure.py, skills in views/skills.py, an activity's page in
views/activities.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from impulsa.core.errors import DomainError
from impulsa.core.forms import attempt
from impulsa.learning.authoring import selectors as queries
from impulsa.learning.authoring import services
from impulsa.learning.authoring.forms import (
    CourseCreateForm,
    CourseEditForm,
    CourseFilterForm,
)
from impulsa.learning.authoring.views.common import posted, require_author
from impulsa.learning.content import kinds as activity_kinds
from impulsa.learning.publishing import services as publishing
from impulsa.org.api import Capability, institution_ids

COURSE_PAGE_SIZE = 60


@login_required
@require_safe
def course_list(request):
    require_author(request.user)
    filters = CourseFilterForm(request.GET)
    program = query = ""
    if filters.is_valid():
        program = filters.cleaned_data["program"]
        query = filters.cleaned_data["q"].strip()
    courses = queries.course_list(request.user, program=program, query=query)
    page = Paginator(courses, COURSE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/authoring/course_list.html",
        {
            "filters": filters,
            "page": page,
            "filtered": bool(program or query),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def course_create(request):
    require_author(request.user)
    form = CourseCreateForm(
        posted(request), institution_ids=institution_ids(request.user, Capability.AUTHOR_CONTENT)
    )
    if request.method == "POST" and form.is_valid():
        course = attempt(form, services.create_course, actor=request.user, **form.cleaned_data)
        if course:
            messages.success(request, _("Se creó el curso «%(name)s».") % {"name": course.name})
            return redirect("authoring:course_detail", course_id=course.pk)
    return render(
        request,
        "learning/authoring/form.html",
        {
            "form": form,
            "title": _("Nuevo curso del Ecosistema Dual"),
            "submit_label": _("Crear curso"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request, course_id):
    course = queries.course(request.user, course_id)
    initial = {"name": course.name, "description": course.description}
    form = CourseEditForm(posted(request), initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form, services.update_course, actor=request.user, course=course, **form.cleaned_data
        )
    ):
        messages.success(request, _("Se guardaron los datos del curso."))
        return redirect("authoring:course_detail", course_id=course.pk)
    return render(
        request,
        "learning/authoring/form.html",
        {
            "form": form,
            "course": course,
            "title": _("Datos del curso"),
            "submit_label": _("Guardar"),
        },
    )


@login_required
@require_safe
def course_detail(request, course_id):
    course = queries.course(request.user, course_id)
    return render(
        request,
        "learning/authoring/course_detail.html",
        {
            "course": course,
            "units": queries.course_tree(course),
            "activity_kinds": activity_kinds.choices(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def publish(request, course_id):
    course = queries.course(request.user, course_id)
    if request.method == "POST":
        try:
            version = publishing.publish(actor=request.user, course=course)
        except DomainError:
            # The problems are listed below, one per line, rather than in one sentence.
            messages.error(request, _("No se publicó: corrige lo que se indica abajo."))
        else:
            messages.success(request, _("Versión %(n)s publicada.") % {"n": version.number})
            return redirect("authoring:publish", course_id=course.pk)
        course.refresh_from_db()
    return render(
        request,
        "learning/authoring/publish.html",
        {
            "course": course,
            "problems": publishing.problems(course),
            "versions": queries.versions(course),
        },
    )
