"""The console script that `pip install .` puts beside the interpreter runs the installed package (with
its data files: the catalog, templates), from any working directory."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duibiao

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "qitai.txt"
SCRIPT = Path(sys.executable).parent / ("duibiao.exe" if sys.platform == "win32" else "duibiao")


def test_the_console_script_audits_a_plan_from_another_folder(tmp_path):
    (tmp_path / "catalog").mkdir()  # a user's own folder named like one of ours changes nothing
    (tmp_path / "catalog" / "__init__.py").write_text("raise SystemExit('not ours')")
    (tmp_path / "errors.py").write_text("raise SystemExit('not ours')")
    version = subprocess.run([str(SCRIPT), "--version"], capture_output=True, text=True, cwd=tmp_path)
    assert version.returncode == 0 and duibiao.__version__ in version.stdout
    audit = subprocess.run([str(SCRIPT), "audit", str(SAMPLE), "--format", "json"], capture_output=True,
                           text=True, cwd=tmp_path)
    assert audit.returncode == 0, audit.stderr
    result = json.loads(audit.stdout)
    assert len(result["indicators"]) == 40 and result["document"]["region"] == "奇台县"
