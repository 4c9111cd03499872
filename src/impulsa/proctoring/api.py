"""What other apps may use from proctoring (OEP-49): these names only. The
diagnostic (propedeutico) and Asesorías build on attempts through these calls.
"""

from impulsa.proctoring.kind_codes import DIAGNOSTIC, EXAM, QUIZ
from impulsa.proctoring.policy import Policy
from impulsa.proctoring.scheduling.services import (
    SessionPlan,
    grant_accommodation,
    schedule_session,
)
from impulsa.proctoring.supervision.routing import websocket_urlpatterns
from impulsa.proctoring.taking.services import start_attempt, start_quiz, submit

__all__ = [
    "DIAGNOSTIC",
    "EXAM",
    "QUIZ",
    "Policy",
    "SessionPlan",
    "grant_accommodation",
    "schedule_session",
    "start_attempt",
    "start_quiz",
    "submit",
    "websocket_urlpatterns",
]
