"""Codes of the activity kinds assessment registers (answering/activity_kinds.py).
Quizzes are taken as attempts: proctoring registers them."""

PRACTICE = "practice"
