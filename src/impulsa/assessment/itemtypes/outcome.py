"""The result of scoring one response: a Decimal credit in [0, 1] and the feedback to show.

An open answer (essay) cannot be scored by the machine: its outcome is `pending`, with
credit 0 until a teacher grades it (assessment/grading/)."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ONE = Decimal(1)
ZERO = Decimal(0)
QUANTUM = Decimal("0.0001")


@dataclass(frozen=True)
class Outcome:
    fraction: Decimal
    correct: bool
    feedback: list[str] = field(default_factory=list)
    pending: bool = False  # needs a person's grading; `fraction` is 0 meanwhile


def outcome(fraction: Decimal, feedback=()) -> Outcome:
    """Clamp to [0, 1], quantize to 0.0001 and drop empty feedback texts."""
    clamped = min(max(fraction, ZERO), ONE)
    quantized = clamped.quantize(QUANTUM, rounding=ROUND_HALF_UP)
    return Outcome(quantized, quantized == ONE, [text for text in feedback if text])


def needs_grading() -> Outcome:
    return Outcome(ZERO, False, [], pending=True)


def unanswered() -> Outcome:
    return outcome(ZERO)


def best_match(answers: list[dict]) -> Outcome:
    """Numeric and short answers: the response earns the best credit among the keyed
    answers it matches (none: 0), with that answer's feedback."""
    if not answers:
        return outcome(ZERO)
    best = max(answers, key=lambda answer: Decimal(answer["fraction"]))
    return outcome(Decimal(best["fraction"]), [best["feedback"]])
