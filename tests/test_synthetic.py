"""scripts/synthetic.py: the benchmark's sites are valid, and the checker finds exactly the planted defects."""

from synthetic import generate

from kb.check import check_config


def test_checker_finds_exactly_the_planted_defects(tmp_path):
    defects = generate(tmp_path / "kb", 120)
    assert len(defects) >= 5, "the generator should plant some defects at this size"
    _, problems = check_config(tmp_path / "kb" / "mkdocs.yml")
    found = {(p.file, p.line, p.code) for p in problems}
    assert found == defects, sorted(found ^ defects)
