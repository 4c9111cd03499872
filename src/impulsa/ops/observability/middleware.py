"""Per request: an id (from nginx's X-Request-ID or new), the answer's time and status
in the metrics, and a warning for every query slower than SLOW_QUERY_SECONDS.

First in MIDDLEWARE, so its time covers every other middleware too. The slow-query
line carries the SQL with its placeholders only: parameters may be personal data.
"""

import logging
import time

from django.conf import settings
from django.db import connection

from impulsa.ops.observability import context, metrics

log = logging.getLogger("impulsa.slow_query")


def _route(request) -> str:
    # The URL pattern's name, not the path: ids in paths would make a series per row.
    match = getattr(request, "resolver_match", None)
    return match.view_name if match and match.view_name else "unmatched"


class ObservabilityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rid = context.from_header(request.headers.get("X-Request-ID"))
        token = context.request_id.set(rid)
        request.request_id = rid
        started = time.perf_counter()
        try:
            with connection.execute_wrapper(_SlowQueries(request)):
                response = self.get_response(request)
        finally:
            context.request_id.reset(token)
        route = _route(request)
        metrics.REQUESTS.labels(request.method, route, str(response.status_code)).inc()
        metrics.LATENCY.labels(route).observe(time.perf_counter() - started)
        response["X-Request-ID"] = rid
        return response


class _SlowQueries:
    def __init__(self, request):
        self.request = request

    def __call__(self, execute, sql, params, many, context_):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context_)
        finally:
            elapsed = time.perf_counter() - started
            if elapsed >= settings.SLOW_QUERY_SECONDS:
                route = _route(self.request)
                metrics.SLOW_QUERIES.labels(route).inc()
                log.warning(
                    "slow_query ms=%d route=%s sql=%s",
                    elapsed * 1000,
                    route,
                    " ".join(sql.split())[:2000],
                )
