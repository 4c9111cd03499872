"""Known-vulnerability audits of the locked dependencies: pip-audit over the installed
(pinned) Python packages and npm audit over package-lock.json.

Neither tool's exit code can be trusted alone: pip-audit answers "No known
vulnerabilities found" and exits 0 when the advisory service could not be reached for
any package (each is only marked "skip_reason"), and npm audit's error shape differs
from its report's. So each report is read in full and sorted into three outcomes:
vulnerable (fail), verified clean (pass), or unverified (some packages could not be
checked: never a pass).
"""

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NPM_BLOCKING = ("moderate", "high", "critical")


@dataclass
class Audit:
    tool: str
    audited: int = 0
    vulnerable: list[str] = field(default_factory=list)
    unaudited: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def verified(self) -> bool:
        return not self.error and not self.unaudited and self.audited > 0


def read_pip_audit(report: dict) -> Audit:
    audit = Audit("pip-audit")
    for dep in report.get("dependencies", []):
        if "skip_reason" in dep:
            audit.unaudited.append(f"{dep['name']}: {dep['skip_reason']}")
            continue
        audit.audited += 1
        audit.vulnerable += [
            f"{dep['name']} {dep['version']}: {v['id']} (arreglado en {v.get('fix_versions')})"
            for v in dep.get("vulns", [])
        ]
    return audit


def read_npm_audit(report: dict) -> Audit:
    audit = Audit("npm audit")
    if "error" in report or "statusCode" in report or "metadata" not in report:
        audit.error = str(report.get("message") or report.get("error") or "no report")[:300]
        return audit
    audit.audited = report["metadata"].get("dependencies", {}).get("total", 0)
    audit.vulnerable = [
        f"{name}: {info.get('severity')}"
        for name, info in report.get("vulnerabilities", {}).items()
        if info.get("severity") in NPM_BLOCKING
    ]
    return audit


def run_pip_audit(timeout: int = 300) -> Audit:
    command = [sys.executable, "-m", "pip_audit", "--skip-editable", "--progress-spinner", "off",
               "-f", "json"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    try:
        return read_pip_audit(json.loads(done.stdout))
    except json.JSONDecodeError:
        return Audit("pip-audit", error=(done.stderr or done.stdout)[-300:])


def run_npm_audit(timeout: int = 120) -> Audit:
    npm = shutil.which("npm")
    if npm is None:
        return Audit("npm audit", error="npm is not installed")
    command = [npm, "audit", "--package-lock-only", "--json"]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=timeout, check=False, cwd=REPO
    )
    try:
        return read_npm_audit(json.loads(done.stdout))
    except json.JSONDecodeError:
        return Audit("npm audit", error=(done.stderr or done.stdout)[-300:])
