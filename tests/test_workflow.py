"""The GitHub workflow: it runs what developers run, and keeps the checker's cache per branch."""

import yaml

from helpers import ROOT

WORKFLOW = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))


def steps(job: str) -> list[dict]:
    return WORKFLOW["jobs"][job]["steps"]


def test_the_test_job_runs_make_test_and_make_audit():
    runs = [step.get("run", "") for step in steps("test")]
    assert any(run.startswith("make test") for run in runs)
    assert any(run.startswith("make audit") for run in runs)


def test_the_checkers_cache_is_kept_per_branch_before_the_check_runs():
    names = [step.get("uses", step.get("run", "")) for step in steps("test")]
    cache = next(step for step in steps("test") if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache"
    # Keyed by branch (github.ref): one branch never restores another's cache, only its own last one.
    assert cache["with"]["key"].startswith("kb-checker-${{ github.ref }}-")
    assert cache["with"]["restore-keys"].strip().splitlines() == ["kb-checker-${{ github.ref }}-"]
    make_test = next(i for i, name in enumerate(names) if name.startswith("make test"))
    assert names.index(cache["uses"]) < make_test
