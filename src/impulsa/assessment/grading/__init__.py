"""Grading by a person: open answers graded with their rubric, and regrading after an item fix."""
