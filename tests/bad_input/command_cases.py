"""Hostile arguments to the management commands that take user input.

A run with hostile arguments either succeeds (where the value may be taken, e.g. an odd but harmless token name),
or stops with CommandError or SystemExit (non-zero) and a Vietnamese message (the error's text, or what the command
printed), having written nothing: no row in any table, no output file. Any other exception is a bug.

Left out: ``run_all`` and ``run_schedule`` (they start the servers / the worker's loop; ``--interval`` only paces the
loop), ``demo``, ``bench`` with a valid size (they build whole datasets; ``bench``'s one argument is a choice, tried),
``close_ended`` and ``audit_verify`` (no arguments). No argument holds NUL: a command line cannot carry one.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from . import corpus
from .corpus import HOSTILE
from .endpoints import RAW_CELLS, workbook_raw, workbook_with
from .probe import short, where

# The hostile values a command argument is tried with (no NUL: see above).
ARG_VALUES = ["huge_int", "nines_5000", "negative", "nan", "1e309", "minus_zero", "rtl_override", "zero_width", "combining",
              "nfd_vietnamese", "homoglyph", "fullwidth_digits", "bad_date", "far_date", "markup", "blank", "empty", "long_text"]


@dataclass
class Run:
    label: str
    args: Callable  # (case, folder) → the command's argv after its name
    must_refuse: bool = True  # False: the arguments may also be taken
    outputs: Callable | None = None  # (case, folder) → paths that must not exist after a refusal


@dataclass
class CommandCase:
    command: str
    runs: list[Run] = field(default_factory=list)


def _each(label: str, make: Callable, names=ARG_VALUES, *, must: bool = True, outputs=None) -> list[Run]:
    """One run per hostile value: ``make(case, folder, value)`` → argv."""
    return [Run(f"{label}={n}", (lambda c, f, v=HOSTILE[n]: make(c, f, v)), must, outputs) for n in names]


def _file(folder: Path, name: str, content: bytes) -> str:
    path = folder / name
    path.write_bytes(content)
    return str(path)


def _zip(folder: Path, name: str, members: dict) -> str:
    path = folder / name
    with zipfile.ZipFile(path, "w") as zf:
        for member, content in members.items():
            zf.writestr(member, content)
    return str(path)


def _workbook_with(case, folder: Path, value) -> str:
    return _file(folder, "so-lieu.xlsx", workbook_with(case, value))


def _workbook_raw(case, folder: Path, raw: str) -> str:
    return _file(folder, "tho.xlsx", workbook_raw(case, raw))


def _json_files(folder: Path, plan: bytes, acks: bytes) -> list[str]:
    return [_file(folder, "plan.json", plan), _file(folder, "acks.json", acks)]


def _missing(folder: Path) -> str:
    return str(folder / "khong-co" / "tep.xlsx")


BAD_FILES: list[tuple[str, Callable]] = [
    ("no such file", lambda f: _missing(f)),
    ("a folder", lambda f: str(f)),
    ("empty file", lambda f: _file(f, "rong.bin", b"")),
    ("binary garbage", lambda f: _file(f, "rac.bin", bytes(range(256)) * 64)),
    ("not UTF-8", lambda f: _file(f, "latin1.txt", "Phường Nha Trang; năm 2026".encode("cp1258", "replace") + b"\xff\xfe")),
    ("a zip of nothing", lambda f: _zip(f, "rong.zip", {})),
    ("a zip with a climbing name", lambda f: _zip(f, "leo.zip", {"../../thoat.txt": b"x", "manifest.json": b"{}"})),
    ("YAML alias bomb", lambda f: _file(f, "bom.yaml", (b"a: &a [x,x,x,x,x,x,x,x,x]\n" + b"".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n".encode()
        for i in range(5))))),
    ("YAML nested 5000 deep", lambda f: _file(f, "sau.yaml", b"[" * 5000 + b"]" * 5000)),
    ("YAML python tag", lambda f: _file(f, "the.yaml", b"code: !!python/object/apply:os.system ['true']\n")),
    ("YAML huge number", lambda f: _file(f, "so.yaml", b"code: " + b"9" * 5000 + b"\nversion: 1e309\n")),
    ("JSON NaN", lambda f: _file(f, "nan.json", b'{"framework": "bca-5764-2021", "values": {"so_cbcs": NaN}}')),
    ("JSON huge", lambda f: _file(f, "lon.json", b'{"framework": "bca-5764-2021", "version": 1e309, "values": {"so_cbcs": '
                                  + b"9" * 5000 + b"}}")),
    ("JSON deep", lambda f: _file(f, "sau.json", b"[" * 100_000 + b"]" * 100_000)),
    ("CSV of garbage", lambda f: _file(f, "rac.csv", "mã cũ;mã mới\n\u202e99999;\x01\n".encode() + b"\xff" * 10)),
]


def _files(label: str, make: Callable, names=None, *, outputs=None) -> list[Run]:
    chosen = [(n, b) for n, b in BAD_FILES if names is None or n in names]
    return [Run(f"{label}={n}", (lambda c, f, b=b: make(c, f, b(f))), True, outputs) for n, b in chosen]


CASES = [
    CommandCase("report", [
        *_each("province", lambda c, f, v: [v, "--period", c.period.code, "--output", str(f / "bc.docx")],
               outputs=lambda c, f: [f / "bc.docx"]),
        *_each("--period", lambda c, f, v: ["56", "--period", v, "--output", str(f / "bc.docx")],
               outputs=lambda c, f: [f / "bc.docx"]),
        *_each("--signer-name", lambda c, f, v: ["56", "--period", c.period.code, "--output", str(f / "bc.docx"),
                                                "--signer-name", v], ["markup", "rtl_override", "long_text", "combining"],
               must=False),
        Run("--output=a folder", lambda c, f: ["56", "--period", c.period.code, "--output", str(f)]),
        Run("--output=in a missing folder", lambda c, f: ["56", "--period", c.period.code, "--output", _missing(f)]),
        Run("--output=a 5000-character name", lambda c, f: ["56", "--period", c.period.code, "--output", str(f / ("a" * 5000))]),
        Run("no --period", lambda c, f: ["56", "--output", str(f / "bc.docx")], outputs=lambda c, f: [f / "bc.docx"]),
        Run("no arguments", lambda c, f: []),
    ]),
    CommandCase("reporting_status", [
        *_each("province", lambda c, f, v: [v, "--period", c.period.code]),
        *_each("--period", lambda c, f, v: ["56", "--period", v]),
        Run("no --period", lambda c, f: ["56"]),
        Run("--format=xml", lambda c, f: ["56", "--period", c.period.code, "--format", "xml"]),
    ]),
    CommandCase("roadmap", [
        *_each("province", lambda c, f, v: [v]),
        Run("--format=xml", lambda c, f: ["56", "--format", "xml"]),
    ]),
    CommandCase("citizen_stats", [
        *_each("unit", lambda c, f, v: [v, "--year", "2026"]),
        *_each("--year", lambda c, f, v: [c.nt.code, "--year", v]),
        Run("--format=xml", lambda c, f: [c.nt.code, "--format", "xml"]),
    ]),
    CommandCase("api_token", [
        *_each("username", lambda c, f, v: [v]),
        *_each("--days", lambda c, f, v: ["pv01.khanhhoa", "--days", v]),
        Run("--days=0", lambda c, f: ["pv01.khanhhoa", "--days", "0"]),
        Run("--days=100000", lambda c, f: ["pv01.khanhhoa", "--days", "100000"]),
        *_each("--name", lambda c, f, v: ["pv01.khanhhoa", "--name", v], ["markup", "rtl_override", "long_text", "blank"],
               must=False),
    ]),
    CommandCase("erase_contacts", [
        *_each("--months", lambda c, f, v: ["--months", v], ["huge_int", "nines_5000", "negative", "nan", "1e309",
                                                              "fullwidth_digits", "blank", "empty"]),
        Run("--months=-1000", lambda c, f: ["--months", "-1000"]),
        Run("--months=99999999", lambda c, f: ["--months", "99999999"]),
    ]),
    CommandCase("import_figures", [
        *_files("path", lambda c, f, p: [p]),
        *_each("path", lambda c, f, v: [v], ["rtl_override", "nfd_vietnamese", "blank", "empty", "long_text"]),
        *_each("cell", lambda c, f, v: [_workbook_with(c, f, v), "--apply"],
               ["huge_int", "nines_5000", "negative", "nan", "infinity", "1e309", "fullwidth_digits", "rtl_override",
                "bad_date", "markup", "long_text"]),
        Run("cell=formula", lambda c, f: [_workbook_with(c, f, "=1+1"), "--apply"]),
        *[Run(f"raw cell={raw[:12]}", lambda c, f, raw=raw: [_workbook_raw(c, f, raw), "--apply"], must_refuse=raw != "-0")
          for raw in RAW_CELLS],
        Run("cell=1e300", lambda c, f: [_workbook_with(c, f, 1e300), "--apply"]),
        *_each("--user", lambda c, f, v: [_file(f, "x.xlsx", c.workbook), "--apply", "--user", v],
               ["homoglyph", "nfd_vietnamese", "rtl_override", "blank", "long_text"]),
        Run("--user=a reader", lambda c, f: [_file(f, "x.xlsx", c.workbook), "--apply", "--user", "giamsat.khanhhoa"]),
        Run("unknown option", lambda c, f: [_file(f, "x.xlsx", c.workbook), "--xoa-het"]),
    ]),
    CommandCase("restore", [
        *_files("path", lambda c, f, p: [p], ["no such file", "a folder", "empty file", "binary garbage", "a zip of nothing",
                                              "a zip with a climbing name"]),
        Run("path=manifest with NaN", lambda c, f: [_zip(f, "m.zip", {"manifest.json": b'{"format": "kieumau-backup", '
                                                                      b'"format_version": NaN, "models": [], "members": {}}'})]),
        Run("path=manifest of huge numbers", lambda c, f: [_zip(f, "m.zip", {"manifest.json": b'{"format": "kieumau-backup", '
                                                                             b'"format_version": ' + b"9" * 5000 + b"}"})]),
        Run("path=manifest not JSON", lambda c, f: [_zip(f, "m.zip", {"manifest.json": b"\xff\xfe{"})]),
        *_each("path", lambda c, f, v: [v], ["rtl_override", "blank", "empty", "long_text"]),
        Run("--database=nope", lambda c, f: [_missing(f), "--database", "khong-co"]),
    ]),
    CommandCase("backup", [
        Run("--output=a folder", lambda c, f: ["--output", str(f)]),
        Run("--output=in a missing folder", lambda c, f: ["--output", _missing(f)]),
        Run("--output=a 5000-character name", lambda c, f: ["--output", str(f / ("a" * 5000))]),
        Run("--output=empty", lambda c, f: ["--output", ""]),
        Run("--database=nope", lambda c, f: ["--output", str(f / "b.zip"), "--database", "khong-co"],
            outputs=lambda c, f: [f / "b.zip"]),
        Run("no --output", lambda c, f: []),
    ]),
    CommandCase("evaluate", [
        *_files("file", lambda c, f, p: [p], ["no such file", "a folder", "empty file", "binary garbage", "not UTF-8",
                                              "JSON NaN", "JSON huge", "JSON deep"]),
    ]),
    CommandCase("load_framework", [
        *_files("path", lambda c, f, p: [p], ["no such file", "a folder", "empty file", "binary garbage", "not UTF-8",
                                              "YAML alias bomb", "YAML nested 5000 deep", "YAML python tag", "YAML huge number"]),
    ]),
    CommandCase("load_norms", [
        *_files("path", lambda c, f, p: [p], ["no such file", "a folder", "empty file", "binary garbage", "not UTF-8",
                                              "YAML alias bomb", "YAML nested 5000 deep", "YAML python tag", "YAML huge number"]),
    ]),
    CommandCase("load_agencies", [
        *_files("file", lambda c, f, p: [p], ["no such file", "a folder", "empty file", "binary garbage", "not UTF-8",
                                              "YAML alias bomb", "YAML nested 5000 deep", "YAML python tag", "YAML huge number"]),
    ]),
    CommandCase("reorganize", [
        *_files("file", lambda c, f, p: [p, "--apply"], ["no such file", "a folder", "empty file", "binary garbage",
                                                         "not UTF-8", "CSV of garbage"]),
    ]),
    CommandCase("import_units", [
        *_each("province", lambda c, f, v: [v], ["huge_int", "negative", "nan", "rtl_override", "fullwidth_digits",
                                                   "homoglyph", "markup", "long_text"]),
        *_each("province --2025", lambda c, f, v: [v, "--2025"], ["huge_int", "nan", "fullwidth_digits", "markup"]),
    ]),
    CommandCase("frameworks", [Run("--format=xml", lambda c, f: ["--format", "xml"])]),
    CommandCase("loadset", [
        Run("check with one file", lambda c, f: ["check", _file(f, "plan.json", b"{}")]),
        Run("check with missing files", lambda c, f: ["check", _missing(f), _missing(f)]),
        Run("check with a folder", lambda c, f: ["check", str(f), str(f)]),
        Run("check with garbage", lambda c, f: ["check", *_json_files(f, bytes(range(256)), b"\xff")]),
        Run("check with NaN", lambda c, f: ["check", *_json_files(f, b'{"year": NaN, "writers": []}', b"{}")]),
        Run("check with deep JSON", lambda c, f: ["check", *_json_files(f, b"[" * 100_000 + b"]" * 100_000, b"{}")]),
        Run("check with lists", lambda c, f: ["check", *_json_files(f, b"[]", b"[]")]),
        Run("check with empty objects", lambda c, f: ["check", *_json_files(f, b"{}", b"{}")]),
        Run("check with a writer of a huge unit", lambda c, f: ["check", *_json_files(
            f, b'{"year": 2026, "audit_start": 0, "writers": [{"username": "x", "unit": ' + b"9" * 30 + b', "name": "x", '
               b'"start_revision": 0}]}', b'{"x": {"count": "NaN"}}')]),
        *_each("prepare --writers", lambda c, f, v: ["prepare", "--out", str(f / "plan.json"), "--writers", v],
               ["negative", "nines_5000", "nan", "fullwidth_digits", "blank"], outputs=lambda c, f: [f / "plan.json"]),
        Run("prepare --writers=-1000", lambda c, f: ["prepare", "--out", str(f / "plan.json"), "--writers", "-1000"],
            outputs=lambda c, f: [f / "plan.json"]),
        Run("prepare --out=a folder", lambda c, f: ["prepare", "--out", str(f), "--writers", "1"]),
        Run("unknown step", lambda c, f: ["xoa-het"]),
    ]),
    CommandCase("bench", [Run("--size=xxl", lambda c, f: ["--size", "xxl"])]),
]
COMMANDS = {case.command: case for case in CASES}
NOT_COVERED = {  # commands of the project that take no user input, or only start a process
    "run_all": "starts the web server and the worker: no input to refuse",
    "run_schedule": "the worker's loop; --interval only paces it",
    "demo": "no arguments",
    "close_ended": "no arguments",
    "audit_verify": "no arguments",
}


class CommandCases:
    """Mixin: one test per command (added by ``add_command_tests``)."""

    def test_every_project_command_is_covered(self):
        from django.core.management import get_commands

        ours = {name for name, app in get_commands().items() if not app.startswith("django") and app not in (
            "axes", "django_otp", "django_tasks", "django_tasks_db", "ninja") and not app.startswith("django_")}
        self.assertEqual(sorted(ours - set(COMMANDS) - set(NOT_COVERED)), [],
                         "project commands neither tried with hostile arguments (command_cases.CASES) nor in NOT_COVERED")

    def run_command_case(self, command: str, only=None, skip=()) -> list[str]:
        problems: list[str] = []
        for run in COMMANDS[command].runs:
            if (only is not None and run.label not in only) or run.label in skip:
                continue
            folder = Path(tempfile.mkdtemp(prefix="kieumau-bad-cmd-"))
            try:
                self._one_command(problems, command, run, folder)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
        return problems

    def _one_command(self, problems: list, command: str, run: Run, folder: Path) -> None:
        label = f"{command} [{run.label}]"
        with transaction.atomic():
            args = run.args(self, folder)
            sent = [a for a in args if isinstance(a, str)]
            before = corpus.counts()
            out, err, sys_out, sys_err = io.StringIO(), io.StringIO(), io.StringIO(), io.StringIO()
            refused, message = False, ""
            try:
                with contextlib.redirect_stdout(sys_out), contextlib.redirect_stderr(sys_err):
                    call_command(command, *args, stdout=out, stderr=err)
            except CommandError as e:
                refused, message = True, str(e)
                if getattr(e, "returncode", 1) == 0:
                    problems.append(f"{label}: CommandError with exit code 0")
            except SystemExit as e:
                if e.code in (0, None):
                    pass  # a success that exits explicitly
                else:
                    refused, message = True, f"{e.code if isinstance(e.code, str) else ''}"
            except Exception as e:  # noqa: BLE001
                problems.append(f"{label}: uncaught {type(e).__name__}: {str(e)[:160]} (at {where(e)})")
                transaction.set_rollback(True)
                return
            printed = "\n".join(s.getvalue() for s in (err, sys_err, out, sys_out))
            if refused:
                diff = corpus.changed(before, corpus.counts())
                if diff:
                    problems.append(f"{label}: refused but rows were written: {diff}")
                for path in (run.outputs(self, folder) if run.outputs else []):
                    if Path(path).exists():
                        problems.append(f"{label}: refused but {path} was written")
                shown = "\n".join(x for x in (message, printed) if x.strip())
                if not shown.strip():
                    problems.append(f"{label}: refused without a word")
                elif not corpus.vietnamese(_strip_usage(shown), sent) or (message and not corpus.vietnamese(message, sent)):
                    problems.append(f"{label}: refused with a message that is not Vietnamese: {short((message or shown).strip(), 200)}")
            elif run.must_refuse:
                problems.append(f"{label}: taken (exit 0) though it must be refused; printed {short(printed.strip(), 120)}")
            transaction.set_rollback(True)


def _strip_usage(text: str) -> str:
    """argparse's usage lines (always English) are left out of the check; what follows them is the message."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(("usage:", "[-", "[--")))


def add_command_tests(cls, bugs) -> None:
    for command in COMMANDS:
        known = {label for bug in bugs if bug.command == command for label in bug.labels}

        def test(self, command=command, known=known):
            problems = self.run_command_case(command, skip=known)
            self.assertEqual(problems, [], f"{len(problems)} problems:\n" + "\n".join(problems))

        test.__name__ = f"test_command_{command}"
        setattr(cls, test.__name__, test)
    for bug in bugs:
        if bug.command is None:
            continue

        def test(self, bug=bug):
            problems = self.run_command_case(bug.command, only=set(bug.labels))
            self.assertEqual(problems, [], f"{len(problems)} problems:\n" + "\n".join(problems))

        test.__name__ = f"test_bug_{bug.slug}"
        setattr(cls, test.__name__, bug.mark(test))

