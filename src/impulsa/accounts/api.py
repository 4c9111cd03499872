"""What other apps may use from accounts (OEP-49)."""

from impulsa.accounts import curp, selectors
from impulsa.accounts.models import StudentProfile, User

__all__ = ["StudentProfile", "User", "curp", "selectors"]
