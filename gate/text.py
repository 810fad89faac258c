"""Plain text from the public: markup and control characters are refused (with the field named), never stored.

Pages escape everything anyway; refusing markup tells a person why their text was not taken instead of storing a
script that some future export (Excel, DOCX) might not escape.
"""

from __future__ import annotations

import re

from kieumau.posted import CONTROL  # one definition of "control character" for staff and public text

MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|javascript\s*:", re.IGNORECASE)


def problem(value: str, what: str) -> str | None:
    """Why ``value`` cannot be taken as plain text (a Vietnamese message naming ``what``), or None."""
    if CONTROL.search(value or ""):
        return f"{what} có ký tự điều khiển không đọc được; hãy gõ lại."
    if MARKUP.search(value or ""):
        return f"{what} không được chứa mã HTML hay mã lệnh (như «<script>»); hãy viết bằng lời thường."
    return None
