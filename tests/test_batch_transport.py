"""Results audited in worker processes come back whole, with the parent's own catalog objects."""
import gc

from duibiao.audit.batch import audit_batch
from duibiao.catalog import load_standard

PLANS = {
    "松岭县.txt": "松岭县推进义务教育优质均衡发展实施方案\n"
                  "一、到2027年，全县小学、初中每百名学生拥有高于规定学历教师数分别达到4.3人、5.4人以上（县教育局负责）。\n"
                  "二、生均体育运动场馆面积小学达到7.6平方米以上，初中达到10.3平方米以上。\n",
    "白河县.txt": "白河县义务教育优质均衡发展工作方案\n"
                  "（一）所有学校班额不超过50人，县人社局、县编办配合。\n"
                  "（二）全县适龄残疾儿童少年入学率稳定在95%以上。\n",
}


def test_workers_send_back_what_one_process_finds_and_the_catalog_by_reference(tmp_path):
    for name, text in PLANS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    serial = audit_batch([tmp_path], jobs=1)
    parallel = audit_batch([tmp_path], jobs=2)
    assert len(parallel.audits) == len(PLANS)
    assert [a.to_dict() for a in parallel.audits] == [a.to_dict() for a in serial.audits]
    standard = load_standard()
    for audit in parallel.audits:
        assert audit.standard is standard
        assert all(r.verdict.indicator is standard[r.id] for r in audit.indicators)


def test_the_batch_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    for name, text in PLANS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    for jobs in (1, 2):
        batch = audit_batch([tmp_path], jobs=jobs)
        assert len(batch.audits) == len(PLANS)
        assert gc.get_freeze_count() == 0 and gc.isenabled()
    # a caller that keeps objects frozen of its own finds them still frozen
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        audit_batch([tmp_path], jobs=2)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
