"""What learning does when an app below it announces a change (see apps.py, which
connects these): accounts may not import learning, so it sends signals instead."""

from impulsa.learning.enrollment import services as enrollments


def enrollments_follow_students(sender, *, moves, **kwargs) -> None:
    """A student moved to another campus takes their active enrollments along, so
    the new campus's staff follow them and the old campus's no longer do."""
    enrollments.follow_campus_moves((move.student_id, move.to_campus_id) for move in moves)
