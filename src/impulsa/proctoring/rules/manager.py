"""The rules every exam applies, composed: the first refusal wins; the deadline is
the earliest any rule sets."""

from impulsa.proctoring.rules.access_code import AccessCode
from impulsa.proctoring.rules.attempts import AttemptsAllowed
from impulsa.proctoring.rules.device import OneDevice
from impulsa.proctoring.rules.networks import AllowedNetworks
from impulsa.proctoring.rules.safe_browser import SafeExamBrowser
from impulsa.proctoring.rules.time_limit import TimeLimit
from impulsa.proctoring.rules.window import OpenWindow

RULES = (
    OpenWindow(),
    AttemptsAllowed(),
    AllowedNetworks(),
    SafeExamBrowser(),
    AccessCode(),
    OneDevice(),
    TimeLimit(),
)


def _rules(entry):
    return RULES if entry.session is not None else [r for r in RULES if not r.needs_session]


def refusal_to_start(entry) -> str | None:
    return next((r for r in (rule.refuse_start(entry) for rule in _rules(entry)) if r), None)


def refusal_during(entry) -> str | None:
    return next((r for r in (rule.refuse_request(entry) for rule in _rules(entry)) if r), None)


def deadline(entry, started):
    limits = [d for d in (rule.deadline(entry, started) for rule in _rules(entry)) if d is not None]
    return min(limits) if limits else None
