"""deploy/ checked as far as a machine without a container runtime can: the Kubernetes
manifests against the API's schemas (kubernetes-validate, strict), the compose file
against the Compose Specification's schema (vendored), the Dockerfile with hadolint;
then what the schemas cannot say (probes, non-root, one beat, budgets, scaling)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from impulsa.settings import REPO_DIR

DEPLOY = REPO_DIR / "deploy"
BIN = Path(sys.executable).parent
MANIFESTS = sorted((DEPLOY / "k8s").glob("*.yaml"))


def _run(*command) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=REPO_DIR)


def _documents() -> list[dict]:
    return [doc for path in MANIFESTS for doc in yaml.safe_load_all(path.read_text()) if doc]


def _of_kind(kind: str) -> dict[str, dict]:
    return {doc["metadata"]["name"]: doc for doc in _documents() if doc["kind"] == kind}


def test_the_kubernetes_manifests_follow_the_api_schemas():
    result = _run(str(BIN / "kubernetes-validate"), "--strict", *map(str, MANIFESTS))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("passed") == len(_documents())


def test_the_compose_file_follows_the_compose_specification():
    schema = DEPLOY / "schemas" / "compose-spec.json"
    result = _run(str(BIN / "check-jsonschema"), "--schemafile", str(schema), "deploy/compose.yaml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_does_catch_a_broken_compose_file(tmp_path):
    broken = tmp_path / "compose.yaml"
    broken.write_text(
        "services:\n  web:\n    image: impulsa\n    restart: a-veces\n    puertos: [80]\n"
    )
    schema = DEPLOY / "schemas" / "compose-spec.json"
    result = _run(str(BIN / "check-jsonschema"), "--schemafile", str(schema), str(broken))
    assert result.returncode != 0


def test_the_dockerfile_passes_hadolint_and_runs_as_a_user_in_stages():
    dockerfile = DEPLOY / "Dockerfile"
    result = _run(str(BIN / "hadolint"), str(dockerfile))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [line.split() for line in dockerfile.read_text().splitlines() if line.strip()]
    stages = [words for words in lines if words[0] == "FROM"]
    assert len(stages) >= 3
    users = [words[1] for words in lines if words[0] == "USER"]
    assert users and not users[-1].startswith(("root", "0"))


def test_the_compose_file_runs_every_process_behind_nginx():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert {"db", "redis", "migrate", "web", "asgi", "worker", "beat", "nginx"} <= set(services)
    assert "wsgi" in services["web"]["command"] and "asgi" in services["asgi"]["command"]
    assert "beat" in services["beat"]["command"] and "worker" in services["worker"]["command"]
    assert services["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert set(services["nginx"]["ports"]) == {"80:80", "443:443"}
    assert not any("ports" in services[name] for name in ("web", "asgi", "db", "redis"))


@pytest.mark.parametrize("name", ["impulsa-web", "impulsa-asgi"])
def test_web_pods_are_ready_on_readyz_and_alive_on_a_plain_tcp_check(name):
    container = _of_kind("Deployment")[name]["spec"]["template"]["spec"]["containers"][0]
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert set(container["livenessProbe"]) & {"tcpSocket"} == {"tcpSocket"}


def test_every_pod_runs_unprivileged():
    templates = [d["spec"]["template"] for d in _of_kind("Deployment").values()]
    templates.append(_of_kind("Job")["impulsa-migrate"]["spec"]["template"])
    for template in templates:
        assert template["spec"]["securityContext"]["runAsNonRoot"] is True
        for container in template["spec"]["containers"]:
            assert container["securityContext"]["allowPrivilegeEscalation"] is False


def test_scaling_and_budgets_cover_every_process_but_the_single_beat():
    deployments = _of_kind("Deployment")
    scaled = {
        h["spec"]["scaleTargetRef"]["name"] for h in _of_kind("HorizontalPodAutoscaler").values()
    }
    budgeted = {
        f"impulsa-{p['spec']['selector']['matchLabels']['app.kubernetes.io/component']}"
        for p in _of_kind("PodDisruptionBudget").values()
    }
    assert scaled == budgeted == set(deployments) - {"impulsa-beat"}
    assert deployments["impulsa-beat"]["spec"]["replicas"] == 1
    assert deployments["impulsa-beat"]["spec"]["strategy"]["type"] == "Recreate"


def test_migrations_run_as_a_job_not_in_the_web_pods():
    job = _of_kind("Job")["impulsa-migrate"]
    assert job["spec"]["template"]["spec"]["containers"][0]["command"][-2:] == [
        "migrate",
        "--noinput",
    ]
    for deployment in _of_kind("Deployment").values():
        assert "migrate" not in deployment["spec"]["template"]["spec"]["containers"][0]["command"]


@pytest.mark.django_db
def test_every_alert_reads_a_metric_the_application_exposes():
    from impulsa.ops.observability import metrics

    exposed = (
        {"up"}
        | {family.name for family in metrics.SharedCollector().collect()}
        | {m._name for m in (metrics.REQUESTS, metrics.LATENCY, metrics.SLOW_QUERIES)}
    )
    rules = yaml.safe_load((DEPLOY / "prometheus" / "alerts.yml").read_text())
    alerts = [rule for group in rules["groups"] for rule in group["rules"]]
    assert len(alerts) >= 6
    for alert in alerts:
        names = set(re.findall(r"\b(impulsa_[a-z_]+|up)\b", alert["expr"]))
        assert names, alert["alert"]
        for name in names:
            base = re.sub(r"_(total|bucket|count|sum)$", "", name)
            assert name in exposed or base in exposed, f"{alert['alert']}: {name}"
