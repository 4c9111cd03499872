"""Codes of the activity kinds proctoring registers (kinds.py): each is taken as an
Attempt. Exams and diagnostics are given in sessions staff schedule; a quiz is taken
alone from the course, whenever its policy allows another try."""

QUIZ = "quiz"
EXAM = "exam"
DIAGNOSTIC = "diagnostic"
SESSION_KINDS = (EXAM, DIAGNOSTIC)
SOLO_KINDS = (QUIZ,)
ATTEMPT_KINDS = (QUIZ, EXAM, DIAGNOSTIC)
