"""Failure during an exam burst: two app processes (granian, one worker each) behind
nginx, and one of them SIGKILLed once a third of the answers are in. Counts, in the
database, answers acknowledged to a student and not stored (must be 0), duplicate
attempts (0), and errors per request (goal: at most 0.5 %).

nginx sends a request whose connection failed to the other process
(`proxy_next_upstream error timeout`), exam POSTs included (`non_idempotent` under
/examenes/, as deploy/nginx.conf: starting resumes the open attempt, an answer is
kept per attempt and item, a second submit changes nothing, so a retry is harmless);
other POSTs already handed to the killed process are not retried. Baseline in the same
run: hello-world requests/s through the same proxy after the kill.

    DATABASE_URL=... REDIS_URL=... .venv/bin/python bench/failover_bench.py
    (a database with seed_demo loaded; BURST_STUDENTS, default 300)

`failover_bench.py redis` restarts Redis instead (a private redis-server with its
append-only file, started here on a free port): both processes stay up, sessions and
a queued Celery task must survive the restart; requests that meet Redis down count as
errors.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import PORT, REPO, SERVERS, _wait_for_port

REDIS_MODE = sys.argv[1:] == ["redis"]
REDIS_PORT = PORT + 13
if REDIS_MODE:
    # Before Django is set up: the bench and both app processes use the private Redis.
    os.environ["REDIS_URL"] = f"redis://127.0.0.1:{REDIS_PORT}/0"

import exam_burst  # noqa: E402 - sets Django up (after REDIS_URL is chosen)

APP_PORTS = (PORT + 11, PORT + 12)
KILL_AT = 1 / 3  # of the answers the crowd will send

NGINX = """
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    upstream app {{
        server 127.0.0.1:{a} max_fails=1 fail_timeout=10s;
        server 127.0.0.1:{b} max_fails=1 fail_timeout=10s;
        keepalive 64;
    }}
    server {{
        listen 127.0.0.1:{port} backlog=4096;
        # As deploy/nginx.conf: exam writes are idempotent, so retried on the other
        # process if the one holding them dies (see there).
        location /examenes/ {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host 127.0.0.1;
            proxy_next_upstream error timeout non_idempotent;
            proxy_next_upstream_tries 2;
            proxy_connect_timeout 2s;
            proxy_read_timeout 120s;
        }}
        location / {{
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host 127.0.0.1;
            proxy_next_upstream error timeout;
            proxy_connect_timeout 2s;
            proxy_read_timeout 120s;
        }}
    }}
}}
"""


def _app(port: int) -> subprocess.Popen:
    command = SERVERS["granian"](port)
    command[command.index("--workers") + 1] = "1"
    command[command.index("--blocking-threads") + 1] = "16"
    return subprocess.Popen(command, env=os.environ, cwd=REPO, start_new_session=True)


def _redis(folder: str) -> subprocess.Popen:
    command = ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1"]
    command += ["--dir", folder, "--appendonly", "yes", "--appendfsync", "always", "--save", ""]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, start_new_session=True)
    _wait_for_port(REDIS_PORT)
    return process


def _restart_redis(state: dict) -> None:
    """SIGTERM (Redis flushes its append-only file), then the same folder again."""
    started = time.perf_counter()
    os.killpg(state["redis"].pid, signal.SIGTERM)
    state["redis"].wait(timeout=30)
    state["redis"] = _redis(state["folder"])
    state["down_seconds"] = time.perf_counter() - started


def _killer(crowd, victim, expected: int, killed: list) -> None:
    while not killed:
        done = sum(len(s.acknowledged) for s in crowd)
        if done >= expected * KILL_AT:
            if isinstance(victim, dict):
                _restart_redis(victim)
            else:
                os.killpg(victim.pid, signal.SIGKILL)
            killed.append(done)
            return
        if all(not s.is_alive() for s in crowd):
            return
        time.sleep(0.01)


def main() -> None:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    redis_dir = tempfile.mkdtemp(prefix="impulsa-redis-")
    redis = {"folder": redis_dir, "redis": _redis(redis_dir)} if REDIS_MODE else None
    try:
        _burst(nginx, redis)
    finally:
        if redis:
            os.killpg(redis["redis"].pid, signal.SIGTERM)
            redis["redis"].wait(timeout=30)
        shutil.rmtree(redis_dir, ignore_errors=True)


def _queued_task(queue: str) -> None:
    from impulsa.celery import app

    app.send_task("dual.missing_logbooks", queue=queue)


def _queue_length(queue: str) -> int:
    from impulsa.celery import app

    with app.connection_for_write() as conn:
        return conn.default_channel.client.llen(queue)


def _burst(nginx: str, redis: dict | None) -> None:
    session, students = exam_burst._exam_session()
    keys = [exam_burst._session_key(s) for s in students]
    threading.stack_size(512 * 1024)
    barrier = threading.Barrier(len(keys) + 1)
    released = [0.0]
    crowd = [exam_burst.Student(session.pk, key, barrier, released) for key in keys]
    expected = len(crowd) * (exam_burst.FIXED + exam_burst.DRAWN)
    with tempfile.TemporaryDirectory(prefix="impulsa-failover-") as tmp:
        Path(tmp, "nginx.conf").write_text(
            NGINX.format(tmp=tmp, a=APP_PORTS[0], b=APP_PORTS[1], port=PORT)
        )
        apps = [_app(port) for port in APP_PORTS]
        proxy = subprocess.Popen([nginx, "-c", f"{tmp}/nginx.conf"], start_new_session=True)
        killed: list = []
        try:
            for port in (*APP_PORTS, PORT):
                _wait_for_port(port)
            exam_burst._hello_world()  # warm-up through the proxy
            if redis:
                _queued_task("failover-bench")
            victim = redis if redis else apps[0]
            killer = threading.Thread(target=_killer, args=(crowd, victim, expected, killed))
            for student in crowd:
                student.start()
            killer.start()
            released[0] = time.perf_counter()
            barrier.wait()
            for student in crowd:
                student.join()
            burst = time.perf_counter() - released[0]
            killer.join()
            hello = exam_burst._hello_world()
        finally:
            for process in (proxy, *apps):
                if process.poll() is None:
                    os.killpg(process.pid, signal.SIGTERM)
                    process.wait(timeout=30)
    if redis:
        print(
            f"Redis restarted after {killed[0] if killed else 0} answers, down "
            f"{redis.get('down_seconds', 0):.2f} s; queued task still queued: "
            f"{_queue_length('failover-bench') == 1}; sessions kept: every student "
            "went on without signing in again unless an error is listed below"
        )
    else:
        print(f"one of two app processes SIGKILLed after {killed[0] if killed else 0} answers")
    exam_burst._report(session, crowd, burst, hello)
    errors = sum(len(s.errors) for s in crowd)
    requests = sum(len(v) for s in crowd for v in s.times.values())
    print(
        f"error rate {100 * errors / max(requests, 1):.2f} % of {requests} requests (goal ≤ 0.5 %)"
    )


if __name__ == "__main__":
    main()
