"""A designer's page for one draft exam: its policy and the pools each student's
form is drawn from."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from impulsa.core.errors import DomainError
from impulsa.core.forms import add_domain_error
from impulsa.learning.api import Activity, authorable_courses
from impulsa.proctoring.kind_codes import ATTEMPT_KINDS
from impulsa.proctoring.models import ExamPolicy, PoolDraw
from impulsa.proctoring.setup import services
from impulsa.proctoring.setup.forms import DrawForm, PolicyForm


def _activity(user, activity_id) -> Activity:
    activity = (
        Activity.objects.filter(
            pk=activity_id,
            kind__in=ATTEMPT_KINDS,
            lesson__unit__course__in=authorable_courses(user),
        )
        .select_related("lesson__unit__course")
        .first()
    )
    if activity is None:
        raise Http404
    return activity


def _page(request, activity, policy_form, draw_form, status=200):
    course = activity.lesson.unit.course
    return render(
        request,
        "proctoring/setup/exam.html",
        {
            "activity": activity,
            "course": course,
            "policy_form": policy_form,
            "draw_form": draw_form,
            "draws": activity.pool_draws.select_related("skill"),
            "fixed": activity.activity_items.count(),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, activity_id: int):
    activity = _activity(request.user, activity_id)
    policy = ExamPolicy.objects.filter(activity=activity).first() or ExamPolicy(activity=activity)
    policy_form = PolicyForm(request.POST or None, instance=policy)
    skills = activity.lesson.unit.course.skills.all()
    draw_form = DrawForm(skills=skills)
    if request.method == "POST" and policy_form.is_valid():
        try:
            services.set_policy(
                actor=request.user,
                activity=activity,
                **{f: policy_form.cleaned_data[f] for f in PolicyForm.Meta.fields},
            )
        except DomainError as error:
            add_domain_error(policy_form, error)
        else:
            return redirect("exam_setup:edit", activity_id=activity.pk)
    return _page(
        request, activity, policy_form, draw_form, 400 if request.method == "POST" else 200
    )


@login_required
@require_POST
def add_draw(request, activity_id: int):
    activity = _activity(request.user, activity_id)
    skills = activity.lesson.unit.course.skills.all()
    draw_form = DrawForm(request.POST, skills=skills)
    if draw_form.is_valid():
        try:
            services.add_draw(actor=request.user, activity=activity, **draw_form.cleaned_data)
        except DomainError as error:
            add_domain_error(draw_form, error)
        else:
            return redirect("exam_setup:edit", activity_id=activity.pk)
    policy = ExamPolicy.objects.filter(activity=activity).first() or ExamPolicy(activity=activity)
    return _page(request, activity, PolicyForm(instance=policy), draw_form, 400)


@login_required
@require_POST
def remove_draw(request, activity_id: int, draw_id: int):
    activity = _activity(request.user, activity_id)
    draw = PoolDraw.objects.filter(pk=draw_id, activity=activity).first()
    if draw is None:
        raise Http404
    services.remove_draw(actor=request.user, draw=draw)
    return redirect("exam_setup:edit", activity_id=activity.pk)
