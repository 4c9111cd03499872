"""A course's skills and their prerequisites: list (in prerequisite order),
create, edit, delete. A prerequisite that would close a cycle is refused by the
service; its message names the chain."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from impulsa.core.forms import attempt
from impulsa.learning.authoring import selectors as queries
from impulsa.learning.authoring import services
from impulsa.learning.authoring.forms import SkillForm
from impulsa.learning.authoring.views.common import attempt_or_message, posted


@login_required
@require_http_methods(["GET", "POST"])
def skills(request, course_id):
    course = queries.course(request.user, course_id)
    form = SkillForm(posted(request), course=course)
    if request.method == "POST" and form.is_valid():
        skill = attempt(
            form, services.create_skill, actor=request.user, course=course, **form.cleaned_data
        )
        if skill:
            messages.success(request, _("Se agregó la habilidad «%(n)s».") % {"n": skill.name})
            return redirect("authoring:skills", course_id=course.pk)
    return render(
        request,
        "learning/authoring/skills.html",
        {
            "course": course,
            "skills": queries.prerequisite_order(queries.course_skills(course)),
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def skill_edit(request, skill_id):
    skill = queries.skill(request.user, skill_id)
    course, name = skill.course, skill.name
    initial = {
        "name": skill.name,
        "code": skill.code,
        "description": skill.description,
        "requires": list(skill.requires.all()),
    }
    form = SkillForm(posted(request), course=course, skill=skill, initial=initial)
    saved = (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            form, services.update_skill, actor=request.user, skill=skill, **form.cleaned_data
        )
    )
    if saved:
        messages.success(request, _("Se guardó la habilidad «%(n)s».") % {"n": skill.name})
        return redirect("authoring:skills", course_id=course.pk)
    return render(
        request,
        "learning/authoring/form.html",
        {
            "form": form,
            "course": course,
            "section": (_("Habilidades"), "authoring:skills"),
            "title": _("Editar habilidad «%(n)s»") % {"n": name},
            "submit_label": _("Guardar"),
        },
    )


@login_required
@require_POST
def skill_delete(request, skill_id):
    skill = queries.skill(request.user, skill_id)
    course, name = skill.course, skill.name
    if attempt_or_message(request, services.delete_skill, actor=request.user, skill=skill):
        messages.success(request, _("Se eliminó la habilidad «%(n)s».") % {"n": name})
    return redirect("authoring:skills", course_id=course.pk)
