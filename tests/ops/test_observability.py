"""Metrics for operators only, request ids, slow queries without their parameters,
logs without personal data, Celery outcomes and queue depths."""

import logging
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from impulsa.celery import app as celery_app
from impulsa.ops.backups.models import Backup
from impulsa.ops.backups.sealing import SealError
from impulsa.ops.observability import logs

TOKEN = "token-de-prometheus-para-pruebas"


def _values(body: str) -> dict[str, float]:
    return {
        sample.name: sample.value
        for family in text_string_to_metric_families(body)
        for sample in family.samples
        if not sample.labels
    }


def _scrape(client, token=TOKEN):
    return client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.mark.django_db
@override_settings(METRICS_TOKEN=TOKEN)
def test_metrics_need_the_operators_token_or_a_national_admin(client, world, login):
    assert client.get("/metrics")["Location"].startswith("/cuenta/entrar/")
    assert _scrape(client, "otro")["Location"].startswith("/cuenta/entrar/")
    assert _scrape(client).status_code == 200
    for user in (world.alice, world.state_admin_a):
        assert login(user).get("/metrics").status_code == 404
    assert login(world.national_admin).get("/metrics").status_code == 200


@pytest.mark.django_db
@override_settings(METRICS_TOKEN="")
def test_without_a_token_configured_no_bearer_gets_in(client):
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 302


@pytest.mark.django_db
@override_settings(METRICS_TOKEN=TOKEN)
def test_requests_are_counted_by_route_not_by_path(client, world, login):
    login(world.alice).get("/")
    body = _scrape(client).content.decode()
    assert 'impulsa_http_requests_total{method="GET",route="home",status="200"}' in body
    assert 'impulsa_http_request_duration_seconds_bucket{le="0.025",route="home"}' in body
    assert 'route="/' not in body  # routes are pattern names, never paths with ids


@pytest.mark.django_db
@override_settings(METRICS_TOKEN=TOKEN)
def test_backup_age_and_failure_are_exposed(client):
    finished = timezone.now() - timezone.timedelta(hours=3)
    Backup.objects.create(
        name="a.impbak", status=Backup.Status.OK, started_at=finished, finished_at=finished,
        size_bytes=1234,
    )  # fmt: skip
    Backup.objects.create(name="b.impbak", status=Backup.Status.FAILED, started_at=timezone.now())
    body = _scrape(client).content.decode()
    values = _values(body)
    assert values["impulsa_backup_last_success_timestamp_seconds"] == pytest.approx(
        finished.timestamp()
    )
    assert values["impulsa_backup_last_size_bytes"] == 1234
    assert values["impulsa_backup_last_run_failed"] == 1


@pytest.mark.django_db
@override_settings(METRICS_TOKEN=TOKEN)
def test_celery_outcomes_are_counted_across_processes(client, world):
    celery_app.loader.import_default_modules()
    celery_app.tasks["dual.missing_logbooks"].apply()
    # throw=False: as a worker runs it (the suite's eager mode re-raises before
    # Celery's failure signal otherwise).
    with override_settings(BACKUP_ENCRYPTION_KEYS=["no-es-base64"]):
        result = celery_app.tasks["ops.daily_backup"].apply(throw=False)
    assert isinstance(result.result, SealError)
    assert Backup.objects.get().status == Backup.Status.FAILED
    body = _scrape(client).content.decode()
    assert (
        'impulsa_celery_tasks_total{outcome="succeeded",task="dual.missing_logbooks"} 1.0' in body
    )
    assert 'impulsa_celery_tasks_total{outcome="failed",task="ops.daily_backup"} 1.0' in body


@pytest.mark.django_db
@pytest.mark.skipif(not settings.REDIS_URL, reason="queue depths are read from Redis")
def test_queue_depth_is_read_from_the_broker(client):
    queue = f"ops-prueba-{uuid.uuid4().hex[:8]}"
    with override_settings(METRICS_TOKEN=TOKEN, OPS_MONITORED_QUEUES=[queue]):
        for _ in range(3):
            celery_app.send_task("dual.missing_logbooks", queue=queue)
        try:
            body = _scrape(client).content.decode()
        finally:
            celery_app.connection_for_write().default_channel.client.delete(queue)
    assert f'impulsa_celery_queue_length{{queue="{queue}"}} 3.0' in body


@pytest.mark.django_db
def test_every_answer_carries_a_request_id_and_a_valid_one_is_kept(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert len(first["X-Request-ID"]) == 32 and first["X-Request-ID"] != second["X-Request-ID"]
    given = "f" * 32
    assert client.get("/healthz", HTTP_X_REQUEST_ID=given)["X-Request-ID"] == given
    forged = client.get("/healthz", HTTP_X_REQUEST_ID="Ana Pérez <ana@example.mx>")
    assert forged["X-Request-ID"] != "Ana Pérez <ana@example.mx>"


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []
        self.addFilter(logs.RequestIdFilter())

    def emit(self, record):
        self.records.append(record)


@pytest.mark.django_db
def test_slow_queries_are_logged_with_the_request_id_and_without_parameters(world, login):
    client = login(world.alice)
    collect = _Collect()
    logger = logging.getLogger("impulsa.slow_query")
    logger.addHandler(collect)
    try:
        with override_settings(SLOW_QUERY_SECONDS=0):
            response = client.get("/personas/", {"q": "Valdés"}, HTTP_X_REQUEST_ID="a" * 32)
    finally:
        logger.removeHandler(collect)
    assert response.status_code == 200
    assert collect.records
    assert {r.request_id for r in collect.records} == {"a" * 32}
    text = "\n".join(r.getMessage() for r in collect.records)
    assert f"route={response.resolver_match.view_name} " in text
    assert "Valdés" not in text and "valdés" not in text.lower()
    assert "%s" in text


@pytest.mark.django_db
def test_queries_under_the_threshold_are_not_logged(world, login):
    client = login(world.alice)
    collect = _Collect()
    logger = logging.getLogger("impulsa.slow_query")
    logger.addHandler(collect)
    try:
        with override_settings(SLOW_QUERY_SECONDS=60):
            client.get("/personas/")
    finally:
        logger.removeHandler(collect)
    assert collect.records == []


@pytest.mark.parametrize(
    "message",
    [
        "import_failed curp=PEGA800101HJCRRN09",
        "login_failed user=ana.perez@conalep.edu.mx",
        "sms_failed phone=+52 33 1234 5678",
        "sms_failed phone=3312345678",
    ],
)
def test_personal_data_is_masked_in_logs(message):
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, message, None, None)
    logs.PersonalDataFilter().filter(record)
    assert logs.MASK in record.getMessage()
    assert record.getMessage().split("=")[0] == message.split("=")[0]


def test_ids_and_counts_are_not_mistaken_for_personal_data():
    message = "backup_done name=impulsa-20261203T091500Z.impbak bytes=532534 files=2"
    assert logs.mask(message) == message


@pytest.fixture(autouse=True)
def _forget_outcomes():
    yield
    cache.delete_many(
        [
            f"ops:celery:{t}:{o}"
            for t in celery_app.tasks
            for o in ("succeeded", "failed", "retried")
        ]
    )


def test_other_apps_read_the_request_id_through_the_api(client, db):
    from impulsa.ops.api import current_request_id

    assert current_request_id() == "-"
