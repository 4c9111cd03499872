"""What other apps may use from accounts (OEP-49)."""

from impulsa.accounts import curp, selectors
from impulsa.accounts.models import StudentProfile, User
from impulsa.accounts.signals import CampusMove, students_moved

__all__ = ["CampusMove", "StudentProfile", "User", "curp", "selectors", "students_moved"]
