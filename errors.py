"""The tool's own error types. The CLI turns these into one Chinese line naming the file; anything
else is a bug and shows a traceback only with --debug."""
from __future__ import annotations


class DuibiaoError(Exception):
    """Base of every error the tool reports to the user as a clean message."""


class UnreadableDocument(DuibiaoError):
    """A file that cannot be read as a plan. `reason` is Chinese, for the user."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}：{reason}")
        self.path = str(path)
        self.reason = reason


class NeedsOCR(UnreadableDocument):
    """A scanned document or one whose text layer is garbled: only OCR can read it."""


class EncryptedDocument(UnreadableDocument):
    """A password-protected document opened without (the right) password."""


class UnsupportedFormat(UnreadableDocument):
    """A file whose content is not a plan format the tool reads (image, spreadsheet, …)."""
