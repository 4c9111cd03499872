"""Every URL pattern, API route and WebSocket route, walked by every role.

Anonymous users are sent to log in (or get 401). Users of every role at campus A1
(and the state-level roles of state A) send GET, POST, PUT, PATCH and DELETE to
every route, with URLs, bodies and query strings that name the objects of two
victims: the sibling campus A2 and campus B1 of another state. They must get
403/404/405 wherever a victim is named in the URL, never a 5xx, never a response
that carries a victim's token (tests/access_victims.py marks every victim row and
file with one), and nothing of the victims may change.

New routes and apps fall under this test automatically: a URL keyword it does not
know, an app whose views no route reaches, or a WebSocket route with an unknown
keyword fails it until the walk learns them.
"""

import contextlib
import json
import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from impulsa.org.models import Membership
from impulsa.org.roles import ROLE_KINDS, Kind, Role
from tests import access_victims
from tests.factories import MembershipFactory, UserFactory
from tests.learning_builders import build_course, enroll

# Reachable without an account (log-in, password recovery, health, language, API docs).
PUBLIC = {
    "healthz",
    "readyz",
    "set_language",
    "accounts:login",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "api-schema",
    "api-docs",
    "api-token",  # exchanges a password (and TOTP code) for a token
    "public_media",
    "accounts:logout",  # POST-only; signing out needs no account
    "dual:company_register",  # a company asks to join (a campus approves it)
    "dual:company_register_done",
    "privacy:notice",  # the privacy notice is public (LGPDPPSO art. 26)
}
# Routes that end the walker's own session: walked by the anonymous test only.
SESSION_ENDING = {"api-logout"}
# Objects shared by the whole country (the national school calendar): any staff member
# may read them; changing them is refused below the national office.
NATIONAL_KWARGS = {"period_id", "fmt"}
# The Django admin is for platform operators (superusers with a TOTP code); it has
# its own log-in and is checked separately below.
SKIPPED_NAMESPACES = {"admin"}
MUTATIONS = ("post", "put", "patch", "delete")
SRC = Path(__file__).resolve().parents[1] / "src" / "impulsa"


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name, prefix + str(entry.pattern), entry


def _kwarg_names(route: str) -> list[str]:
    names = re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\(\?P<(\w+)>", route)
    return list(dict.fromkeys(names))


def all_routes():
    routes = []
    for name, route, pattern in _walk(get_resolver().url_patterns):
        top = (name or "").split(":")[0]
        if top in SKIPPED_NAMESPACES or route.startswith("admin/"):
            continue
        routes.append((name, route, _kwarg_names(route), pattern))
    return routes


def test_every_url_pattern_has_a_name():
    unnamed = [route for name, route, _, _ in all_routes() if not name]
    assert not unnamed, f"name these URL patterns so access tests can reach them: {unnamed}"


def _view_app(pattern) -> str:
    callback = pattern.callback
    module = getattr(callback, "view_class", None) or getattr(callback, "cls", None) or callback
    return module.__module__.split(".")[1] if module.__module__.startswith("impulsa.") else ""


def test_every_app_with_views_is_reached_by_the_walk():
    """An app that has view or REST modules but whose views no route reaches would be
    outside the walk: wire its urls (and the walk learns them) first."""
    walked = {_view_app(pattern) for *_, pattern in all_routes()}
    with_views = {
        path.relative_to(SRC).parts[0]
        for path in SRC.glob("*/**/*.py")
        if re.fullmatch(r"(\w+_)?(views|rest)", path.stem)
    }
    assert with_views, "the glob should find the apps' view modules"
    unreached = sorted(with_views - walked - {"core"})  # core's views are health checks
    assert not unreached, f"apps with views that no route reaches: {unreached}"


def _url(name, kwarg_names, ids):
    missing = [k for k in kwarg_names if k not in ids]
    assert not missing, (
        f"{name}: URL kwarg(s) {missing} unknown to the access walk; give the victims an "
        "object for them in tests/access_victims.py::build_victim"
    )
    return reverse(name, kwargs={k: ids[k] for k in kwarg_names})


# --- anonymous ----------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_log_in_or_get_401(client, world):
    victim = access_victims.build_victim(world, world.campus_b1, world.charlie, label="b", seed=7)
    checked = 0
    for name, _route, kwarg_names, _ in all_routes():
        if name in PUBLIC:
            continue
        url = _url(name, kwarg_names, _ids(world, victim))
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if url.startswith("/api/"):
                assert response.status_code == 401, (
                    f"{method.upper()} {url}: {response.status_code}"
                )
            else:
                assert response.status_code == 302, (
                    f"{method.upper()} {url}: {response.status_code}"
                )
                assert response.headers["Location"].startswith("/cuenta/entrar/"), url
            assert victim.token not in _text(response).lower(), url
            checked += 1
    assert checked > 10


def _ids(world, victim) -> dict:
    return {**victim.ids, "period_id": world.group_a1.period_id, "fmt": "gift"}


# --- every role of campus A ------------------------------------------------------------

# A walker per role: at campus A1 for every role a campus may hold, and at state A for
# the roles that reach a whole state. The national office reaches everything.
CAMPUS_WALKERS = [r.value for r in Role if Kind.CAMPUS in ROLE_KINDS[r]]
STATE_WALKERS = [r.value for r in Role if Kind.STATE in ROLE_KINDS[r]]
WALKERS = [("campus", r) for r in CAMPUS_WALKERS] + [("state", r) for r in STATE_WALKERS]
KNOWN = {
    ("campus", Role.CAMPUS_ADMIN): "alice",
    ("campus", Role.TEACHER): "teacher_a1",
    ("campus", Role.STUDENT): "student_a1",
    ("state", Role.STATE_ADMIN): "state_admin_a",
}


def _walker(world, level, role):
    if (level, role) in KNOWN:
        return getattr(world, KNOWN[(level, role)])
    user = UserFactory(username=f"{level}_{role}")
    MembershipFactory(
        user=user, institution=world.campus_a1 if level == "campus" else world.state_a, role=role
    )
    return user


def _own_work(world):
    """Campus A1 has a course of its own with its student enrolled, so the walkers'
    pages list real data beside what they must not show."""
    designer = UserFactory(username="disenador_a1")
    MembershipFactory(user=designer, institution=world.campus_a1, role=Role.CONTENT_DESIGNER)
    built = build_course(designer, institution=world.campus_a1, name="Curso de Guadalajara")
    enroll(world.alice, world.student_a1, built.course)


@pytest.mark.django_db
@pytest.mark.parametrize(("level", "role"), WALKERS, ids=[f"{lv}-{r}" for lv, r in WALKERS])
def test_no_role_of_campus_a_reaches_a_sibling_or_another_state(login, world, level, role):
    _own_work(world)
    victims = [
        access_victims.build_victim(world, world.campus_b1, world.charlie, label="b", seed=7)
    ]
    if level == "campus":
        victims.append(
            access_victims.build_victim(world, world.campus_a2, world.bob, label="s", seed=8)
        )
    walker = _walker(world, level, role)
    client = login(walker)
    pks = access_victims.all_pks()
    snapshots = [access_victims.victim_snapshot(v) for v in victims]
    tokens = [v.token for v in victims]
    for name, _route, kwarg_names, _ in all_routes():
        if name in PUBLIC or name in SESSION_ENDING:
            continue
        for victim in victims:
            _walk_route(client, name, kwarg_names, _ids(world, victim), victim, tokens)
    for victim, snapshot in zip(victims, snapshots, strict=True):
        problems = access_victims.changed_or_linked(victim, pks, snapshot)
        assert not problems, f"{level} {role}: {problems}"
    assert Membership.objects.filter(user=walker).count() == 1, "the walker gained a role"


@pytest.mark.django_db
def test_the_leak_detector_sees_a_campus_data_on_its_own_pages(login, world):
    """The walk can fail: the victim's own admin and student see its token on their
    pages, its file and its API records."""
    victim = access_victims.build_victim(world, world.campus_a2, world.bob, label="s", seed=8)
    ids = _ids(world, victim)
    seen = set()
    for user in (world.bob, _student_of(victim)):
        client = login(user)
        for name, _route, kwarg_names, _ in all_routes():
            if name in PUBLIC or name in SESSION_ENDING:
                continue
            response = client.get(_url(name, kwarg_names, ids))
            if victim.token in _text(response):
                seen.add(name)
    expected = {
        "people:user_list",
        "authoring:course_list",
        "player:my_courses",
        "player:attachment",  # the bytes of its course file
        "imports:job_errors_csv",
        "user-list",
        "dual:placements",
        "dual:placement",
        "dual:incident",
        "dual:logbook",  # the student's own logbook
        "dual:logbook_file",  # the bytes of its logbook photo
        "grading:queue",  # its student's name, waiting to be graded
        "grading:grade",  # its student's open answer
    }
    assert expected <= seen, f"token seen only on {sorted(seen)}"


def _student_of(victim):
    from impulsa.accounts.models import User

    return User.objects.get(pk=victim.ids["user_id"])


def _walk_route(client, name, kwarg_names, ids, victim, tokens):
    url = _url(name, kwarg_names, ids)
    named = bool(kwarg_names) and not set(kwarg_names) <= NATIONAL_KWARGS
    fields = access_victims.id_fields(victim)
    is_api = url.startswith("/api/")
    for method in ("get", *MUTATIONS):
        if method == "get":
            response = client.get(url, fields)
        elif is_api:
            response = getattr(client, method)(
                url, json.dumps(fields), content_type="application/json"
            )
        elif method == "post":
            response = client.post(url, fields)
        else:
            response = getattr(client, method)(
                url, json.dumps(fields), content_type="application/json"
            )
        status = response.status_code
        where = f"{method.upper()} {url} naming {victim.campus.code}"
        assert status < 500, f"{where}: {status}"
        if named:
            assert status in (403, 404, 405), f"{where}: answered {status}"
        leaked = [t for t in tokens if t in _text(response).lower()]
        assert not leaked, f"{where}: shows a victim's data"


def _text(response) -> str:
    headers = " ".join(f"{k}: {v}" for k, v in response.items())
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content).decode(errors="replace")
    else:
        body = response.content.decode(errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        # JSON escapes non-ASCII; compare on the decoded text.
        with contextlib.suppress(ValueError):
            body = json.dumps(json.loads(body), ensure_ascii=False)
    return f"{headers}\n{body}".lower()


@pytest.mark.django_db
def test_django_admin_is_closed_to_school_staff(login, world):
    client = login(world.alice)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/")
    response = client.get(f"/admin/accounts/user/{world.student_b1.pk}/change/")
    assert response.status_code == 302
