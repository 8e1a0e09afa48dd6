"""Scores an audit against a hand-written gold file (tests/gold/, copied from ../shared/gold), with
the metrics of ../shared/eval/score.py: status accuracy, values accuracy, flags F1, omission F1 and
units F1. Unit names are compared the way the scorer compares them (its own alias table below), so
the test does not judge the tool with the tool's own normalisation."""
from __future__ import annotations

import re

_ALIASES = [
    (r"教育和体育事业中心|教育和体育局|教体局|教育体育局|教育局|教育行政部门|教育部门", "教育"),
    (r"财政金融局|财政局", "财政"),
    (r"人力资源和社会保障局|人力资源社会保障局|人社局|人力资源和社会保障", "人社"),
    (r"机构编制委员会办公室|编委办|编办", "编办"),
    (r"发展和改革委员会|发展和改革局|发展改革局|发展改革委|发改委|发改局", "发改"),
    (r"住房和城乡建设局|住房城乡建设交通局|住房城乡建设局|住建局|建设局", "住建"),
    (r"自然资源和规划分局|自然资源和规划局|自规分局|自然资源局", "自然资源"),
    (r"组织人事部|组织部", "组织"),
    (r"公安分局|公安局", "公安"),
    (r"卫生健康委员会|卫生健康局|卫健委|卫健局", "卫健"),
    (r"市场监督管理局|市场监管局|市监局", "市场监管"),
    (r"文化体育广播电视和旅游局|文化和旅游局|文旅局|民政和文旅事业中心", "文旅"),
    (r"宣传新闻中心|宣传部", "宣传"),
    (r"各乡镇人民政府|各乡镇|各镇街|各乡街|各街道|各镇|^(?:镇|乡|中心|街道|镇街|乡镇)(?:人民政府|办事处)?$", "乡镇"),
    (r"应急管理局|综合行政执法与应急管理局", "应急"),
]
_PLACE = re.compile(r"^(?:[\u4e00-\u9fa5]{0,6}?(?:自治州|自治县|高新区|开发区|新区|县委|市委|区委|州|县|市|区))")


def _key(name: str) -> str:
    s = re.sub(r"[（(][^）)]*[）)]", "", name).strip(" 　、，,;；")
    for pattern, key in _ALIASES:
        if re.search(pattern, s):
            return key
    return _PLACE.sub("", s) or s


def _units(units) -> set[str]:
    names = [u for v in units.values() for u in v] if isinstance(units, dict) else list(units or [])
    return {_key(u) for u in names}


def _f1(tp: int, fp: int, fn: int) -> float:
    if tp + fp + fn == 0:
        return 1.0
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def score(pairs: list[tuple[dict, dict]]) -> dict[str, float]:
    """Totals over (gold, audit JSON) pairs."""
    c = dict(n=0, status=0, values_n=0, values=0, f_tp=0, f_fp=0, f_fn=0, om_tp=0, om_fp=0, om_fn=0, u_tp=0, u_fp=0, u_fn=0)
    for gold, audit in pairs:
        got = {i["id"]: i for i in audit["indicators"]}
        for iid, g in gold["indicators"].items():
            t = got[iid]
            gp, tp = g["status"] == "present", t["status"] == "present"
            c["n"] += 1
            c["status"] += gp == tp
            if not gp:
                continue
            if not tp:
                t = {"flags": [], "units": [], "values": []}
            gv, tv = sorted(set(g["values"])), sorted(set(t["values"]))
            if gv or tv:
                c["values_n"] += 1
                c["values"] += gv == tv
            gf, tf = set(g["flags"]), set(t["flags"])
            c["f_tp"] += len(gf & tf)
            c["f_fp"] += len(tf - gf)
            c["f_fn"] += len(gf - tf)
            gu, tu = _units(g["units"]), _units(t["units"])
            c["om_tp"] += not gu and tp and not tu
            c["om_fp"] += bool(gu) and tp and not tu
            c["om_fn"] += not gu and bool(tu)
            c["u_tp"] += len(gu & tu)
            c["u_fp"] += len(tu - gu)
            c["u_fn"] += len(gu - tu)
    return {
        "status_acc": c["status"] / c["n"],
        "values_acc": c["values"] / (c["values_n"] or 1),
        "flags_f1": _f1(c["f_tp"], c["f_fp"], c["f_fn"]),
        "omission_f1": _f1(c["om_tp"], c["om_fp"], c["om_fn"]),
        "units_f1": _f1(c["u_tp"], c["u_fp"], c["u_fn"]),
    }
