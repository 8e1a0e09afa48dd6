"""duibiao（对标）: audit county plans for 义务教育优质均衡发展 against 教督〔2017〕6号.

    from duibiao.audit import audit_file
    result = audit_file("方案.docx")
"""
__version__ = "0.1.0"
