"""A service's refusal reaches the person the way its kind says: a DomainError as a
form error beside the field, an AccessDenied as a 403 page (never as a form error)."""

import datetime

import pytest
from django import forms
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from impulsa.core.errors import AccessDenied
from impulsa.core.forms import attempt
from impulsa.core.middleware import DomainErrorMiddleware
from impulsa.core.spreadsheets import formula_safe
from impulsa.org.api import AcademicPeriod
from impulsa.org.services import save_period


class PeriodForm(forms.Form):
    code = forms.CharField()
    ends_on = forms.DateField()


def _period(**overrides):
    values = {
        "code": "2027-1",
        "starts_on": datetime.date(2027, 2, 1),
        "ends_on": datetime.date(2027, 7, 1),
        "is_current": False,
    }
    return values | overrides


def test_access_denied_in_a_service_reaches_the_user_as_a_refusal_not_a_form_error(world):
    form = PeriodForm(data={"code": "2027-1", "ends_on": "2027-07-01"})
    assert form.is_valid()
    with pytest.raises(AccessDenied) as refused:
        attempt(form, save_period, actor=world.alice, **_period())
    assert not form.errors
    assert not AcademicPeriod.objects.filter(code="2027-1").exists()

    request = RequestFactory().post("/periodos/nuevo/")
    request.user = world.alice
    response = DomainErrorMiddleware(lambda r: None).process_exception(request, refused.value)
    assert response.status_code == 403
    assert "Solo la administración nacional define los periodos" in response.content.decode()


def test_a_domain_error_in_a_service_becomes_an_error_on_its_field(world):
    form = PeriodForm(data={"code": "2027-1", "ends_on": "2027-01-01"})
    assert form.is_valid()
    result = attempt(
        form, save_period, actor=world.national_admin, **_period(ends_on=datetime.date(2027, 1, 1))
    )
    assert result is None
    assert form.errors["ends_on"] == ["El periodo debe terminar después de iniciar."]


@given(st.text(max_size=20))
def test_no_csv_cell_starts_like_a_formula(text):
    cell = formula_safe(text)
    assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r")
    assert cell.removeprefix("'") == text or cell == text
