"""Text in the encodings plans arrive in is read as written, never as silent mojibake; --encoding
overrides the detection; password-protected Office files are told apart by msoffcrypto-tool."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from duibiao.cli import main
from duibiao.errors import EncryptedDocument
from duibiao.extractors import read_document
from docx_fixtures import build_docx, p

PLAN = """關於印發《清河縣義務教育優質均衡發展實施方案》的通知
一、工作目標
到2025年，全縣小學、初中每百名學生擁有縣級以上骨幹教師數均達到1人以上。
二、保障措施
縣教育局牽頭，縣財政局、縣人社局配合，確保各項指標達到國家標準。
"""


SIMPLIFIED = "到2025年，全县小学、初中每百名学生拥有县级以上骨干教师数均达到1人以上。"


@pytest.mark.parametrize("encoding", ["big5", "gb18030", "utf-16", "utf-8-sig"])
def test_a_plan_in_a_legacy_encoding_reads_as_written(tmp_path, encoding):
    path = tmp_path / "plan.txt"
    path.write_bytes(PLAN.encode(encoding))
    doc = read_document(path)
    assert SIMPLIFIED in doc.plain_text()  # traditional text is read, then normalised to simplified
    assert "繁体" in doc.warnings[0]


def test_big5_bytes_that_gb18030_would_accept_are_read_as_big5(tmp_path):
    data = PLAN.encode("big5")
    assert data.decode("gb18030") != PLAN  # the trap: GB18030 decodes these bytes, into nonsense
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    assert SIMPLIFIED in read_document(path).plain_text()


def test_the_encoding_option_overrides_detection(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(PLAN.encode("big5"))
    wrong = CliRunner().invoke(main, ["extract", str(path), "--encoding", "utf-16-le"])
    assert SIMPLIFIED not in wrong.output
    right = CliRunner().invoke(main, ["extract", str(path), "--encoding", "big5"])
    assert right.exit_code == 0 and SIMPLIFIED in right.output
    unknown = CliRunner().invoke(main, ["extract", str(path), "--encoding", "no-such-code"])
    assert unknown.exit_code == 2 and "未知的编码" in unknown.output


def test_a_password_protected_word_file_is_named_as_such(tmp_path):
    import msoffcrypto.format.ooxml as ooxml

    plain = build_docx(tmp_path / "plain.docx", p("义务教育优质均衡发展实施方案"))
    locked = io.BytesIO()
    ooxml.OOXMLFile(io.BytesIO(plain.read_bytes())).encrypt("secret", locked)
    path = tmp_path / "locked.docx"
    path.write_bytes(locked.getvalue())
    with pytest.raises(EncryptedDocument) as info:
        read_document(path)
    assert "密码" in info.value.reason
