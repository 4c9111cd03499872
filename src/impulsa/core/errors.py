"""Domain errors: raised by services, carrying a Spanish message the UI can show."""


class DomainError(Exception):
    """A business rule refused the operation; `message` is safe to show to the user."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class AccessDenied(DomainError):
    """The actor may see the object but not do this to it (HTTP 403)."""


class Conflict(DomainError):
    """The operation clashes with the current state of the data (HTTP 409)."""
