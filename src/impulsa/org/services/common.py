"""What every org service shares: model validation as a DomainError, and a
refused change undone on the caller's instance."""

from contextlib import contextmanager

from django.core.exceptions import ValidationError

from impulsa.core.errors import DomainError


def validate(obj, exclude=()) -> None:
    """Model validation turned into a DomainError naming the first bad field."""
    try:
        obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from exc


@contextmanager
def restored_on_error(obj, fields):
    """If the block raises, put `fields` of `obj` back as they were: a refused
    change must not linger on the caller's instance (the page re-renders it)."""
    before = {field: getattr(obj, field) for field in fields}
    try:
        yield
    except Exception:
        for field, value in before.items():
            setattr(obj, field, value)
        raise
