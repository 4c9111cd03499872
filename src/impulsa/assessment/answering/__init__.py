"""Students answering practices and quizzes: the player's item views and answer endpoints."""
