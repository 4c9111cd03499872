"""Form rendering: Bootstrap classes on every widget and accessible error markup.

Django 5.2 already links errors and help text to their input (aria-invalid,
aria-describedby); this adds the Bootstrap classes and our templates, which
show an error summary that links to each field, and render radio buttons and
checkbox lists as Bootstrap `.form-check` rows.
"""

from django import forms
from django.forms.renderers import DjangoTemplates

from impulsa.core.errors import DomainError


class BootstrapBoundField(forms.BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if isinstance(
            widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple
        ):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        if self.errors:
            css += " is-invalid"
        attrs["class"] = " ".join(filter(None, [widget.attrs.get("class"), css]))
        return attrs


class FormRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    bound_field_class = BootstrapBoundField

    # Django renders a widget's attrs (our `form-check-input`) on the container of a
    # radio or checkbox list too, and wraps each input in its label; ours puts each
    # option in a `.form-check` with the class only on the inputs.
    widget_templates = {
        "django/forms/widgets/radio.html": "core/forms/widgets/choices.html",
        "django/forms/widgets/checkbox_select.html": "core/forms/widgets/choices.html",
    }

    def get_template(self, template_name):
        return super().get_template(self.widget_templates.get(template_name, template_name))


def add_domain_error(form: forms.BaseForm, error: DomainError) -> None:
    """Show a service's refusal on the form: on its field when the form has it."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def attempt(form: forms.BaseForm, service, **kwargs):
    """Call a service write and return what it returns; a DomainError becomes a form
    error and None. AccessDenied is no DomainError: it propagates and answers 403."""
    try:
        return service(**kwargs)
    except DomainError as error:
        add_domain_error(form, error)
        return None
