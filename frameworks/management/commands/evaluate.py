"""``manage.py evaluate FILE.json``: evaluate figures against a framework, as JSON.

A contract for outside checks: input ``{"framework": code, "version"?: n, "values": {...}, "previous": {...}}``;
output the statuses and explanations (exit 0) or ``{"errors": {field: problem}}`` (exit 2) for any bad input —
never a traceback. Without ``"version"`` the input is evaluated against version 1 (DEFAULT_VERSION): files written
before version 2 existed keep their meaning; ``"version": 2`` selects version 2. Reads no assessment, writes nothing. Input files are limited to MAX_BYTES.
"""

import json
import sys

from engine.evaluate import evaluate
from engine.framework import FrameworkError
from engine.inputs import parse_values
from frameworks.lookup import compiled_by_code
from kieumau import commands

MAX_BYTES = 1_000_000  # a unit-year is ~80 figures: a few kilobytes; anything near a megabyte is not a figures file
KEYS = {"framework", "version", "values", "previous"}
DEFAULT_VERSION = 1  # not "the newest": a figures file means what it meant when written


class Command(commands.Command):
    help = ("Đánh giá số liệu (tệp JSON {framework, version?, values, previous}, tối đa 1 MB) theo bộ tiêu chí, in kết quả"
            " JSON; lỗi đầu vào: {errors} và mã thoát 2. Không đụng tới các bản đánh giá.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp JSON: {framework, values, previous}; «-» để đọc từ stdin")

    def handle(self, *args, file, **options):
        code, output = run(*read(file))
        self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))
        if code:
            sys.exit(code)


def read(file: str) -> tuple[str | None, dict]:
    """The file's text (at most MAX_BYTES), or errors."""
    try:
        if file == "-":
            raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            with open(file, "rb") as f:
                raw = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None, {"file": f"Không tìm thấy tệp {file}"}
    except OSError as exc:
        return None, {"file": f"Không đọc được tệp: {commands.os_problem(exc)}"}
    if len(raw) > MAX_BYTES:
        return None, {"file": f"Tệp lớn quá {MAX_BYTES // 1_000_000} MB"}
    try:
        return raw.decode("utf-8"), {}
    except UnicodeDecodeError:
        return None, {"file": "Tệp không phải văn bản UTF-8"}


def _no_constants(name):
    raise ValueError(f"«{name}» không phải là số JSON hợp lệ")


def run(text: str | None, errors: dict) -> tuple[int, dict]:
    """Exit code and output for the input ``text`` (already read, or the read ``errors``)."""
    payload = None
    if not errors:
        payload, errors = _parse(text)
    framework = None
    if not errors:
        framework, errors = _framework(payload)
    if framework is not None:
        values = parse_values(framework, payload.get("values") or {})
        previous = parse_values(framework, payload.get("previous") or {})
        errors.update({("values" if k == "__all__" else k): v for k, v in values.errors.items()})
        errors.update({f"previous.{k}" if k != "__all__" else "previous": v for k, v in previous.errors.items()})
    if errors:
        return 2, {"errors": errors}
    return 0, evaluate(framework, values.values, previous.values).as_json(framework.code)


def _parse(text: str) -> tuple[dict | None, dict]:
    try:
        payload = json.loads(text, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        return None, {"file": f"JSON không hợp lệ ở dòng {exc.lineno}, cột {exc.colno}: {exc.msg}"}
    except RecursionError:
        return None, {"file": "JSON lồng nhau quá sâu"}
    except ValueError as exc:  # a number with thousands of digits, NaN or Infinity
        message = str(exc)
        return None, {"file": message if "không phải" in message else "JSON có số quá dài (quá nhiều chữ số)"}
    if not isinstance(payload, dict):
        return None, {"file": "Nội dung phải là một đối tượng JSON {framework, values, previous}"}
    errors = {key: "Khóa không được hỗ trợ" for key in sorted(set(payload) - KEYS)}
    for key in ("values", "previous"):
        if payload.get(key) is not None and not isinstance(payload[key], dict):
            errors[key] = "Phải là một đối tượng {mã chỉ số: giá trị}"
    version = payload.get("version")
    if version is not None and (isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= 10**6):
        errors["version"] = "Phiên bản phải là một số nguyên dương (ví dụ 1)"
    return payload, errors


def _framework(payload: dict):
    code = payload.get("framework")
    if not isinstance(code, str) or not code:
        return None, {"framework": "Thiếu mã bộ tiêu chí («framework»)"}
    try:
        version = payload.get("version")
        return compiled_by_code(code, DEFAULT_VERSION if version is None else version), {}
    except (LookupError, FrameworkError) as exc:
        return None, {"framework": str(exc)}
