"""The base of every management command of the project: argparse's refusals in Vietnamese, numbers in ASCII digits.

Every ``*/management/commands/*.py`` of the project subclasses ``kieumau.commands.Command`` (not Django's
``BaseCommand``), so a new command gets this too:

- argparse's own refusals ("the following arguments are required", "unrecognized arguments", "invalid choice",
  "expected one argument", "invalid int value" …) are worded in Vietnamese. On the command line the usage line is
  printed and the command exits 2, as argparse does; through ``call_command`` a ``CommandError`` with returncode 2
  is raised (Django's own parser raises "Error: …" in English with returncode 1). ``--help`` is left as it is.
- integer arguments are read with ``ascii_int`` / ``int_between`` (``type=``): only the digits 0–9, with an optional
  leading minus. Python's ``int()`` also reads full-width ('１２３'), Arabic-Indic and other Unicode digits, and
  thousands of digits; the app refuses those everywhere else (assessments.forms.AsciiIntegerField, engine.inputs).

``os_problem`` words an ``OSError`` (no such file, a folder, no permission, a name too long …) in Vietnamese and
``shown`` shortens a path for a message, for the commands and the loaders they call.
"""

from __future__ import annotations

import argparse
import errno
import re
import sys
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand, CommandError, CommandParser

USAGE_ERROR = "Lỗi cách dùng"
MAX_DIGITS = 18  # below 2**63: every integer argument fits a 64-bit database column and a timedelta
_ASCII_INT = re.compile(r"-?[0-9]+")
_ASCII_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


# --- integer arguments ------------------------------------------------------------------------------------------------

def _quoted(text: str, limit: int = 30) -> str:
    text = str(text)
    return f"«{text[:limit]}…»" if len(text) > limit else f"«{text}»"


def ascii_int(text: str) -> int:
    """An argparse ``type``: an integer written with the ASCII digits 0–9 (an optional leading minus), at most
    MAX_DIGITS digits; anything else (full-width or other Unicode digits, spaces, NaN, 1e3, 1.5 …) is refused."""
    text = str(text)
    if not _ASCII_INT.fullmatch(text):
        raise argparse.ArgumentTypeError(f"{_quoted(text)} không phải là số nguyên (chỉ dùng các chữ số 0–9)")
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise argparse.ArgumentTypeError(f"số {_quoted(text, 12)} quá lớn (tối đa {MAX_DIGITS} chữ số)")
    return int(text)


def int_between(low: int, high: int):
    """An argparse ``type``: ``ascii_int`` within ``low``–``high`` (both included)."""

    def parse(text: str) -> int:
        value = ascii_int(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{_quoted(text, 12)} nằm ngoài khoảng cho phép: phải từ {low} đến {high}")
        return value

    parse.__name__ = f"int_between_{low}_{high}"
    return parse


def number_between(low, high):
    """An argparse ``type``: a non-negative decimal number in ASCII digits (``30``, ``0.5``) within ``low``–``high``,
    returned as a float (no NaN, no infinity, no exponent, no Unicode digits)."""

    def parse(text: str) -> float:
        text = str(text)
        if not _ASCII_NUMBER.fullmatch(text) or len(text) > 2 * MAX_DIGITS:
            raise argparse.ArgumentTypeError(f"{_quoted(text)} không phải là số (viết như 30 hoặc 0.5, chữ số 0–9)")
        try:
            value = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only plain numbers
            raise argparse.ArgumentTypeError(f"{_quoted(text)} không phải là số") from None
        if not Decimal(str(low)) <= value <= Decimal(str(high)):
            raise argparse.ArgumentTypeError(f"{_quoted(text, 12)} nằm ngoài khoảng cho phép: phải từ {low} đến {high}")
        return float(value)

    parse.__name__ = f"number_between_{low}_{high}"
    return parse


# --- argparse's messages in Vietnamese ---------------------------------------------------------------------------------

_KINDS = {"int": "số nguyên", "float": "số", "ascii_int": "số nguyên"}


def _plain(value: str) -> str:
    """A value as argparse quotes it ('xml') without the quotes."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return value


def _choices(text: str) -> str:
    return ", ".join(_plain(c) for c in text.split(", "))


def _about_argument(name: str, message: str) -> str:
    """The Vietnamese of argparse's message about one argument (the part after "argument NAME: ")."""
    if m := re.fullmatch(r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)", message, re.S):
        return f"giá trị {_quoted(_plain(m['value']))} không hợp lệ; chọn một trong: {_choices(m['choices'])}"
    if m := re.fullmatch(r"invalid (?P<kind>\S+) value: (?P<value>.*)", message, re.S):
        kind = _KINDS.get(m["kind"], "giá trị hợp lệ")
        return f"{_quoted(_plain(m['value']))} không phải là {kind}"
    if message == "expected one argument":
        return "cần một giá trị ngay sau tham số"
    if message == "expected at least one argument":
        return "cần ít nhất một giá trị"
    if message == "expected at most one argument":
        return "chỉ nhận nhiều nhất một giá trị"
    if m := re.fullmatch(r"expected (?P<n>\d+) arguments?", message):
        return f"cần đúng {m['n']} giá trị"
    if m := re.fullmatch(r"not allowed with argument (?P<other>.+)", message, re.S):
        return f"không dùng cùng với {m['other']}"
    if m := re.fullmatch(r"ignored explicit argument (?P<value>.+)", message, re.S):
        return f"tham số này không nhận giá trị {_quoted(_plain(m['value']))}"
    return message  # an ArgumentTypeError of ascii_int & co: already Vietnamese


def vietnamese(message: str) -> str:
    """argparse's error ``message`` in Vietnamese (what is not recognised is kept, after a Vietnamese lead)."""
    message = str(message)
    if m := re.fullmatch(r"argument (?P<name>.+?): (?P<rest>.*)", message, re.S):
        return f"tham số {m['name']}: {_about_argument(m['name'], m['rest'])}"
    if m := re.fullmatch(r"the following arguments are required: (?P<names>.+)", message, re.S):
        return f"thiếu tham số bắt buộc: {m['names']}"
    if m := re.fullmatch(r"unrecognized arguments: (?P<args>.*)", message, re.S):
        return f"tham số không được hỗ trợ: {m['args']}"
    if m := re.fullmatch(r"one of the arguments (?P<names>.+) is required", message, re.S):
        return f"cần một trong các tham số: {m['names']}"
    if m := re.fullmatch(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)", message, re.S):
        return f"tùy chọn {m['option']} không rõ ràng, có thể là: {m['matches']}"
    if m := re.fullmatch(r"(?:Error: )?(?P<rest>.*)", message, re.S):
        message = m["rest"]
    return f"tham số không hợp lệ ({message})"


class VietnameseParser(CommandParser):
    """Django's CommandParser whose refusals are Vietnamese, exit 2 on the command line and CommandError(returncode=2)
    through call_command. Only ``error`` changes: argparse calls it for every refusal of the arguments."""

    def error(self, message):
        text = f"{USAGE_ERROR}: {vietnamese(message)}"
        if self.called_from_command_line:
            self.print_usage(sys.stderr)
            self.exit(2, text + "\n")
        raise CommandError(text, returncode=2)


class Command(BaseCommand):
    """The base of the project's commands (see the module's docstring)."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # Django builds a CommandParser; VietnameseParser adds no state, only its error(), so the parser built (with
        # Django's own base options) is given the subclass rather than rebuilt here (and sub-parsers, made with
        # type(parser), are Vietnamese too).
        parser.__class__ = VietnameseParser
        for action in parser._actions:
            if action.dest == "verbosity":  # Django's -v is type=int: '１' would be read as 1
                action.type = ascii_int
        return parser


# --- file-system errors --------------------------------------------------------------------------------------------------

_OS_PROBLEMS = {
    errno.ENOENT: "không có tệp hoặc thư mục này",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải là thư mục",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không được phép thao tác",
    errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn dài quá mức hệ thống tệp cho phép",
    errno.ELOOP: "đường dẫn có liên kết vòng",
    errno.ENOSPC: "ổ đĩa hết chỗ trống",
    errno.EROFS: "hệ thống tệp chỉ cho đọc",
    errno.EEXIST: "tệp đã có",
    errno.EINVAL: "đường dẫn không hợp lệ",
    errno.EIO: "lỗi đọc/ghi của thiết bị",
}


def os_problem(exc: OSError) -> str:
    """What went wrong with a file, in Vietnamese (never the system's English text)."""
    if isinstance(exc, UnicodeError):  # a name the file system cannot encode
        return "tên tệp có ký tự không dùng được"
    if isinstance(exc, ValueError):  # "embedded null byte"
        return "đường dẫn có ký tự không hợp lệ"
    return _OS_PROBLEMS.get(getattr(exc, "errno", None), f"lỗi hệ thống tệp (mã {getattr(exc, 'errno', None)})")


def shown(path, limit: int = 120) -> str:
    """A path for a message: a name of thousands of characters is shortened (its start and its end kept)."""
    text = str(path)
    if len(text) <= limit:
        return text
    return f"{text[: limit // 2]}…{text[-(limit // 2):]} ({len(text)} ký tự)"
