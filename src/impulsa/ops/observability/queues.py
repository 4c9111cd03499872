"""Celery queue depths, read from the broker (Redis: one list per queue)."""

import redis
from django.conf import settings

_clients: dict[str, redis.Redis] = {}


def _client() -> redis.Redis:
    url = settings.CELERY_BROKER_URL
    if url not in _clients:
        _clients[url] = redis.Redis.from_url(url, socket_timeout=2)
    return _clients[url]


def monitored() -> list[str]:
    from impulsa.celery import app

    return sorted({app.conf.task_default_queue or "celery", *settings.OPS_MONITORED_QUEUES})


def depths() -> dict[str, int]:
    """Tasks waiting per queue; empty without a broker (the demo runs tasks eagerly)."""
    if not settings.CELERY_BROKER_URL.startswith("redis"):
        return {}
    try:
        pipe = _client().pipeline()
        names = monitored()
        for name in names:
            pipe.llen(name)
        return dict(zip(names, pipe.execute(), strict=True))
    except redis.RedisError:
        return {}
