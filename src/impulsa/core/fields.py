"""Model fields that keep personal data encrypted in the database.

Our own fields because the maintained Django packages seal with Fernet (AES-CBC +
HMAC) and cannot bind a value to its column; the brief asks for AES-GCM with
rotation and blind indexes (see core/crypto.py).
"""

import datetime

from django import forms
from django.core.exceptions import FieldError
from django.db import models
from django.db.models.lookups import Exact
from django.db.models.signals import post_save
from django.utils.module_loading import import_string

from impulsa.core import crypto


class EncryptedField(models.TextField):
    """Stores `crypto.encrypt(text)`; Python code only ever sees plaintext.

    Filtering on the ciphertext is meaningless (each write uses a new nonce), so
    the only lookup allowed is `isnull`; exact matches go through a BlindIndexField.
    """

    def __init__(self, *args, form_max_length: int | None = None, **kwargs):
        self.form_max_length = form_max_length
        kwargs.setdefault("blank", True)
        kwargs.setdefault("null", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.form_max_length is not None:
            kwargs["form_max_length"] = self.form_max_length
        return name, path, args, kwargs

    @property
    def crypto_context(self) -> str:
        return f"{self.model._meta.label}.{self.name}"

    # Subclasses convert between their Python type and text.
    def to_text(self, value) -> str:
        return str(value)

    def from_text(self, text: str):
        return text

    def get_prep_value(self, value):
        value = self.to_python(value)  # may turn blank text into None
        if value is None:
            return None
        return crypto.encrypt(self.to_text(value), context=self.crypto_context)

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return self.from_text(crypto.decrypt(value, context=self.crypto_context))

    def to_python(self, value):
        if value is None or value == "":
            return None
        return value

    def get_lookup(self, lookup_name):
        if lookup_name == "exact":
            return _ExactNoneOnly
        if lookup_name != "isnull":
            return None
        return super().get_lookup(lookup_name)

    def formfield(self, **kwargs):
        defaults = {"form_class": forms.CharField, "max_length": self.form_max_length}
        defaults.update(kwargs)
        return models.Field.formfield(self, **defaults)


class _ExactNoneOnly(Exact):
    """`field=None` keeps its usual meaning (Django turns it into IS NULL); comparing
    with a value cannot work on ciphertext, so it is refused with a clear message."""

    def __init__(self, lhs, rhs):
        if rhs is not None:
            raise FieldError(
                "Encrypted fields cannot be compared with a value; look them up through "
                "their blind index (e.g. User.objects.with_curp())."
            )
        super().__init__(lhs, rhs)


class EncryptedCharField(EncryptedField):
    def to_python(self, value):
        if value is None:
            return None
        return str(value).strip() or None


class EncryptedDateField(EncryptedField):
    def to_text(self, value: datetime.date) -> str:
        return value.isoformat()

    def from_text(self, text: str) -> datetime.date:
        return datetime.date.fromisoformat(text)

    def to_python(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, datetime.date):
            return value
        return datetime.date.fromisoformat(str(value))

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.DateField,
            "widget": forms.DateInput(attrs={"type": "date"}),
        }
        defaults.update(kwargs)
        return models.Field.formfield(self, **defaults)


class BlindIndexField(models.CharField):
    """Keyed hash of another field's normalized value, computed on every save.

    `normalizer` is the dotted path of a function str -> str; the hash is empty
    when the source is empty. `save(update_fields=[source])` refreshes the hash
    too; `QuerySet.update()` and `bulk_update()` bypass saves, so callers that
    change the source that way must set the hash themselves (`compute`).
    """

    def __init__(self, *args, source: str, normalizer: str, **kwargs):
        self.source = source
        self.normalizer = normalizer
        kwargs["max_length"] = 64
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        kwargs["source"] = self.source
        kwargs["normalizer"] = self.normalizer
        return name, path, args, kwargs

    @property
    def crypto_context(self) -> str:
        return f"{self.model._meta.label}.{self.source}"

    def normalize(self, value) -> str:
        return import_string(self.normalizer)(str(value))

    def compute(self, instance) -> str:
        value = getattr(instance, self.source)
        if value in (None, ""):
            return ""
        return crypto.blind_index(self.normalize(value), context=self.crypto_context)

    def candidates(self, value) -> list[str]:
        """Hashes to filter on (`field__in=`) to find rows whose source equals value."""
        return crypto.blind_index_candidates(self.normalize(value), context=self.crypto_context)

    def pre_save(self, model_instance, add):
        value = self.compute(model_instance)
        setattr(model_instance, self.attname, value)
        return value

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            # Weak (the default): models rebuilt by migrations drop their receivers.
            post_save.connect(self._after_partial_save, sender=cls)

    def _after_partial_save(
        self, sender, instance, update_fields=None, raw=False, using=None, **kw
    ):
        """A save limited to fields that include the source but not this hash would
        leave the hash stale (lookups would find the old value): bring it up to date."""
        if raw or update_fields is None or self.source not in update_fields:
            return
        if self.name in update_fields or self.attname in update_fields:
            return
        value = self.compute(instance)
        setattr(instance, self.attname, value)
        sender._base_manager.using(using).filter(pk=instance.pk).update(**{self.attname: value})
