import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from django.core.management import CommandError, call_command
from django.test import TestCase

from assessments.models import Assessment
from engine.tests.test_criteria_5764 import BASE, PREV
from frameworks.models import Criterion, Framework
from frameworks.registry import DATA_DIR

SHIPPED = DATA_DIR / "bca-5764-2021.yaml"
ROOT = Path(__file__).resolve().parents[2]


class LoadFrameworkTests(TestCase):
    def load(self, path):
        out = StringIO()
        call_command("load_framework", str(path), stdout=out)
        return out.getvalue()

    def test_it_loads_the_shipped_framework_once(self):
        self.assertIn("Đã tạo: bca-5764-2021 v1 (22 tiêu chí)", self.load(SHIPPED))
        self.assertIn("Không đổi", self.load(SHIPPED))
        self.assertEqual(Criterion.objects.count(), 22)

    def test_a_malformed_file_changes_nothing(self):
        bad = Path(self.tmp()) / "bad.yaml"
        bad.write_text(SHIPPED.read_text("utf-8").replace("rule: so_vu_dua_xe = 0", "rule: so_vu_dua_xe_x = 0"), "utf-8")
        with self.assertRaises(CommandError) as ctx:
            self.load(bad)
        self.assertIn("bad.yaml:", str(ctx.exception))
        self.assertIn("«so_vu_dua_xe_x» không có", str(ctx.exception))
        self.assertFalse(Framework.objects.exists())

    def test_a_version_in_use_is_never_rewritten(self):
        self.load(SHIPPED)
        fw = Framework.objects.get()
        from kieumau.testing import make_unit
        from units.models import Level

        p = make_unit("01", "Tỉnh A", Level.PROVINCE)
        Assessment.objects.create(unit=p, year=2023, framework=fw, values={})
        edited = Path(self.tmp()) / "edited.yaml"
        edited.write_text(SHIPPED.read_text("utf-8").replace(">= 90%", ">= 95%"), "utf-8")
        with self.assertRaises(CommandError) as ctx:
            self.load(edited)
        self.assertIn("hãy tăng «version»", str(ctx.exception))
        # a new version is added beside it; the old one keeps its definition
        edited.write_text(edited.read_text("utf-8").replace("version: 1", "version: 2"), "utf-8")
        self.assertIn("Đã tạo: bca-5764-2021 v2", self.load(edited))
        fw.refresh_from_db()
        self.assertNotIn(">= 95%", json.dumps(fw.definition))
        self.assertEqual(Assessment.objects.get().framework, fw)

    def test_a_missing_file_is_reported(self):
        with self.assertRaises(CommandError):
            self.load("/nonexistent.yaml")

    def tmp(self):
        import tempfile

        d = tempfile.mkdtemp()
        self.addCleanup(lambda: __import__("shutil").rmtree(d, ignore_errors=True))
        return d


def run_evaluate(payload, tmp_path):
    path = tmp_path / "in.json"
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload), "utf-8")
    proc = subprocess.run([sys.executable, "manage.py", "evaluate", str(path)], cwd=ROOT, capture_output=True, text=True)
    return proc.returncode, json.loads(proc.stdout)


@pytest.mark.django_db
def test_evaluate_contract_success(tmp_path):
    values = {k: v for k, v in BASE.items()}
    values["so_vu_ttxh"] = 47
    code, out = run_evaluate({"framework": "bca-5764-2021", "values": values, "previous": {**PREV, "so_vu_ttxh": 49}}, tmp_path)
    assert code == 0
    assert out["framework"] == "bca-5764-2021"
    assert out["meets_standard"] is False
    assert list(out["criteria"]) == [f"TC{i:02d}" for i in range(1, 23)]
    tc10 = out["criteria"]["TC10"]
    assert tc10["status"] == "fail"
    assert tc10["conditions"][1] == {
        "status": "fail",
        "explanation": "Tội phạm về TTXH giảm 4,0% so với năm trước (47/49 vụ), yêu cầu giảm ≥ 6%: tối đa 46,06 vụ",
    }
    assert out["criteria"]["TC01"]["status"] == "pass"


@pytest.mark.django_db
def test_evaluate_contract_missing_and_not_applicable(tmp_path):
    code, out = run_evaluate({"framework": "bca-5764-2021", "values": {"so_tin_bao": 0}, "previous": {}}, tmp_path)
    assert code == 0
    assert out["criteria"]["TC09"]["conditions"][0]["status"] == "not_applicable"
    assert out["criteria"]["TC01"]["status"] == "missing"
    assert out["meets_standard"] is False


@pytest.mark.django_db
def test_evaluate_contract_errors(tmp_path):
    code, out = run_evaluate({"framework": "bca-5764-2021", "values": {"so_cbcs": -1, "so_khu_dan_cu": 30, "so_khu_dan_cu_van_hoa": 31, "x": 1, "kinh_phi_du": "hmm"}, "previous": {"so_vu_ttxh": "abc"}}, tmp_path)
    assert code == 2
    errors = out["errors"]
    assert set(errors) == {"so_cbcs", "so_khu_dan_cu_van_hoa", "x", "kinh_phi_du", "previous.so_vu_ttxh"}
    assert "Tổng số khu dân cư" in errors["so_khu_dan_cu_van_hoa"]
    code, out = run_evaluate({"framework": "nope"}, tmp_path)
    assert code == 2 and "framework" in out["errors"]
    code, out = run_evaluate("{not json", tmp_path)
    assert code == 2 and "JSON không hợp lệ" in out["errors"]["file"]


class HostileFrameworkFileTests(TestCase):
    def test_a_billion_laughs_file_and_a_huge_file_are_refused_without_loading(self):
        import tempfile

        from engine.tests.test_hostile_files import LAUGHS
        from engine.yamlsource import MAX_BYTES

        with tempfile.TemporaryDirectory() as tmp:
            laughs = Path(tmp) / "laughs.yaml"
            laughs.write_text(LAUGHS, encoding="utf-8")
            with self.assertRaises(CommandError) as exc:
                call_command("load_framework", str(laughs), stdout=StringIO())
            self.assertIn("neo (&)", str(exc.exception))
            huge = Path(tmp) / "huge.yaml"
            with huge.open("wb") as f:
                f.truncate(MAX_BYTES + 1)  # sparse: nothing is written, only its size is checked
            with self.assertRaises(CommandError) as exc:
                call_command("load_framework", str(huge), stdout=StringIO())
            self.assertIn("lớn quá", str(exc.exception))
        self.assertFalse(Framework.objects.exists())


@pytest.mark.django_db
def test_evaluate_answers_2_with_errors_on_hostile_json(tmp_path):
    for payload, field in [("[" * 200_000 + "]" * 200_000, "file"), ('{"framework": "bca-5764-2021", "values": {"so_cbcs": ' + "9" * 5000 + "}}", "file"),
                           ({"framework": "bca-5764-2021", "version": [1]}, "version"), ({"framework": "bca-5764-2021", "version": "abc"}, "version"),
                           ({"framework": "bca-5764-2021", "version": True}, "version"), ('{"framework": "bca-5764-2021", "values": {"so_cbcs": NaN}}', "file"),
                           ("\x00\x01", "file"), (b"\xff\xfe", "file"), ("x" * 1_000_001, "file")]:
        path = tmp_path / "in.json"
        path.write_bytes(payload if isinstance(payload, bytes) else (payload if isinstance(payload, str) else json.dumps(payload)).encode())
        proc = subprocess.run([sys.executable, "manage.py", "evaluate", str(path)], cwd=ROOT, capture_output=True, text=True)
        assert proc.returncode == 2, (payload if not isinstance(payload, str) else payload[:60], proc.stderr[-500:])
        assert field in json.loads(proc.stdout)["errors"]
        assert "Traceback" not in proc.stderr


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
                           lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
                           max_leaves=12)
payloads = st.fixed_dictionaries({}, optional={"framework": st.sampled_from(["bca-5764-2021", "", "khong-co"]) | json_values,
                                               "version": json_values, "values": json_values | st.dictionaries(st.sampled_from(list(BASE)), json_values, max_size=6),
                                               "previous": json_values, "extra": json_values})


@pytest.mark.django_db
@settings(max_examples=150)
@given(payloads)
def test_evaluate_never_fails_on_any_json(payload):
    from frameworks.management.commands.evaluate import run

    code, output = run(json.dumps(payload), {})
    assert code in (0, 2)
    json.dumps(output)  # always serializable
    assert (code == 2) == ("errors" in output)
