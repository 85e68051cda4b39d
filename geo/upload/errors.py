"""The one exception of the upload package: a file that is refused, with a bilingual reason."""

from __future__ import annotations

from collections.abc import Mapping

from geo.upload.findings import MESSAGES, one_line


class UploadError(Exception):
    """A user's file that cannot be accepted.

    Parameters
    ----------
    code : str
        Key of :data:`geo.upload.findings.MESSAGES` (e.g. ``"too_large"``).
    params : mapping, optional
        Values for the message template; text from the file is shortened to one line.
    """

    def __init__(self, code: str, params: Mapping[str, object] | None = None):
        if code not in MESSAGES:
            raise ValueError(f"unknown upload error code {code!r}")
        self.code = code
        self.params = {key: one_line(value) for key, value in (params or {}).items()}
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        """One line in ``lang`` (``"zh"`` or ``"en"``): what is wrong and how to fix it."""
        return MESSAGES[self.code](lang, **self.params)
