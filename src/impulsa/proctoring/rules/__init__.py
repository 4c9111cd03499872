"""Access rules of an exam, one small class per rule (Moodle's quiz access rules are
the model); manager.py composes them. Adding a rule is adding a class to RULES."""
