"""Plumbing shared by the authoring views: who may open them, and how a service's
refusal reaches the page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from impulsa.core.errors import DomainError
from impulsa.org.api import Capability, has_anywhere


def require_author(user) -> None:
    """Authoring pages are for people who author somewhere (designers, admins)."""
    if not has_anywhere(user, Capability.AUTHOR_CONTENT):
        raise PermissionDenied


def posted(request):
    """The submitted data on POST (even if empty), None otherwise: an unbound form."""
    return request.POST if request.method == "POST" else None


def attempt_or_message(request, service, **kwargs) -> bool:
    """For the small forms of the course editor: a refusal becomes an error message
    shown on the page the view redirects to."""
    try:
        service(**kwargs)
    except DomainError as error:
        messages.error(request, error.message)
        return False
    return True


def form_error_message(request, form) -> None:
    """A small inline form came back invalid: say why on the page we return to."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def to_editor(course, anchor: str = ""):
    url = reverse("authoring:course_detail", kwargs={"course_id": course.pk})
    return redirect(f"{url}#{anchor}" if anchor else url)
