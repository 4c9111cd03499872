"""Sessions end after SESSION_IDLE_SECONDS without use, renewed at most every
SESSION_REFRESH_SECONDS instead of on every request."""

import time

from django.conf import settings

from impulsa.core.middleware import SlidingSessionMiddleware

KEY = SlidingSessionMiddleware.KEY


def test_a_request_renews_the_session_once_the_refresh_interval_has_passed(world, login):
    client = login(world.teacher_a1)
    session = client.session
    session[KEY] = int(time.time()) - settings.SESSION_REFRESH_SECONDS - 1
    session.save()

    response = client.get("/")

    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME in response.cookies
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE
    assert client.session[KEY] >= int(time.time()) - 5


def test_requests_within_the_refresh_interval_do_not_rewrite_the_session(world, login):
    client = login(world.teacher_a1)
    client.get("/")

    response = client.get("/")

    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_an_idle_session_past_its_age_is_sent_to_log_in(world, login, settings):
    settings.SESSION_COOKIE_AGE = 1
    client = login(world.teacher_a1)
    time.sleep(2)

    response = client.get("/")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/cuenta/entrar/")
