"""Grow a demo database (seed_demo) to national size with PostgreSQL COPY.

52,000 students over the demo campuses (users, student memberships and profiles, in
~530 groups per campus), 1-3 enrollments each in the published demo courses, and
about 2 million learning events with the answers and activity progress those events
imply (every answered item has its Answer row, every touched activity its progress
row, the enrollment's "where was I" pointer on its last activity). The model layer
is skipped on purpose: the rows are plain facts and COPY writes them in seconds.

Used by bench/national.py; `python bench/national_data.py <database url>` grows one
database alone.
"""

import json
import random
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import psycopg

from impulsa.accounts.demo_names import GIVEN_F, GIVEN_M, SURNAMES

STUDENTS = 52_000
GROUPS_PER_CAREER_SEMESTER = 58  # 3 careers x 3 semesters x 58 + the demo's 9: ~531
ENROLLMENTS_PER_STUDENT = ((1, 0.40), (2, 0.35), (3, 0.25))  # ~1.85 each, ~96,000 in all
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
STARTED = NOW - timedelta(days=60)
SEED = 52_000


@dataclass
class Campus:
    id: int
    inegi: str
    number: int
    careers: list[int]
    groups: dict[tuple[int, int], list[int]]  # (career, semester) -> group ids


@dataclass
class Version:
    id: int
    course_id: int
    number: int
    activities: list[tuple[uuid.UUID, str, list[int]]]  # key, kind, item version ids


def _campuses(conn) -> list[Campus]:
    rows = conn.execute(
        "SELECT c.id, c.path, s.code FROM org_institution c "
        "JOIN org_institution s ON s.id = c.parent_id WHERE c.kind = 'campus' ORDER BY c.path"
    ).fetchall()
    inegi = {"JAL": "14", "MEX": "15"}
    campuses = []
    for number, (campus_id, _path, state) in enumerate(rows, start=1):
        careers = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM org_career WHERE campus_id = %s ORDER BY code", [campus_id]
            )
        ]
        campuses.append(Campus(campus_id, inegi.get(state, "99"), number, careers, {}))
    return campuses


def _grow_groups(conn, campuses: list[Campus]) -> None:
    period = conn.execute("SELECT id FROM org_academicperiod WHERE is_current").fetchone()[0]
    with conn.cursor().copy(
        "COPY org_group (campus_id, period_id, career_id, name, semester, shift) FROM STDIN"
    ) as copy:
        for campus in campuses:
            for c, career in enumerate(campus.careers, start=1):
                for semester in (1, 3, 5):
                    for n in range(1, GROUPS_PER_CAREER_SEMESTER + 1):
                        shift = "morning" if n % 2 else "afternoon"
                        copy.write_row(
                            (campus.id, period, career, f"{semester}{c}{n:02d}N", semester, shift)
                        )
    for campus in campuses:
        rows = conn.execute(
            "SELECT id, career_id, semester FROM org_group WHERE campus_id = %s AND period_id = %s",
            [campus.id, period],
        )
        for group_id, career_id, semester in rows:
            campus.groups.setdefault((career_id, semester), []).append(group_id)


# Names as a national roll has them: few given names and surnames, many repeats.
# The demo's own names, so national-size people look like the demo's.
GIVEN = GIVEN_F + GIVEN_M


def _grow_students(conn, rng, campuses: list[Campus]) -> list[tuple[int, int]]:
    """Users, memberships and profiles; returns (user id, campus id) of each."""
    per_campus = STUDENTS // len(campuses)
    people = []
    with conn.cursor().copy(
        "COPY accounts_user (password, is_superuser, username, email, first_name, last_name, "
        "second_last_name, is_active, is_staff, date_joined, must_change_password, "
        "preferred_language, curp_hash) FROM STDIN"
    ) as copy:
        for campus in campuses:
            for n in range(1, per_campus + 1):
                matricula = f"25{campus.inegi}{campus.number:03d}{n:05d}"
                last, second = rng.sample(SURNAMES, 2)
                people.append((matricula, campus))
                copy.write_row(
                    (
                        "!",
                        False,
                        matricula,
                        "",
                        rng.choice(GIVEN),
                        last,
                        second,
                        n % 40 != 0,
                        False,
                        NOW,
                        False,
                        "es-mx",
                        "",
                    )
                )
    ids = dict(conn.execute("SELECT username, id FROM accounts_user WHERE username LIKE '25%'"))
    placed = []
    with conn.cursor().copy(
        "COPY org_membership (user_id, institution_id, role, created_at) FROM STDIN"
    ) as copy:
        for matricula, campus in people:
            copy.write_row((ids[matricula], campus.id, "student", NOW))
            placed.append((ids[matricula], campus.id))
    with conn.cursor().copy(
        "COPY accounts_studentprofile (user_id, campus_id, career_id, group_id, matricula, "
        "semester, updated_at) FROM STDIN"
    ) as copy:
        for matricula, campus in people:
            career = rng.choice(campus.careers)
            semester = rng.choice((1, 3, 5))
            group = rng.choice(campus.groups[(career, semester)])
            copy.write_row((ids[matricula], campus.id, career, group, matricula, semester, NOW))
    return placed


def _versions(conn) -> list[Version]:
    versions = []
    rows = conn.execute(
        "SELECT v.id, v.course_id, v.number FROM learning_course c "
        "JOIN learning_courseversion v ON v.id = c.published_id ORDER BY c.id"
    ).fetchall()
    for version_id, course_id, number in rows:
        activities = [
            (key, kind, list(frozen.get("item_versions", [])))
            for key, kind, frozen in conn.execute(
                "SELECT key, kind, frozen FROM learning_publishedactivity "
                "WHERE version_id = %s ORDER BY id",
                [version_id],
            )
        ]
        versions.append(Version(version_id, course_id, number, activities))
    return versions


def _grow_enrollments(conn, rng, placed, versions) -> list[tuple]:
    """Enrollments (COPY); returns (id, student, campus, version, activities done)."""
    counts, weights = zip(*ENROLLMENTS_PER_STUDENT, strict=True)
    planned = []
    for student, campus in placed:
        for version in rng.sample(versions, min(rng.choices(counts, weights)[0], len(versions))):
            # ~4 activities of ~5 events each: ~21 events per enrollment, ~2 M in all.
            done = rng.randint(1, min(7, len(version.activities)))
            gaps = [timedelta(minutes=rng.randint(5, 600)) for _ in range(done)]
            planned.append((student, campus, version, gaps))
    with conn.cursor().copy(
        "COPY learning_enrollment (student_id, course_id, campus_id, version_id, source, reason, "
        "status, created_at, last_activity_key, last_seen_at) FROM STDIN"
    ) as copy:
        for student, campus, version, gaps in planned:
            last_key = version.activities[len(gaps) - 1][0]
            last_seen = STARTED + sum(gaps, timedelta())
            row = (student, version.course_id, campus, version.id, "bulk", "", "active")
            copy.write_row((*row, STARTED, last_key, last_seen))
    ids = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM learning_enrollment WHERE created_at = %s ORDER BY id",
            [STARTED],
        )
    ]
    return [(eid, *plan) for eid, plan in zip(ids, planned, strict=True)]


def _event(who, verb, kind, object_id, key, when, result=None, ctx=None):
    enrollment, student, campus, version = who
    result, ctx = json.dumps(result or {}), json.dumps(ctx or {})
    head = (when, verb, kind, object_id, version.number, key, result, ctx)
    return (*head, student, campus, version.course_id, enrollment)


def _activity_rows(rng, who, activity, when):
    """The events, answers and progress row of one activity a student worked on."""
    key, _kind, items = activity
    events = [_event(who, "experienced", "activity", str(key), key, when)]
    answers, fractions = [], []
    for item in items:
        fraction = rng.choice(("1.0000", "1.0000", "0.5000", "0.0000"))
        fractions.append(float(fraction))
        result = {"score": fraction, "success": fraction == "1.0000"}
        ctx = {"attempt": 1, "item_version": item}
        events.append(_event(who, "answered", "item", f"item:{item}", key, when, result, ctx))
        answers.append((who[0], key, 1, item, None, fraction, 0, when))
    score = f"{sum(fractions) / len(fractions):.4f}" if fractions else "1.0000"
    result = {"score": score, "attempt": 1}
    events.append(_event(who, "completed", "activity", str(key), key, when, result))
    progress = (who[0], key, "completed", score, 1, rng.randint(30, 900), when)
    return events, answers, progress


def _grow_events(url, rng, enrollments) -> int:
    """Events of every enrollment (its registration, then its activities in order),
    with the answers and progress they imply (one connection per COPY: a connection
    runs one COPY at a time)."""
    written = 0
    # The rows are consistent by construction: skip the two million deferred foreign
    # key checks at commit (a bench database, a superuser's session setting).
    fast = {"options": "-c session_replication_role=replica"}
    with (
        psycopg.connect(url, **fast) as events_db,
        psycopg.connect(url, **fast) as answers_db,
        psycopg.connect(url, **fast) as progress_db,
        events_db.cursor().copy(
            "COPY learning_learningevent (timestamp, verb, object_type, object_id, version_number, "
            "activity_key, result, context, actor_id, campus_id, course_id, enrollment_id) FROM STDIN"
        ) as events,
        answers_db.cursor().copy(
            "COPY assessment_answer (enrollment_id, activity_key, attempt, item_version_id, "
            "response, fraction, hints_seen, updated_at) FROM STDIN"
        ) as answers,
        progress_db.cursor().copy(
            "COPY learning_activityprogress (enrollment_id, activity_key, status, score, attempts, "
            "seconds, updated_at) FROM STDIN"
        ) as progress,
    ):
        for enrollment, student, campus, version, gaps in enrollments:
            who, when = (enrollment, student, campus, version), STARTED
            course = str(version.course_id)
            events.write_row(_event(who, "registered", "course", course, None, when))
            written += 1
            for activity, gap in zip(version.activities, gaps, strict=False):
                when += gap
                rows, answered, touched = _activity_rows(rng, who, activity, when)
                for row in rows:
                    events.write_row(row)
                for row in answered:
                    answers.write_row(row)
                progress.write_row(touched)
                written += len(rows)
    return written


def grow(url: str) -> None:
    rng = random.Random(SEED)
    started = time.perf_counter()
    with psycopg.connect(url) as conn:
        campuses = _campuses(conn)
        _grow_groups(conn, campuses)
        placed = _grow_students(conn, rng, campuses)
        enrollments = _grow_enrollments(conn, rng, placed, _versions(conn))
    events = _grow_events(url, rng, enrollments)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    print(
        f"grown: {len(placed)} students, {len(enrollments)} enrollments, {events} events "
        f"in {time.perf_counter() - started:.0f} s"
    )


if __name__ == "__main__":
    grow(sys.argv[1])
