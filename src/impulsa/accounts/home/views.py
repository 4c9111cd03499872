"""Pages about the signed-in person: home and profile."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django_otp.plugins.otp_totp.models import TOTPDevice

from impulsa.accounts import selectors
from impulsa.core import home_panels
from impulsa.org.api import requires_two_factor, user_memberships


@login_required
def home(request):
    """Each role's job first (panels the apps contribute, core/home_panels.py), then
    what the user belongs to and what they can do from here (cards = navigation)."""
    context = {
        "memberships": user_memberships(request.user),
        "panels": home_panels.panels_for(request),
    }
    return render(request, "accounts/home.html", context)


@login_required
def profile(request):
    context = {
        "memberships": user_memberships(request.user),
        "student_profile": selectors.own_student_profile(request.user),
        "two_factor_required": requires_two_factor(request.user),
        "has_authenticator": TOTPDevice.objects.filter(user=request.user, confirmed=True).exists(),
    }
    return render(request, "accounts/profile.html", context)
