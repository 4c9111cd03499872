"""Log-ins, log-outs and failed log-ins of known accounts go to the audit log."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from impulsa.audit.services import record


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record(actor=user, instance=user, event="login", request=request)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(actor=user, instance=user, event="logout", request=request)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = credentials.get("username")
    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is not None:
        record(actor=None, instance=user, event="login_failed", request=request)
