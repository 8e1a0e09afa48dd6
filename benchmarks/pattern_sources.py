"""Where the catalog's patterns come from: how many match the standard's own text, how many match
only plan text (samples, and the devset when ../shared is present), and how many match exactly one plan.

    /work/venv/bin/python benchmarks/pattern_sources.py [--list]

Counts every regex of a standard file (quantity, topic, requirements, altered, stricter), by the
`source` it declares. Not a test: the source test is tests/test_catalog.py; this measures drift.
"""
from __future__ import annotations

import argparse
import re
import tomllib
from collections import Counter
from pathlib import Path

from duibiao.catalog import STANDARDS_DIR, pattern_entries
from duibiao.normalizer.text import clean

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset" / "plans"


def plans() -> dict[str, str]:
    files = sorted((ROOT / "samples").glob("*.txt")) + sorted(DEVSET.glob("*.txt"))
    return {f"{p.parent.name}/{p.stem}": clean(p.read_text(encoding="utf-8")) for p in files}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--standard", default=str(STANDARDS_DIR / "national-2017.toml"))
    parser.add_argument("--list", action="store_true", help="print each pattern that matches no standard text")
    args = parser.parse_args()
    raw = tomllib.loads(Path(args.standard).read_text(encoding="utf-8"))
    standard_text = "\n".join(clean(d["wording"]) + "\n" + clean(d["name"]) for d in raw["indicators"])
    texts = plans()
    totals: Counter = Counter()
    for ind in raw["indicators"]:
        for kind, pattern, source in pattern_entries(ind):
            regex = re.compile(pattern)
            in_standard = bool(regex.search(standard_text))
            hits = [name for name, text in texts.items() if regex.search(text)]
            totals["all"] += 1
            totals[f"source={source or 'none'}"] += 1
            totals["matches standard text"] += in_standard
            totals["matches plan text only"] += (not in_standard and bool(hits))
            totals["matches no text"] += (not in_standard and not hits)
            totals["not standard, exactly one plan"] += (not in_standard and len(hits) == 1)
            if args.list and not in_standard:
                print(f"{ind['id']:4} {kind:12} {source or '-':10} {len(hits):2} plans  {pattern}")
    print(f"plans read: {len(texts)} ({sum(1 for n in texts if n.startswith('plans/'))} devset)")
    for key, value in sorted(totals.items()):
        print(f"{key:34} {value}")


if __name__ == "__main__":
    main()
