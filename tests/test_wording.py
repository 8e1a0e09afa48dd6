"""The wording-variation corpus (tests/wording/*.toml): for every indicator several ways a plan may
commit to it, and negatives (current figures, gaps, quoted national numbers, unrelated numbers,
similar-looking quantities). Each case is audited as a one-fragment plan and the audit's status,
values and flags for its indicator are compared with what GUIDE.md says a reviewer expects.

A case the audit does not yet get right carries `known_gap = "why"`: it is reported as an expected
failure with that reason, and turns into an error as soon as it passes (strict), so the note goes.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from duibiao.audit import audit_file

CORPUS = Path(__file__).resolve().parent / "wording"


def _cases():
    for path in sorted(CORPUS.glob("*.toml")):
        for n, case in enumerate(tomllib.loads(path.read_text(encoding="utf-8"))["case"], 1):
            marks = [pytest.mark.xfail(reason=case["known_gap"], strict=True)] if "known_gap" in case else []
            yield pytest.param(case, id=f"{path.stem}-{n}-{case['id']}", marks=marks)


def test_the_corpus_covers_every_indicator_three_ways():
    from duibiao.catalog import load_standard

    commitments: dict[str, int] = {}
    for param in _cases():
        case = param.values[0]
        if case.get("status", "present") == "present" and "negative" not in case:
            commitments[case["id"]] = commitments.get(case["id"], 0) + 1
    thin = [i.id for i in load_standard().indicators if commitments.get(i.id, 0) < 3]
    assert not thin, f"fewer than three commitments: {thin}"


@pytest.mark.parametrize("case", list(_cases()))
def test_wording(case, tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(case["text"].strip() + "\n", encoding="utf-8")
    result = audit_file(plan).to_dict()
    got = next(i for i in result["indicators"] if i["id"] == case["id"])
    expected_status = case.get("status", "present")
    assert got["status"] == expected_status
    if expected_status == "present":
        assert sorted(set(got.get("values") or [])) == sorted(case["values"])
        assert sorted(got.get("flags") or []) == sorted(case["flags"])
