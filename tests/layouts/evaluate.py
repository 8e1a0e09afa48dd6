"""Score every layout of every plan with ../shared/eval/score.py's own functions, against the gold
audits and against the .txt's audit, in one process:

    cd tests && python -m layouts.evaluate RENDERED_DIR

RENDERED_DIR as written by layouts.render. Prints, per layout, each score.py figure against the gold
and the drop from the same plans as .txt (the acceptance: every drop ≤ 0.02), and any crash.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from duibiao.audit import audit_file

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
GOLD_DIRS = [SHARED / "gold", SHARED / "devset" / "gold", ROOT / "tests" / "fresh_plans" / "gold"]
PLAN_DIRS = [ROOT / "samples", SHARED / "devset" / "plans", ROOT / "tests" / "fresh_plans"]


def scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def audit_json(path: Path) -> dict:
    return json.loads(json.dumps(audit_file(path).to_dict(), ensure_ascii=False))


def as_gold(audit: dict) -> dict:
    """An audit in the gold files' shape (indicators keyed by id), to score another audit against it."""
    return {**audit, "indicators": {i["id"]: i for i in audit.get("indicators", [])}}


def score(score_mod, pairs: list[tuple[dict, dict]]) -> dict:
    """score.py's figures over (gold, audit) pairs, blank slots included as score.py counts them."""
    total = None
    for gold, audit in pairs:
        c, _ = score_mod.score_doc(gold, audit, False)
        c["docs"], c["blank_ok"] = 1, int(audit.get("unassigned_rows") == gold.get("unassigned_rows"))
        total = c if total is None else {k: total[k] + c[k] for k in c}
    return score_mod.summarize(total)


def gold_of(name: str) -> dict | None:
    for d in GOLD_DIRS:
        p = d / f"{name}.json"
        if p.exists():
            return json.loads(p.read_text(encoding="utf-8"))
    return None


def txt_of(name: str) -> Path | None:
    for d in PLAN_DIRS:
        if (d / f"{name}.txt").exists():
            return d / f"{name}.txt"
    return None


def main(argv: list[str]) -> int:
    rendered = Path(argv[0])
    sm = scorer()
    layouts = sorted(p for p in rendered.iterdir() if p.is_dir())
    names = sorted({f.stem for lay in layouts for f in lay.iterdir()})
    names = [n for n in names if gold_of(n) and txt_of(n)]
    golds = {n: gold_of(n) for n in names}
    txt = {n: audit_json(txt_of(n)) for n in names}
    base = score(sm, [(golds[n], txt[n]) for n in names])
    keys = list(base)
    print(f"{'layout':18}" + "".join(f"{k[:12]:>13}" for k in keys) + "  worst drop / crashes")
    print(f"{'txt':18}" + "".join(f"{base[k]:13.3f}" for k in keys))
    for lay in layouts:
        pairs, crashes = [], []
        for n in names:
            files = list(lay.glob(f"{n}.*"))
            if not files:
                continue
            try:
                pairs.append((golds[n], audit_json(files[0])))
            except Exception as e:  # noqa: BLE001 — a crash is a finding to report, not a stop
                crashes.append(f"{n}: {type(e).__name__}: {e}")
                pairs.append((golds[n], {}))
        s = score(sm, pairs)
        drops = {k: base[k] - s[k] for k in keys}
        worst = max(drops, key=drops.get)
        print(f"{lay.name:18}" + "".join(f"{s[k]:13.3f}" for k in keys) + f"  {worst} -{drops[worst]:.3f}" + (f" CRASH {crashes}" if crashes else ""))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
