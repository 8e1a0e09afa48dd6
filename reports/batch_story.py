"""What a batch run tells the reviewer besides the findings: regions that submitted twice (and which
file is the newer), files that were not audited, and a one-line tally for the end of the run.

    from duibiao.reports.batch_story import story_lines
    for line in story_lines(batch):
        print(line, file=sys.stderr)       # … 已审核 12 份，1 份无法读取，1 份跳过
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from duibiao.audit import AuditResult
from duibiao.audit.batch import BatchResult

NOT_A_PLAN = "不像是义务教育优质均衡发展实施方案，未逐项审核"


@dataclass(frozen=True)
class Duplicate:
    region: str
    sources: tuple[str, ...]  # every file of the region, in input order
    newer: str  # the newest of them
    why: str  # how the newer one was told (印发日期 or file time)

    def describe(self, source: str) -> str:
        """For one of the files: what it duplicates and which one is newer."""
        others = "、".join(Path(s).name for s in self.sources if s != source)
        verdict = "本文件较新" if source == self.newer else f"较新的是 {Path(self.newer).name}"
        return f"与 {others} 同为{self.region}的方案；{verdict}（{self.why}）"

    @property
    def line(self) -> str:
        names = "、".join(Path(s).name for s in self.sources)
        return f"注意：{self.region}报送了 {len(self.sources)} 份方案（{names}），较新的是 {Path(self.newer).name}（{self.why}）"


def duplicates(batch: BatchResult) -> list[Duplicate]:
    """Regions with more than one plan in the batch (two files, or two versions of one)."""
    by_region: dict[str, list[AuditResult]] = {}
    for a in batch.audits:
        region = a.document.metadata.region
        if a.is_plan and region:
            by_region.setdefault(region, []).append(a)
    out = []
    for region, plans in by_region.items():
        if len(plans) < 2:
            continue
        newest = max(plans, key=_age)
        dates = {a.document.metadata.date for a in plans}
        if len(dates) > 1 and newest.document.metadata.date:
            why = f"印发日期 {newest.document.metadata.date}"
        else:
            why = "印发日期相同或未标注，按文件修改时间判断"
        out.append(Duplicate(region, tuple(a.document.source for a in plans), newest.document.source, why))
    return out


def tally(batch: BatchResult) -> str:
    """已审核 12 份，1 份无法读取，2 份跳过 (skipped: not a plan, or not a plan file at all)."""
    audited = sum(a.is_plan for a in batch.audits)
    skipped = len(batch.audits) - audited + len(batch.skipped)
    return f"已审核 {audited} 份，{len(batch.failures)} 份无法读取，{skipped} 份跳过"


def story_lines(batch: BatchResult) -> list[str]:
    """The lines for the end of a batch run: duplicates, skipped files, then the tally."""
    lines = [d.line for d in duplicates(batch)]
    lines += [f"跳过：{a.document.source}：{NOT_A_PLAN}" for a in batch.audits if not a.is_plan]
    lines += [f"跳过：{f.message}" for f in batch.skipped]
    return lines + [tally(batch)]


def _age(a: AuditResult) -> tuple[str, float]:
    """Sorts older before newer: the date of issue, then the file's modification time."""
    try:
        mtime = os.path.getmtime(a.document.source)
    except OSError:
        mtime = 0.0
    return a.document.metadata.date or "", mtime
