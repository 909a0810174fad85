"""scripts/synthetic.py: the benchmark's sites are valid, and the checker finds exactly the planted defects."""

from synthetic import generate

from kb.check import check_config


def test_checker_finds_exactly_the_planted_defects(tmp_path):
    defects = generate(tmp_path / "kb", 120)
    assert len(defects) >= 5, "the generator should plant some defects at this size"
    _, problems = check_config(tmp_path / "kb" / "mkdocs.yml")
    found = {(p.file, p.line, p.code) for p in problems}
    assert found == defects, sorted(found ^ defects)


def test_the_parts_script_times_every_part_and_finds_the_same_problems(tmp_path):
    """scripts/parts.py (the performance page's table of where a cold check's time goes)."""
    import subprocess
    import sys

    from helpers import ROOT

    defects = generate(tmp_path / "kb", 60)
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "parts.py"), str(tmp_path / "kb" / "mkdocs.yml")],
                            capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{60 + 14} pages, {len(defects)} problems: reading and scanning ")
    labels = {line.split()[1] for line in lines[1:]} | {" ".join(line.split()[1:-1]) for line in lines[1:]}
    assert {"front matter", "links", "masking code", "heading ids", "links.check_links"} <= labels
