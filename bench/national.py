"""Staff list pages at demo size and at national size: `.venv/bin/python bench/national.py`.

Two databases of its own (never the test ones): `impulsa_bench_demo` (migrated, seed_demo)
and `impulsa_bench_national` (a copy of it grown by bench/national_data.py to 52,000
students, ~96,000 enrollments and ~2 M learning events, built once and then only
migrated; `--regrow` builds it again). Each staff list page is requested through the
real views (Django's test client, in-process, signed in as the demo user of that role)
BENCH_N times after two warm-up requests; the table prints p50/p95 per size and the
national/demo ratio of the p50 (the issue's goal: every ratio under 2).

`--explain LABEL` prints the plan of the SQL queries one page runs (national size).
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
PYTHON = Path(sys.executable)
DEMO_DB = "impulsa_bench_demo"
NATIONAL_DB = "impulsa_bench_national"
REQUESTS = int(os.environ.get("BENCH_N", "15"))

# label, username, url name, kwargs (resolved by name), query string
PAGES = [
    ("people list (campus admin)", "admin.gdl1", "people:user_list", {}, ""),
    ("people name search (campus admin)", "admin.gdl1", "people:user_list", {}, "q=jose+perez"),
    ("people by group (campus admin)", "admin.gdl1", "people:user_list", {}, "group={group}"),
    ("people list (state admin)", "admin.jalisco", "people:user_list", {}, ""),
    ("people name search (state admin)", "admin.jalisco", "people:user_list", {}, "q=garcia"),
    ("people list (national admin)", "admin.nacional", "people:user_list", {}, ""),
    ("campus page with groups (campus admin)", "admin.gdl1", "org:institution_detail",
     {"institution_id": "campus"}, ""),
    ("course catalog (campus admin)", "admin.gdl1", "enrollment:catalog", {}, ""),
    ("course catalog (state admin)", "admin.jalisco", "enrollment:catalog", {}, ""),
    ("course catalog (teacher)", "docente.gdl1", "enrollment:catalog", {}, ""),
    ("course enrollments (campus admin)", "admin.gdl1", "enrollment:course",
     {"course_id": "course"}, ""),
    ("course enrollments (state admin)", "admin.jalisco", "enrollment:course",
     {"course_id": "course"}, ""),
    ("course enrollments (teacher)", "docente.gdl1", "enrollment:course",
     {"course_id": "course"}, ""),
    ("enroll: student search (campus admin)", "admin.gdl1", "enrollment:enroll",
     {"course_id": "course"}, "q=hernandez"),
    ("bulk enroll form (campus admin)", "admin.gdl1", "enrollment:enroll_bulk",
     {"course_id": "course"}, ""),
    ("import jobs (campus admin)", "admin.gdl1", "imports:job_list", {}, ""),
    ("audit log (campus admin)", "admin.gdl1", "audit:entry_list", {}, ""),
]  # fmt: skip


def _url(name: str) -> str:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    return urlsplit(base)._replace(path=f"/{name}").geturl()


def _env(db: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": _url(db),
        "DJANGO_SETTINGS_MODULE": "impulsa.settings",
        "DEBUG": "false",
        "RATELIMIT_ENABLE": "false",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": f"{REPO / 'src'}{os.pathsep}{REPO / 'bench'}",
    }


def _manage(db: str, *args) -> None:
    subprocess.run(
        [PYTHON, REPO / "manage.py", *args], env=_env(db), check=True, stdout=subprocess.DEVNULL
    )


def _exists(admin, db: str) -> bool:
    return admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db]).fetchone()


def prepare(regrow: bool) -> None:
    import psycopg
    from national_data import grow

    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        if not _exists(admin, DEMO_DB):
            admin.execute(f'CREATE DATABASE "{DEMO_DB}"')
            _manage(DEMO_DB, "migrate", "--noinput")
            _manage(DEMO_DB, "seed_demo")
        _manage(DEMO_DB, "migrate", "--noinput")
        if regrow and _exists(admin, NATIONAL_DB):
            admin.execute(f'DROP DATABASE "{NATIONAL_DB}"')
        if not _exists(admin, NATIONAL_DB):
            admin.execute(f'CREATE DATABASE "{NATIONAL_DB}" TEMPLATE "{DEMO_DB}"')
            grow(_url(NATIONAL_DB))
        _manage(NATIONAL_DB, "migrate", "--noinput")
    _manage(DEMO_DB, "collectstatic", "--noinput")


def _measure(db: str) -> dict:
    command = [PYTHON, REPO / "bench" / "national_pages.py"]
    output = subprocess.run(command, env=_env(db), check=True, capture_output=True, text=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regrow", action="store_true", help="build the national copy again")
    parser.add_argument("--explain", metavar="LABEL", help="EXPLAIN one page's queries")
    args = parser.parse_args()
    prepare(args.regrow)
    if args.explain:
        command = [PYTHON, REPO / "bench" / "national_pages.py", "--explain", args.explain]
        subprocess.run(command, env=_env(NATIONAL_DB), check=True)
        return
    demo, national = _measure(DEMO_DB), _measure(NATIONAL_DB)
    print(f"\n== Staff list pages, {REQUESTS} requests each (ms) ==")
    print(
        f"{'page':42s} {'demo p50':>9s} {'p95':>7s} {'national p50':>13s} {'p95':>7s} {'ratio':>6s}"
    )
    for label, *_rest in PAGES:
        d, n = demo[label], national[label]
        ratio = n["p50"] / d["p50"]
        flag = "" if ratio <= 2 else "  > 2x"
        print(
            f"{label:42s} {d['p50']:9.1f} {d['p95']:7.1f} {n['p50']:13.1f} {n['p95']:7.1f} "
            f"{ratio:6.2f}{flag}"
        )


if __name__ == "__main__":
    main()
