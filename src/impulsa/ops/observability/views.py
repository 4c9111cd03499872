"""The metrics endpoint (Prometheus) and the operators' page."""

import hmac

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from prometheus_client import CONTENT_TYPE_LATEST

from impulsa.ops.observability import metrics, selectors
from impulsa.org.api import Capability, has_anywhere


def _bearer_ok(request) -> bool:
    token = settings.METRICS_TOKEN
    sent = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(sent.encode(), f"Bearer {token}".encode())


@never_cache
def metrics_view(request):
    """For Prometheus (a bearer token, METRICS_TOKEN) or a signed-in national admin
    (two factors, like every admin page). Without either: the log-in page, as for
    every page; a signed-in user who does not operate the platform: 404."""
    if not _bearer_ok(request):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not has_anywhere(request.user, Capability.OPERATE_PLATFORM):
            raise Http404
    return HttpResponse(metrics.exposition(), content_type=CONTENT_TYPE_LATEST)


@login_required
def dashboard(request):
    backups = selectors.backup_status(request.user)
    context = {
        "backups": backups,
        "queues": selectors.queue_depths(request.user),
        "outcomes": selectors.task_outcomes(request.user),
        "retention_days": settings.BACKUP_RETENTION_DAYS,
    }
    return render(request, "ops/dashboard.html", context)
