"""Impulsa benchmarks: `make bench` (or `.venv/bin/python bench/run.py`).

Figures are ratios against a baseline measured in the same run, because these
machines are noisy:
1. Serving: /healthz (a hello-world view behind our whole middleware stack) and the
   logged-in home page of a campus admin and of a student, under granian and under
   gunicorn (WSGI, 2 workers each), with wrk. Prints requests/s and home/hello.
2. Where the home page's time goes: a cProfile of 300 home requests in-process,
   grouped into database, templates, sessions/auth, the access rule and the rest.
3. The student's player: the lesson page and the answer submit vs hello-world, and
   the share of an answer request spent writing its learning event
   (bench/learning_bench.py).
4. Student import: bench/import_bench.py (10,000 rows vs PostgreSQL COPY).
5. Bounded work: bench/bounds_bench.py (a hostile XLSX and hostile regex answers vs
   honest ones).

Runs against its own database (impulsa_bench, or $BENCH_DB) loaded with the demo data.
`bench/run.py serving learning` runs only the parts named.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

REPO = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
PORT = int(os.environ.get("BENCH_PORT", "8765"))  # another port when two runs share a machine
DURATION = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = 16
BENCH_DB = os.environ.get("BENCH_DB", "impulsa_bench")


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return urlsplit(url)._replace(path=f"/{BENCH_DB}").geturl()
    sys.path.insert(0, str(REPO / "src"))
    from impulsa import embedded_db

    conf = embedded_db.database_settings()
    return f"postgres://{conf['USER']}@/{BENCH_DB}?host={quote(conf['HOST'])}"


def _create_database(url: str) -> None:
    import psycopg

    admin_url = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{BENCH_DB}"')


def _manage(env, *args) -> None:
    subprocess.run(
        [str(VENV_BIN / "python"), str(REPO / "manage.py"), *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"the server did not open port {port}")


SERVERS = {
    "granian": lambda port: [
        str(VENV_BIN / "granian"),
        "--interface",
        "wsgi",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "2",
        "--blocking-threads",
        "1",
        "--no-ws",
        "--log-level",
        "warning",
        "impulsa.wsgi:application",
    ],
    "gunicorn": lambda port: [
        str(VENV_BIN / "gunicorn"),
        "--workers",
        "2",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "impulsa.wsgi:application",
    ],
}


def _wrk(url: str, cookie: str | None = None) -> float:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        raise RuntimeError(f"{url}: {non_2xx.group(1)} failed responses\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def _session_cookie(env, username: str) -> str:
    """A signed-in (and 2FA-verified) session for `username`, as the browser would hold."""
    code = (
        "from django.contrib.sessions.backends.base import SessionBase\n"
        "from importlib import import_module\n"
        "from django.conf import settings\n"
        "from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY, BACKEND_SESSION_KEY\n"
        "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
        "from impulsa.accounts.models import User\n"
        f"user = User.objects.get(username='{username}')\n"
        "store = import_module(settings.SESSION_ENGINE).SessionStore()\n"
        "store[SESSION_KEY] = str(user.pk)\n"
        "store[BACKEND_SESSION_KEY] = 'impulsa.accounts.signin.authentication.CachedModelBackend'\n"
        "store[HASH_SESSION_KEY] = user.get_session_auth_hash()\n"
        "device = TOTPDevice.objects.filter(user=user, confirmed=True).first()\n"
        "if device: store['otp_device_id'] = device.persistent_id\n"
        "store.create()\n"
        "print(store.session_key)\n"
    )
    result = subprocess.run(
        [str(VENV_BIN / "python"), str(REPO / "manage.py"), "shell", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return f"sessionid={result.stdout.strip().splitlines()[-1]}"


def bench_serving(env) -> None:
    print(f"\n== Serving (wrk, 2 threads, {CONNECTIONS} connections, {DURATION}s per figure) ==")
    admin_cookie = _session_cookie(env, "admin.gdl1")
    student_cookie = _session_cookie(env, "261400100001")
    results = {}
    for name, command in SERVERS.items():
        server = subprocess.Popen(command(PORT), env=env, cwd=REPO, start_new_session=True)
        try:
            _wait_for_port(PORT)
            base = f"http://127.0.0.1:{PORT}"
            _wrk(f"{base}/healthz")  # warm-up: workers, connections, caches
            _wrk(f"{base}/", admin_cookie)
            hello = _wrk(f"{base}/healthz")
            admin_home = _wrk(f"{base}/", admin_cookie)
            student_home = _wrk(f"{base}/", student_cookie)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)
        results[name] = (hello, admin_home, student_home)
        print(
            f"{name:9s} hello-world {hello:9.0f} req/s | home (campus admin) {admin_home:7.0f} "
            f"req/s = {100 * admin_home / hello:5.1f} % | home (student) {student_home:7.0f} "
            f"req/s = {100 * student_home / hello:5.1f} %"
        )
    best = max(results, key=lambda n: results[n][1])
    print(
        f"faster for the logged-in home page: {best} "
        f"(granian/gunicorn home = {results['granian'][1] / results['gunicorn'][1]:.2f})"
    )


def bench_profile(env) -> None:
    print("\n== Where a campus admin's home page spends its time (cProfile, 300 requests) ==")
    code = Path(__file__).with_name("profile_home.py")
    subprocess.run([str(VENV_BIN / "python"), str(code)], env=env, check=True)


def bench_learning(env) -> None:
    print(f"\n== The student's player (granian, wrk {CONNECTIONS} connections, {DURATION}s) ==")
    script = REPO / "bench" / "learning_bench.py"
    subprocess.run([str(VENV_BIN / "python"), str(script)], env=env, cwd=REPO, check=True)


def bench_import(env) -> None:
    print("\n== Student import ==")
    subprocess.run(
        [str(VENV_BIN / "python"), str(REPO / "bench" / "import_bench.py")], env=env, check=True
    )


def bench_bounds(env) -> None:
    print("\n== Bounded work: hostile files and answers ==")
    subprocess.run(
        [str(VENV_BIN / "python"), str(REPO / "bench" / "bounds_bench.py")], env=env, check=True
    )


def bench_assistant(env) -> None:
    print("\n== Help-desk assistant: top-1 article accuracy ==")
    subprocess.run(
        [str(VENV_BIN / "python"), str(REPO / "bench" / "assistant_bench.py")], env=env, check=True
    )


def bench_exam(env) -> None:
    students = env.get("BURST_STUDENTS", "300")
    print(f"\n== Exam-start burst ({students} students, granian, 2 workers) ==")
    script = REPO / "bench" / "exam_burst.py"
    subprocess.run([str(VENV_BIN / "python"), str(script)], env=env, cwd=REPO / "bench", check=True)


def _local_redis() -> str | None:
    """Production keeps sessions and cache in Redis: use a local one when it answers."""
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            if sock.recv(16).startswith(b"+PONG"):
                return "redis://127.0.0.1:6379/15"
    except OSError:
        return None
    return None


def main() -> None:
    if shutil.which("wrk") is None:
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        subprocess.run(
            [*sudo, "apt-get", "install", "-y", "-q", "wrk"], check=True, stdout=subprocess.DEVNULL
        )
    url = _database_url()
    _create_database(url)
    redis_url = os.environ.get("REDIS_URL") or _local_redis()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "impulsa.settings",
        "DEBUG": "false",
        "RATELIMIT_ENABLE": "false",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(REPO / "src"),
        "REDIS_URL": redis_url or "",
    }
    print(f"database: {BENCH_DB}; redis: {env.get('REDIS_URL') or 'no (local memory cache)'}")
    _manage(env, "migrate", "--noinput")
    _manage(env, "collectstatic", "--noinput")
    _manage(env, "seed_demo")
    parts = {
        "serving": bench_serving,
        "profile": bench_profile,
        "learning": bench_learning,
        "import": bench_import,
        "bounds": bench_bounds,
        "assistant": bench_assistant,
        "exam": bench_exam,
    }
    for name in sys.argv[1:] or parts:
        parts[name](env)


if __name__ == "__main__":
    main()
