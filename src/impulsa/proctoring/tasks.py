from celery import shared_task

from impulsa.proctoring.taking.services import close_expired


@shared_task(name="proctoring.close_expired_attempts", ignore_result=True)
def close_expired_attempts() -> int:
    """Submit, with what was saved, every attempt whose deadline passed while nobody
    was there (the browser closed); runs every minute (settings: CELERY_BEAT_SCHEDULE)."""
    return close_expired()
