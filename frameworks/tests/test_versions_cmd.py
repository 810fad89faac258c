"""``manage.py frameworks`` and the version ``manage.py evaluate`` picks when the input names none."""

import json
from io import StringIO

from django.core.management import call_command

from assessments.tests.v2fixture import load_v2
from engine.tests.test_criteria_5764 import BASE, PREV
from frameworks.lookup import shipped
from frameworks.management.commands.evaluate import run
from kieumau.testing import BaseTestCase, FixedNow


def listing(fmt="json"):
    out = StringIO()
    call_command("frameworks", "--format", fmt, stdout=out)
    return out.getvalue()


class FrameworksCommandTests(FixedNow, BaseTestCase):
    def test_json_lists_each_version_with_its_default_year_and_the_provinces_choices(self):
        from assessments import versions

        load_v2()
        versions.choose(self.province, 1, 2026, self.staff, reason="Chờ hướng dẫn")
        rows = json.loads(listing())
        stored = [r for r in rows if r["loaded"]]
        self.assertEqual([(r["code"], r["version"], r["criteria"], r["in_force_from"]) for r in stored],
                         [("bca-5764-2021", 1, 22, 2021), ("bca-5764-2021", 2, 22, 2026)])
        self.assertEqual(stored[0]["province_choices"], [{"province": "56", "name": "Tỉnh Khánh Hòa", "from_year": 2026}])
        self.assertEqual(stored[1]["province_choices"], [])
        text = listing("text")
        self.assertIn("bca-5764-2021 v2: 22 tiêu chí, mặc định áp dụng từ 2026", text)
        self.assertIn("Tỉnh Khánh Hòa (56): chọn phiên bản này từ năm 2026", text)

    def test_shipped_versions_not_loaded_are_listed_as_such(self):
        rows = json.loads(listing())
        for (code, version), fw in shipped().items():
            row = next(r for r in rows if (r["code"], r["version"]) == (code, version))
            self.assertEqual(row["in_force_from"], fw.effective_from)
            self.assertEqual(row["loaded"], version == 1)  # the test database holds version 1 only


class EvaluateDefaultTests(BaseTestCase):
    def payload(self, **extra):
        return json.dumps({"framework": "bca-5764-2021", "values": BASE, "previous": PREV, **extra})

    def test_without_a_version_it_is_version_1_even_once_version_2_is_stored(self):
        before = run(self.payload(), {})
        load_v2()
        self.assertEqual(run(self.payload(), {}), before)
        code, out = run(self.payload(version=2), {})
        self.assertEqual(code, 0)
        self.assertEqual(out["framework"], "bca-5764-2021")
        code, out = run(self.payload(version=3), {})
        self.assertEqual(code, 2)
        self.assertIn("phiên bản 3", out["errors"]["framework"])


def test_without_a_migrated_database_the_shipped_versions_are_listed(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"}
    proc = subprocess.run([sys.executable, "manage.py", "frameworks", "--format", "json"], cwd=root, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert [(r["version"], r["in_force_from"], r["loaded"]) for r in rows] == [(1, 2021, False), (2, 2026, False)]
