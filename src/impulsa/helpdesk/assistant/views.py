"""The virtual assistant: a question gets the best article of the knowledge base, cited;
«Hablar con una persona» is offered at every turn and opens a ticket with the
conversation (kept in the session, at most MAX_TURNS turns)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from impulsa.helpdesk.assistant import search, services
from impulsa.helpdesk.models import Article

SESSION_KEY = "helpdesk_assistant"


class QuestionForm(forms.Form):
    question = forms.CharField(
        label=gettext_lazy("Escribe tu pregunta"), max_length=search.MAX_CHARS,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )  # fmt: skip


def _turns(request) -> list:
    return list(request.session.get(SESSION_KEY, []))


@login_required
@require_http_methods(["GET", "POST"])
def assistant(request):
    turns = _turns(request)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        question = form.cleaned_data["question"].strip()
        found = search.search(question, limit=1)
        turns.append([question, found[0].slug if found else "", found[0].title if found else ""])
        request.session[SESSION_KEY] = turns[-services.MAX_TURNS :]
        return redirect("helpdesk:assistant")
    articles = Article.objects.in_bulk([slug for _q, slug, _t in turns if slug], field_name="slug")
    conversation = [(question, articles.get(slug)) for question, slug, _t in turns]
    return render(
        request,
        "helpdesk/assistant.html",
        {"form": form, "conversation": conversation},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def hand_off(request):
    turns = [(q, t) for q, _slug, t in _turns(request)]
    ticket = services.hand_off(actor=request.user, turns=turns)
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        _("Listo: abrimos la solicitud #%(n)s con tu conversación; te responderá una persona.")
        % {"n": ticket.pk},
    )
    return redirect("helpdesk:ticket", ticket_id=ticket.pk)


@login_required
@require_safe
def guides(request):
    return render(request, "helpdesk/guides.html", {"articles": Article.objects.order_by("title")})
