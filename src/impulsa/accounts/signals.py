"""Signals accounts sends to the apps above it, which accounts may not import
(core <- org <- audit <- accounts <- learning <- ...): they listen instead.
"""

from dataclasses import dataclass

from django.dispatch import Signal


@dataclass(frozen=True)
class CampusMove:
    student_id: int
    from_campus_id: int
    to_campus_id: int


# Sent after students' profiles moved to another campus, inside the transaction that
# moved them and once per batch (an import moves thousands): `moves` is a list of
# CampusMove, `actor` who moved them. A receiver that raises rolls the move back, so
# the records that follow a student (enrollments, ...) never stay behind.
students_moved = Signal()
