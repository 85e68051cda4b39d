"""The one exception of the upload package: a file that is refused, with a bilingual reason."""

from __future__ import annotations

import re
from collections.abc import Mapping

from geo.upload.findings import MESSAGES

_SHOWN_CHARS = 80
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def _clean(value: object) -> str:
    """One short line: control characters and line breaks become spaces, long text is cut."""
    text = _CONTROL.sub(" ", str(value)).strip()
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


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
        self.params = {key: _clean(value) for key, value in (params or {}).items()}
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        """One line in ``lang`` (``"zh"`` or ``"en"``): what is wrong and how to fix it."""
        return MESSAGES[self.code](lang, **self.params)
