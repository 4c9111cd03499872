"""Import a GIFT or Moodle XML file into a course's bank; export the bank as either."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_safe

from impulsa.assessment.bank import selectors, transfer
from impulsa.assessment.bank.forms import ImportForm
from impulsa.assessment.bank.views import course_or_404
from impulsa.core.errors import DomainError
from impulsa.core.forms import add_domain_error

CONTENT_TYPES = {transfer.GIFT: "text/plain; charset=utf-8", transfer.MOODLE_XML: "application/xml"}
EXPORTS = ((transfer.GIFT, "GIFT"), (transfer.MOODLE_XML, "Moodle XML"))


@login_required
@require_http_methods(["GET", "POST"])
def import_items(request, course_id):
    course = course_or_404(request.user, course_id)
    activities = selectors.item_activities_of(course)
    posted = request.method == "POST"
    form = ImportForm(
        request.POST if posted else None, request.FILES if posted else None, activities=activities
    )
    report, problems = None, []
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = transfer.import_items(
                actor=request.user,
                course=course,
                filename=upload.name,
                data=upload.read(transfer.MAX_FILE_BYTES + 1),
                activity=form.cleaned_data["activity"],
            )
        except transfer.ImportRefused as refused:
            problems = refused.problems
        except DomainError as error:
            add_domain_error(form, error)
        else:
            for warning in report.warnings:  # imported, but worth a look
                messages.warning(request, str(warning))
    exports = []
    for fmt, label in EXPORTS:
        _name, _content, skipped = transfer.export_items(actor=request.user, course=course, fmt=fmt)
        exports.append({"format": fmt, "label": label, "skipped": skipped})
    return render(
        request,
        "assessment/bank/import.html",
        {
            "course": course,
            "form": form,
            "report": report,
            "problems": problems,
            "exports": exports,
        },
    )


@login_required
@require_safe
def export_items(request, course_id, fmt):
    course = course_or_404(request.user, course_id)
    if fmt not in transfer.FORMATS:
        raise Http404
    filename, content, _skipped = transfer.export_items(actor=request.user, course=course, fmt=fmt)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
