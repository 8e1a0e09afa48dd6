"""The ledger (方案台账): every plan uploaded to the workbench, its versions, audits and the reviewer's
decisions, in SQLite through SQLAlchemy, in one data folder.

    from duibiao.ledger import Ledger
    ledger = Ledger.open(data_dir)          # default_data_dir() when None
    version = ledger.add_upload("曲阜.docx", data)
    ledger.store_audit(version.id, result)  # or ledger.store_failure(version.id, reason)
    ledger.plans()                          # one row per region, latest version first
"""
from duibiao.ledger.keys import finding_keys
from duibiao.ledger.store import Ledger, default_data_dir

__all__ = ["Ledger", "default_data_dir", "finding_keys"]
