"""An exam's policy as frozen at publish: what attempts, time, grading and review
rules the published form carries (models.ExamPolicy is the draft's editable copy)."""

from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from impulsa.proctoring.models import ExamPolicy, ReviewPolicy

TEN = Decimal(10)
_GRADE_QUANTUM = Decimal("0.1")


@dataclass(frozen=True)
class Policy:
    time_limit_minutes: int | None = None
    max_attempts: int = 1
    cooldown_minutes: int = 0
    passing_grade: Decimal = Decimal(6)
    review: str = ReviewPolicy.AFTER_CLOSE
    shuffle_items: bool = True
    shuffle_choices: bool = True

    @classmethod
    def of_draft(cls, activity, default: "Policy | None" = None) -> "Policy":
        row = ExamPolicy.objects.filter(activity=activity).first()
        if row is None:
            return default or cls()
        return cls(
            time_limit_minutes=row.time_limit_minutes,
            max_attempts=row.max_attempts,
            cooldown_minutes=row.cooldown_minutes,
            passing_grade=row.passing_grade,
            review=row.review,
            shuffle_items=row.shuffle_items,
            shuffle_choices=row.shuffle_choices,
        )

    def as_json(self) -> dict:
        data = asdict(self)
        data["passing_grade"] = str(self.passing_grade)
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Policy":
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        if "passing_grade" in known:
            known["passing_grade"] = Decimal(known["passing_grade"])
        return cls(**known)

    def grade(self, score: Decimal) -> Decimal:
        """A score (fraction 0..1) on the Mexican 0–10 scale, one decimal, halves up."""
        return (score * TEN).quantize(_GRADE_QUANTUM, rounding=ROUND_HALF_UP)

    def passes(self, grade: Decimal) -> bool:
        return grade >= self.passing_grade


# A quiz, formative: a few tries, each graded at once; the keys only when none remains.
# Quizzes published before they had a policy play by it too.
QUIZ_DEFAULT = Policy(max_attempts=3, review=ReviewPolicy.IMMEDIATELY)
