"""pip-audit and npm audit against the locked versions. A vulnerability fails the
suite; an audit that could not reach its advisory database is never a pass: the test
is reported as skipped, naming how many packages went unchecked (README, «Security
checks»), and the tests below prove the reading of both tools' reports."""

import pytest

from tests.security.dependency_audit import (
    read_npm_audit,
    read_pip_audit,
    run_npm_audit,
    run_pip_audit,
)


def _judge(audit) -> None:
    assert not audit.vulnerable, f"{audit.tool}: known vulnerabilities: {audit.vulnerable}"
    if not audit.verified:
        reason = audit.error or f"{len(audit.unaudited)} packages unchecked"
        pytest.skip(f"UNVERIFIED {audit.tool}: advisory database unreachable ({reason})")


def test_locked_python_packages_have_no_known_vulnerabilities():
    _judge(run_pip_audit())


def test_locked_npm_packages_have_no_known_vulnerabilities():
    _judge(run_npm_audit())


def test_a_pip_audit_report_that_skipped_packages_is_not_verified():
    # What pip-audit prints with exit code 0 when its service answers 404 for each package.
    report = {"dependencies": [
        {"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited"},
        {"name": "celery", "version": "5.7.0", "vulns": []},
    ]}  # fmt: skip
    audit = read_pip_audit(report)
    assert not audit.verified and audit.audited == 1 and not audit.vulnerable
    with pytest.raises(pytest.skip.Exception, match="UNVERIFIED"):
        _judge(audit)


def test_a_pip_audit_report_with_a_vulnerability_fails():
    report = {"dependencies": [{"name": "django", "version": "5.2.0",
                                "vulns": [{"id": "PYSEC-2026-1", "fix_versions": ["5.2.1"]}]}]}  # fmt: skip
    with pytest.raises(AssertionError, match="PYSEC-2026-1"):
        _judge(read_pip_audit(report))
    clean = read_pip_audit({"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}]})
    assert clean.verified


def test_an_npm_audit_error_is_not_verified_and_a_high_advisory_fails():
    refused = read_npm_audit({"message": "405 Method Not Allowed", "statusCode": 405})
    assert not refused.verified and "405" in refused.error
    report = {
        "vulnerabilities": {"bootstrap": {"severity": "high"}, "axe-core": {"severity": "low"}},
        "metadata": {"dependencies": {"total": 4}},
    }
    with pytest.raises(AssertionError, match="bootstrap: high"):
        _judge(read_npm_audit(report))
