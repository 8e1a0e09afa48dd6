"""A finding's stable key: the same problem in a revised plan has the same key, so a reviewer's
decision carries over from one version to the next."""
from __future__ import annotations

import hashlib

from duibiao.audit.findings import Finding


def finding_key(f: Finding) -> str:
    """indicator:kind:hash of the quote (the quote, not its location: paragraphs move in a revision)."""
    digest = hashlib.sha1(" ".join(f.quote.split()).encode("utf-8")).hexdigest()[:12]
    return f"{f.indicator or '-'}:{f.kind}:{digest}"


def finding_keys(findings: list[Finding]) -> list[str]:
    """A key per finding, in order; a key repeated within one audit (two levels below the standard in
    one sentence) gets #2, #3 … so that each finding has its own decision."""
    seen: dict[str, int] = {}
    keys = []
    for f in findings:
        key = finding_key(f)
        seen[key] = seen.get(key, 0) + 1
        keys.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return keys


def keyed(findings: list[dict]) -> list[dict]:
    """The findings of an audit's JSON, each with its "key"."""
    objects = [Finding(f["indicator"], f["severity"], f["kind"], f["message"], f["quote"]) for f in findings]
    return [{**f, "key": k} for f, k in zip(findings, finding_keys(objects))]


def changes(earlier: list[dict], later: list[dict]) -> dict[str, list[dict]]:
    """Between two versions' findings (keyed): resolved (gone), new, and remaining (in both). A finding
    whose sentence was reworded but says the same (indicator, kind and message) still remains; it
    carries the earlier key as "was"."""
    before = {f["key"] for f in earlier}
    after = {f["key"] for f in later}
    gone = {_gist(f): f for f in earlier if f["key"] not in after}
    out: dict[str, list[dict]] = {"resolved": [], "new": [], "remaining": []}
    for f in later:
        if f["key"] in before:
            out["remaining"].append(f)
        elif _gist(f) in gone:
            out["remaining"].append({**f, "was": gone.pop(_gist(f))["key"]})
        else:
            out["new"].append(f)
    out["resolved"] = list(gone.values())
    return out


def _gist(f: dict) -> tuple:
    return f["indicator"], f["kind"], f["message"]
