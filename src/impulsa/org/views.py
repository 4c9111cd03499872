"""Staff pages for the institution tree, careers, periods and groups (thin: forms + services)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from impulsa.org import selectors


@login_required
def institution_list(request):
    return render(
        request,
        "org/institution_list.html",
        {"institutions": selectors.institution_tree(request.user)},
    )


@login_required
def period_list(request):
    return render(request, "org/period_list.html", {"periods": selectors.periods()})
