"""What a rule looks at, and the three questions a rule may answer."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format


@dataclass(frozen=True)
class Client:
    """What the request tells about the student's browser."""

    ip: str | None = None
    device: str = ""  # the exam device cookie
    url: str = ""  # the absolute URL requested (Safe Exam Browser hashes it)
    headers: dict = field(default_factory=dict)
    access_code: str = ""


@dataclass(frozen=True)
class Entry:
    """One student before or during an attempt at one session."""

    session: object  # ExamSession
    policy: object  # policy.Policy
    accommodation: object | None  # Accommodation
    past: tuple  # the student's closed attempts at this exam, newest first
    client: Client
    attempt: object | None = None  # the open attempt, during one
    now: datetime = field(default_factory=timezone.now)


def when(moment: datetime) -> str:
    """A moment as students read it: «3 de diciembre, 10:00», Mexico City time."""
    return date_format(timezone.localtime(moment), "j \\d\\e F, H:i")


class AccessRule:
    # Rules about the session (its window, its room, its devices) apply only to
    # attempts taken in one; a course's quiz is taken alone, without a session.
    needs_session = False

    def refuse_start(self, entry: Entry) -> str | None:
        """Why the student may not start now (Spanish), or None."""
        return None

    def refuse_request(self, entry: Entry) -> str | None:
        """Why a request of the open attempt is refused now (Spanish), or None."""
        return None

    def deadline(self, entry: Entry, started: datetime) -> datetime | None:
        """The latest the attempt may last by this rule; None: no limit from it."""
        return None
