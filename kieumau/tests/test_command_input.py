"""kieumau.commands: every project command refuses bad arguments in Vietnamese (exit 2), reads integers from ASCII
digits only, and keeps Django's --help."""

from __future__ import annotations

import argparse
import contextlib
import errno
import io
from pathlib import Path

import pytest
from django.core.management import ManagementUtility, call_command, get_commands, load_command_class
from django.core.management.base import CommandError

from kieumau import commands

ROOT = Path(__file__).resolve().parents[2]
_VI = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
ENGLISH = ("Error:", "invalid", "required", "unrecognized", "expected", "choose from")


def vietnamese(text: str) -> bool:
    return any(c in _VI for c in text.lower()) and not any(word in text for word in ENGLISH)


def project_commands() -> dict[str, str]:
    """name → app of every command defined in the project's apps (not Django's or a library's)."""
    return {name: app for name, app in get_commands().items()
            if (ROOT / app.replace(".", "/") / "management" / "commands" / f"{name}.py").is_file()}


def test_every_project_command_is_built_on_the_shared_base():
    found = project_commands()
    assert {"api_token", "backup", "loadset", "import_figures", "erase_contacts"} <= set(found)
    files = {p.stem for p in ROOT.glob("*/management/commands/*.py") if p.stem != "__init__"}
    assert files == set(found), "a command file the scan did not load"
    plain = [name for name, app in sorted(found.items()) if not isinstance(load_command_class(app, name), commands.Command)]
    assert plain == [], "commands not built on kieumau.commands.Command"


# argparse's own refusals, through call_command: CommandError in Vietnamese with returncode 2 (Django's parser raises
# "Error: …" in English with returncode 1). All are refused while parsing, before the command runs.
REFUSED = [
    ("report", ["56", "--output", "x.docx"]),  # no --period
    ("report", []),
    ("reporting_status", ["56"]),
    ("reporting_status", ["56", "--period", "2026-H1", "--format", "xml"]),
    ("roadmap", ["56", "--format", "xml"]),
    ("citizen_stats", ["22993", "--format", "xml"]),
    ("frameworks", ["--format", "xml"]),
    ("bench", ["--size", "xxl"]),
    ("backup", []),
    ("api_token", ["pv01", "--days", "x"]),
    ("api_token", ["pv01", "--days"]),
    ("api_token", []),
    ("erase_contacts", ["--months", "1e309"]),
    ("loadset", ["xoa-het"]),
    ("import_figures", ["x.xlsx", "--xoa-het"]),
    ("frameworks", ["-v", "１"]),
    ("frameworks", ["-v", "9"]),
    ("roadmap", ["56", "thua"]),
]


@pytest.mark.parametrize(("command", "args"), REFUSED, ids=[f"{c} {' '.join(a)}" for c, a in REFUSED])
def test_argparse_refusals_are_vietnamese_with_exit_2(command, args):
    with pytest.raises(CommandError) as caught:
        call_command(command, *args, stdout=io.StringIO(), stderr=io.StringIO())
    assert caught.value.returncode == 2
    message = str(caught.value)
    assert message.startswith(commands.USAGE_ERROR), message
    assert vietnamese(message), message


def run_from_command_line(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", *argv]).execute()
    return exited.value.code, out.getvalue(), err.getvalue()


def test_on_the_command_line_the_usage_is_printed_and_the_exit_is_2():
    code, _out, err = run_from_command_line("roadmap", "56", "--format", "xml")
    assert code == 2
    assert err.startswith("usage: manage.py roadmap")
    last = err.strip().splitlines()[-1]
    assert last == "Lỗi cách dùng: tham số --format: giá trị «xml» không hợp lệ; chọn một trong: json, table"
    code, _out, err = run_from_command_line("erase_contacts", "--months", "１２")
    assert code == 2
    assert "«１２» không phải là số nguyên" in err and "invalid" not in err


def test_help_is_left_as_it_is():
    code, out, _err = run_from_command_line("erase_contacts", "--help")
    assert code == 0
    assert out.startswith("usage: manage.py erase_contacts")
    assert "--months" in out


# --- the argument types ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["１２３", "٣٤٥", "1\u200d2", " 12", "12 ", "+5", "1e3", "1.5", "NaN", "", "   ", "--1",
                                  "9" * 19, "9" * 5000, "\u202e12"])
def test_ascii_int_refuses_anything_but_ascii_digits(text):
    with pytest.raises(argparse.ArgumentTypeError) as caught:
        commands.ascii_int(text)
    assert vietnamese(str(caught.value))


@pytest.mark.parametrize(("text", "value"), [("0", 0), ("123", 123), ("-7", -7), ("007", 7), ("9" * 18, 10**18 - 1)])
def test_ascii_int_reads_ascii_digits(text, value):
    assert commands.ascii_int(text) == value


def test_int_between_and_number_between_keep_their_range():
    months = commands.int_between(1, 120)
    assert (months("1"), months("120")) == (1, 120)
    for text in ("0", "-1", "121", "99999999", "１２"):
        with pytest.raises(argparse.ArgumentTypeError):
            months(text)
    seconds = commands.number_between(0.1, 3600)
    assert (seconds("30"), seconds("0.5")) == (30.0, 0.5)
    for text in ("0", "nan", "inf", "1e3", "-1", "3601", "３０", "0.05"):
        with pytest.raises(argparse.ArgumentTypeError):
            seconds(text)


@pytest.mark.parametrize(("english", "expected"), [
    ("the following arguments are required: province, --period", "thiếu tham số bắt buộc: province, --period"),
    ("unrecognized arguments: --xoa-het", "tham số không được hỗ trợ: --xoa-het"),
    ("argument --format: invalid choice: 'xml' (choose from 'json', 'table')",
     "tham số --format: giá trị «xml» không hợp lệ; chọn một trong: json, table"),
    ("argument --format: invalid choice: 'xml' (choose from json, table)",  # Python 3.12's spelling
     "tham số --format: giá trị «xml» không hợp lệ; chọn một trong: json, table"),
    ("argument --days: invalid int value: 'x'", "tham số --days: «x» không phải là số nguyên"),
    ("argument --days: expected one argument", "tham số --days: cần một giá trị ngay sau tham số"),
    ("one of the arguments --a --b is required", "cần một trong các tham số: --a --b"),
    ("something new", "tham số không hợp lệ (something new)"),
])
def test_argparse_messages_are_translated(english, expected):
    assert commands.vietnamese(english) == expected


def test_os_errors_and_long_paths_are_worded_in_vietnamese():
    assert commands.os_problem(OSError(errno.ENAMETOOLONG, "File name too long")) == \
        "tên tệp hoặc đường dẫn dài quá mức hệ thống tệp cho phép"
    assert vietnamese(commands.os_problem(IsADirectoryError(errno.EISDIR, "Is a directory")))
    assert vietnamese(commands.os_problem(OSError(errno.EXDEV, "Cross-device link")))
    assert vietnamese(commands.os_problem(ValueError("embedded null byte")))
    long = "/tmp/" + "a" * 22_500
    assert len(commands.shown(long)) < 160 and "22505 ký tự" in commands.shown(long)
    assert commands.shown("/tmp/x.zip") == "/tmp/x.zip"
