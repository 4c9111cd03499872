from datetime import timedelta

from impulsa.proctoring.rules.base import AccessRule


class TimeLimit(AccessRule):
    """The policy's minutes from the start, plus a student's extra minutes; none at
    all for a student granted unlimited time."""

    def deadline(self, entry, started):
        minutes = entry.policy.time_limit_minutes
        accommodation = entry.accommodation
        if minutes is None or (accommodation is not None and accommodation.unlimited_time):
            return None
        extra = accommodation.extra_minutes if accommodation is not None else 0
        return started + timedelta(minutes=minutes + extra)
