"""Shared bits of dual's pages: who may manage, the people lists forms pick from, and
rendering a simple form page."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from impulsa.accounts.api import User
from impulsa.core.errors import AccessDenied
from impulsa.learning.api import Skill
from impulsa.org.api import (
    Capability,
    Career,
    Institution,
    Kind,
    Role,
    has_anywhere,
    institution_ids,
)

PAGE_SIZE = 50


def page_of(request, rows):
    """One page of a list (the project's pattern: ?page=N, core/_pagination.html)."""
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def ensure_viewer(user) -> None:
    if not has_anywhere(user, Capability.VIEW_DUAL):
        raise AccessDenied(_("Tu rol no da acceso a esta sección del Ecosistema Dual."))


def ensure_manager(user) -> None:
    if not has_anywhere(user, Capability.MANAGE_DUAL):
        raise AccessDenied(_("Tu rol no permite administrar el Ecosistema Dual."))


def managed_campuses(user):
    return Institution.objects.filter(
        pk__in=institution_ids(user, Capability.MANAGE_DUAL), kind=Kind.CAMPUS, is_active=True
    )


def people_at(campus, role):
    return User.objects.filter(
        memberships__institution=campus, memberships__role=role, is_active=True
    ).order_by("last_name", "first_name")


def students_at(campus):
    return people_at(campus, Role.STUDENT)


def careers_at(campus):
    return Career.objects.filter(campus=campus, is_active=True)


def dual_skills():
    """Competencies are the skills of dual courses (their content is what the station
    links to)."""
    return Skill.objects.filter(course__program="dual").select_related("course")


def form_page(request, *, title, form, submit, back=None, multipart=False, intro="", status=200):
    return render(
        request,
        "dual/form.html",
        {
            "title": title,
            "form": form,
            "submit": submit,
            "back": back,
            "multipart": multipart,
            "intro": intro,
        },
        status=status,
    )
