"""Every audit's JSON form validates against the schema shipped in docs/, whatever the plan and format."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from duibiao.audit import audit_file
from duibiao.cli import main

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "audit.schema.json").read_text(encoding="utf-8"))
DEVSET = ROOT.parent / "shared" / "devset" / "plans"
PLANS = sorted(
    [*ROOT.glob("samples/*.txt"), *ROOT.glob("samples/*.docx"), *ROOT.glob("samples/*.pdf"),
     *DEVSET.glob("*.txt"), *ROOT.glob("tests/fresh_plans/*.txt")]
)
validator = jsonschema.Draft202012Validator(SCHEMA)


def test_the_schema_is_a_valid_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_audit_validates(plan):
    errors = sorted(validator.iter_errors(audit_file(plan).to_dict()), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_the_command_line_json_validates_and_a_broken_one_does_not(tmp_path):
    out = CliRunner().invoke(main, ["audit", str(ROOT / "samples" / "qitai.txt"), "--format", "json"])
    audit = json.loads(out.output)
    validator.validate(audit)
    audit["indicators"][0]["status"] = "maybe"
    assert not validator.is_valid(audit)
