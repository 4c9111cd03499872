"""What other apps may use from accounts (OEP-49): these names only.

Models: only for reading. Enrollments, answers and events point at a `User`, and
enrolling reads the student's `StudentProfile` (campus, group): so both stay
importable. People and profiles are written by accounts' own services alone.
"""

from impulsa.accounts.models import StudentProfile, User
from impulsa.accounts.selectors import PeopleFilter, search_people
from impulsa.accounts.selectors import students as reachable_students
from impulsa.accounts.services.privacy import withdraw_personal_data
from impulsa.accounts.signals import CampusMove, students_moved
from impulsa.accounts.signin.gates import admits_connection

__all__ = [
    "CampusMove",
    "PeopleFilter",
    "StudentProfile",
    "User",
    "admits_connection",
    "reachable_students",
    "search_people",
    "students_moved",
    "withdraw_personal_data",
]
