"""The demo data: every role, 200 students with valid CURPs, and idempotent."""

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from impulsa.accounts import curp, demo
from impulsa.accounts.models import StudentProfile, User
from impulsa.org.models import Institution, Membership
from impulsa.org.roles import Kind, Role


def _state():
    """Row count and highest id of every table, plus every password hash."""
    tables = {
        model._meta.label: (
            model.objects.count(),
            max(model.objects.values_list("pk", flat=True), default=0),
        )
        for model in apps.get_models()
        if model._meta.app_label in {"org", "accounts", "audit", "otp_totp"}
    }
    return tables, dict(User.objects.values_list("username", "password"))


def test_seed_demo_builds_a_realistic_slice_and_a_second_run_changes_nothing(db, capsys):
    call_command("seed_demo")
    printed = capsys.readouterr().out

    assert Institution.objects.filter(kind=Kind.STATE).count() == 2
    assert Institution.objects.filter(kind=Kind.CAMPUS).count() == 4
    assert StudentProfile.objects.count() == 200
    for user in User.objects.filter(curp__isnull=False):
        curp.validate(user.curp)
    held = set(Membership.objects.values_list("role", flat=True))
    assert held == set(Role.values), f"roles without a demo account: {set(Role.values) - held}"
    for username in ("admin.gdl1", "docente.gdl1", "261400100001"):
        assert username in printed
        assert User.objects.get(username=username).check_password(demo.DEMO_PASSWORD)
    assert demo.DEMO_PASSWORD in printed

    before = _state()
    call_command("seed_demo")
    assert _state() == before


def test_seed_demo_refuses_to_run_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(ImproperlyConfigured):
        call_command("seed_demo")
    assert not User.objects.exists()
