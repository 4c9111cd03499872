"""The audit log pages for admins and directors."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from impulsa.audit import selectors


@login_required
def entry_list(request):
    page = Paginator(selectors.entries(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "audit/entry_list.html", {"page": page})
