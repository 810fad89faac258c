"""``manage.py evaluate FILE.json``: evaluate figures against a framework, as JSON.

A contract for outside checks: input ``{"framework": code, "values": {...},
"previous": {...}}``; output the statuses and explanations (exit 0) or
``{"errors": {field: problem}}`` (exit 2). Reads no assessment, writes nothing.
"""

import json
import sys

from django.core.management.base import BaseCommand

from engine.evaluate import evaluate
from engine.framework import FrameworkError
from engine.inputs import parse_values
from frameworks.lookup import compiled_by_code


class Command(BaseCommand):
    help = "Đánh giá số liệu (tệp JSON) theo bộ tiêu chí, in kết quả JSON; không đụng tới các bản đánh giá."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp JSON: {framework, values, previous}; «-» để đọc từ stdin")

    def handle(self, *args, file, **options):
        errors, payload = self.read(file)
        framework = None
        if not errors:
            code = payload.get("framework")
            if not isinstance(code, str) or not code:
                errors["framework"] = "Thiếu mã bộ tiêu chí («framework»)"
            else:
                try:
                    framework = compiled_by_code(code, payload.get("version"))
                except (LookupError, FrameworkError) as exc:
                    errors["framework"] = str(exc)
        if framework is not None:
            values = parse_values(framework, payload.get("values", {}))
            previous = parse_values(framework, payload.get("previous", {}) or {})
            errors.update({("values" if k == "__all__" else k): v for k, v in values.errors.items()})
            errors.update({f"previous.{k}" if k != "__all__" else "previous": v for k, v in previous.errors.items()})
        if errors:
            self.emit({"errors": errors})
            sys.exit(2)
        result = evaluate(framework, values.values, previous.values)
        self.emit(result.as_json(framework.code))

    def read(self, file):
        try:
            text = sys.stdin.read() if file == "-" else open(file, encoding="utf-8").read()
        except FileNotFoundError:
            return {"file": f"Không tìm thấy tệp {file}"}, None
        except (UnicodeDecodeError, OSError) as exc:
            return {"file": f"Không đọc được tệp: {exc}"}, None
        try:
            payload = json.loads(text)
        except json.JSONDecodeError as exc:
            return {"file": f"JSON không hợp lệ ở dòng {exc.lineno}, cột {exc.colno}: {exc.msg}"}, None
        if not isinstance(payload, dict):
            return {"file": "Nội dung phải là một đối tượng JSON {framework, values, previous}"}, None
        extra = set(payload) - {"framework", "version", "values", "previous"}
        errors = {key: "Khóa không được hỗ trợ" for key in sorted(extra)}
        for key in ("values", "previous"):
            if key in payload and payload[key] is not None and not isinstance(payload[key], dict):
                errors[key] = "Phải là một đối tượng {mã chỉ số: giá trị}"
        return errors, payload

    def emit(self, data):
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
