"""Each new version of the privacy notice is accepted once per person, at their next
page after it is published.

Cheap on purpose: the current version comes from a per-process cache (notices.py), and
once a session has accepted it the session remembers, so a page costs no query. A
session that does not know yet asks the database once. API clients (tokens) are not
stopped: a person accepts in the browser, where the notice can be read.
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from impulsa.ops.privacy.notices import current_notice, has_accepted

SESSION_KEY = "ops.privacy.notice"
# Sign-in, two-step verification and password pages come first (their own gates), the
# notice pages themselves, and whatever needs no person. «Mis datos personales» stays
# open too: someone who will not accept the notice may still oppose or ask to cancel.
_OPEN_PREFIXES = ("/static/", "/media/", "/healthz", "/readyz", "/i18n/", "/api/", "/cuenta/",
                  "/privacidad/aviso/", "/privacidad/mis-datos/", "/admin/")  # fmt: skip


class PrivacyNoticeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and not request.path.startswith(_OPEN_PREFIXES):
            notice = current_notice()
            if notice is not None and request.session.get(SESSION_KEY) != notice.version:
                if not has_accepted(request.user, notice):
                    query = urlencode({"next": request.get_full_path()})
                    return redirect(f"{reverse('privacy:accept')}?{query}")
                request.session[SESSION_KEY] = notice.version
        return self.get_response(request)
