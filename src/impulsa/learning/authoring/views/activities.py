"""One activity's page: title and skills; for content pages the variants (text,
worked example, video) with a live Markdown preview, and files; for practices and
quizzes their items and the link to the item picker. Plus the student's-eye
preview, which saves nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from impulsa.core.forms import attempt
from impulsa.learning.authoring import selectors as queries
from impulsa.learning.authoring import services
from impulsa.learning.authoring.forms import ActivitySettingsForm, AttachmentForm, VariantForm
from impulsa.learning.authoring.views.common import attempt_or_message, posted, require_author
from impulsa.learning.content import kinds as activity_kinds
from impulsa.learning.content import markdown
from impulsa.learning.content import services as content_services
from impulsa.learning.content.kinds import CONTENT, PlayerContext
from impulsa.learning.content.pages import VARIANT_ORDER
from impulsa.learning.models import VariantKind
from impulsa.learning.publishing import services as publishing


def _variant_kind(request) -> str:
    wanted = request.GET.get("variante", "")
    return wanted if wanted in VariantKind.values else VariantKind.TEXT


def _edit_url(activity, variant_kind: str = "") -> str:
    url = reverse("authoring:activity_edit", kwargs={"activity_id": activity.pk})
    return f"{url}?variante={variant_kind}" if variant_kind else url


def _settings_form(data, activity, course):
    initial = {"title": activity.title, "skills": list(activity.skills.all())}
    return ActivitySettingsForm(data, course=course, initial=initial)


def _edit_page(request, activity, *, settings_form=None, variant_form=None, attachment_form=None):
    course = activity.lesson.unit.course
    context = {
        "activity": activity,
        "course": course,
        "settings_form": settings_form or _settings_form(None, activity, course),
        "is_content": activity.kind == CONTENT,
    }
    if context["is_content"]:
        variants = {v.kind: v for v in activity.variants.all()}
        kind = variant_form["kind"].value() if variant_form else _variant_kind(request)
        current = variants.get(kind)
        if variant_form is None:
            initial = {"body": current.body, "video_url": current.video_url} if current else {}
            variant_form = VariantForm(initial=initial, kind=kind)
        context.update(
            variant_tabs=[
                (k, VariantKind(k).label, k in variants, _edit_url(activity, k))
                for k in VARIANT_ORDER
            ],
            variant_kind=kind,
            variant=current,
            variant_form=variant_form,
            preview_html=markdown.render(variant_form["body"].value() or ""),
            attachments=queries.attachments(activity),
            attachment_form=attachment_form or AttachmentForm(prefix="file"),
        )
    else:
        # A variant posted to a practice or quiz comes back refused: say why.
        context.update(items=queries.activity_items(activity), variant_form=variant_form)
    return render(request, "learning/authoring/activity_edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, activity_id):
    """GET: the page; POST: its first form (title and skills)."""
    activity = queries.activity(request.user, activity_id)
    if request.method == "GET":
        return _edit_page(request, activity)
    form = _settings_form(posted(request), activity, activity.lesson.unit.course)
    if form.is_valid() and attempt(
        form, services.update_activity, actor=request.user, activity=activity, **form.cleaned_data
    ):
        messages.success(request, _("Se guardó la actividad."))
        return redirect(_edit_url(activity))
    return _edit_page(request, activity, settings_form=form)


@login_required
@require_POST
def variant_save(request, activity_id):
    activity = queries.activity(request.user, activity_id)
    kind = request.POST.get("kind", "")
    form = VariantForm(request.POST, kind=kind if kind in VariantKind.values else VariantKind.TEXT)
    if form.is_valid() and attempt(
        form,
        content_services.save_variant,
        actor=request.user,
        activity=activity,
        kind=form.cleaned_data["kind"],
        body=form.cleaned_data["body"],
        video_url=form.cleaned_data.get("video_url", ""),
    ):
        label = VariantKind(form.cleaned_data["kind"]).label
        messages.success(request, _("Se guardó la variante «%(v)s».") % {"v": label})
        return redirect(_edit_url(activity, form.cleaned_data["kind"]))
    return _edit_page(request, activity, variant_form=form)


@login_required
@require_POST
def variant_delete(request, variant_id):
    variant = queries.variant(request.user, variant_id)
    activity, label = variant.activity, variant.get_kind_display()
    if attempt_or_message(
        request, content_services.delete_variant, actor=request.user, variant=variant
    ):
        messages.success(request, _("Se eliminó la variante «%(v)s».") % {"v": label})
    return redirect(_edit_url(activity, variant.kind))


@login_required
@require_POST
def attachment_add(request, activity_id):
    activity = queries.activity(request.user, activity_id)
    form = AttachmentForm(request.POST, request.FILES, prefix="file")
    if form.is_valid():
        attachment = attempt(
            form,
            content_services.add_attachment,
            actor=request.user,
            activity=activity,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
        )
        if attachment:
            messages.success(request, _("Se subió «%(t)s».") % {"t": attachment.title})
            return redirect(f"{_edit_url(activity)}#files")
    return _edit_page(request, activity, attachment_form=form)


@login_required
@require_POST
def attachment_delete(request, attachment_id):
    attachment = queries.attachment(request.user, attachment_id)
    activity, title = attachment.activity, attachment.title
    if attempt_or_message(
        request, content_services.delete_attachment, actor=request.user, attachment=attachment
    ):
        messages.success(request, _("Se quitó «%(t)s».") % {"t": title})
    return redirect(f"{_edit_url(activity)}#files")


@login_required
@require_POST
def markdown_preview(request):
    """htmx: the Markdown being typed, rendered as students will see it."""
    require_author(request.user)
    html = markdown.render(request.POST.get("body", "")[:200_000])
    return render(request, "learning/authoring/_markdown_preview.html", {"html": html})


@login_required
@require_safe
def activity_preview(request, activity_id):
    activity = queries.activity(request.user, activity_id)
    published = publishing.snapshot(activity, activity.lesson.key)
    is_content = activity.kind == CONTENT
    context = {
        "activity": activity,
        "course": activity.lesson.unit.course,
        "published": published,
        "is_content": is_content,
    }
    if is_content:
        chosen = request.GET.get("variante")
        variants = published.variants
        context.update(
            variant_tabs=[(v, VariantKind(v["kind"]).label) for v in variants],
            current=next((v for v in variants if v["kind"] == chosen), next(iter(variants), None)),
        )
    else:
        player = PlayerContext(
            request=request, enrollment=None, activity=published, progress=None, preview=True
        )
        context["player_html"] = activity_kinds.handler_for(activity.kind).render(player)
    return render(request, "learning/authoring/activity_preview.html", context)
