"""Refusals raised by services, each carrying a Spanish message the UI can show.

Two siblings under one base: a `DomainError` (bad input, a broken rule: the form
shows it beside its field, the API answers 400/409) and an `AccessDenied` (the
actor may not do this: the page or the API answers 403). Catching `DomainError`
to show a form error therefore never swallows a refusal of access.
"""


class Refusal(Exception):
    """A service refused the operation; `message` is safe to show to the user."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class DomainError(Refusal):
    """A business rule refused the operation (HTTP 400)."""


class AccessDenied(Refusal):
    """The actor may see the object but not do this to it (HTTP 403)."""


class Conflict(DomainError):
    """The operation clashes with the current state of the data (HTTP 409)."""
