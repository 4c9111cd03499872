"""Our form renderer: radio buttons and checkbox lists as Bootstrap .form-check rows,
and one error summary for every form."""

from django import forms
from django.template import Context, Template


class ChoicesForm(forms.Form):
    mode = forms.ChoiceField(
        label="Modo", choices=[("a", "Uno"), ("b", "Dos")], widget=forms.RadioSelect
    )
    days = forms.MultipleChoiceField(
        label="Días",
        choices=[("lun", "Lunes"), ("mar", "Martes")],
        widget=forms.CheckboxSelectMultiple,
    )
    token = forms.CharField(widget=forms.HiddenInput)


def test_radio_buttons_carry_the_input_class_on_each_input_not_on_the_list():
    html = str(ChoicesForm()["mode"])
    assert '<div id="id_mode">' in html
    assert html.count('class="form-check"') == 2
    assert html.count('class="form-check-input"') == 2
    assert '<label class="form-check-label" for="id_mode_0">Uno</label>' in html


def test_checkbox_lists_carry_the_input_class_on_each_input_not_on_the_list():
    html = str(ChoicesForm()["days"])
    assert '<div id="id_days">' in html
    assert html.count('type="checkbox"') == html.count('class="form-check-input"') == 2
    assert '<label class="form-check-label" for="id_days_1">Martes</label>' in html


def test_invalid_choices_are_marked_on_every_input():
    html = str(ChoicesForm({"mode": "zz"})["mode"])
    assert html.count('class="form-check-input is-invalid"') == 2


def test_error_summary_links_to_fields_and_lists_hidden_field_errors():
    html = str(ChoicesForm({}))
    assert "Revisa lo siguiente:" in html
    assert 'href="#id_mode"' in html  # the radio list itself: it has no single input
    assert 'href="#id_days"' in html
    assert "<li>Token: " in html


def test_a_page_can_give_the_error_summary_its_own_title():
    template = Template(
        '{% include "core/forms/errors.html" with form=form errors_title="Revisa los filtros:" %}'
    )
    html = template.render(Context({"form": ChoicesForm({})}))
    assert "Revisa los filtros:" in html
    assert "Revisa lo siguiente:" not in html


def test_a_valid_form_shows_no_error_summary():
    form = ChoicesForm({"mode": "a", "days": ["lun"], "token": "x"})
    assert form.is_valid()
    assert "alert-danger" not in str(form)
