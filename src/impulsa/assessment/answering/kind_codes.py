"""Codes of the activity kinds assessment registers (answering/activity_kinds.py)."""

PRACTICE = "practice"
QUIZ = "quiz"
