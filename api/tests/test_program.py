"""Frameworks, roadmaps, recognitions and reporting through the API, within the reader's scope."""

from __future__ import annotations

from .dataset import ProgramCase


class FrameworkTests(ProgramCase):
    def test_list_and_one_version(self):
        listed = self.call(self.officer, "get", "/frameworks").json()
        self.assertEqual([(f["code"], f["version"]) for f in listed], [("bca-5764-2021", 1)])
        fw = self.call(self.ministry, "get", "/frameworks/bca-5764-2021/1").json()
        self.assertEqual(len(fw["criteria"]), 22)
        self.assertIn("so_cbcs", [i["code"] for i in fw["indicators"]])
        part = next(i for i in fw["indicators"] if i["code"] == "so_cbcs_htt")
        self.assertEqual((part["type"], part["max"], part["criterion"]), ("int", "so_cbcs", "TC02"))
        for path in ("/frameworks/bca-5764-2021/9", "/frameworks/khac/1", "/frameworks/bca-5764-2022/1"):
            self.assertEqual(self.call(self.officer, "get", path).status_code, 404, path)


class RoadmapTests(ProgramCase):
    def test_the_province_roadmap_for_its_readers_only(self):
        data = self.call(self.supervisor, "get", "/roadmaps/56").json()
        self.assertEqual((data["province"], data["plan"], data["base_units"]), ("56", "Lộ trình thử", 2))
        self.assertEqual([y["year"] for y in data["years"]], list(range(2023, 2031)))
        self.assertEqual(next(y for y in data["years"] if y["year"] == 2025)["target_cumulative"], 1)
        self.assertEqual(self.call(self.ministry, "get", "/roadmaps/56").status_code, 200)
        for user in (self.outsider, self.officer):  # a ward's people do not read the province's plan
            self.assertEqual(self.call(user, "get", "/roadmaps/56").status_code, 404, user.username)
        self.assertEqual(self.call(self.outsider, "get", "/roadmaps/74").status_code, 404)  # no plan there
        self.assertEqual(self.call(self.staff, "get", "/roadmaps/56?at=2026-02-30").status_code, 422)


class RecognitionTests(ProgramCase):
    def test_decisions_with_their_yearly_checks(self):
        data = self.call(self.staff, "get", "/recognitions?province=56").json()
        self.assertEqual(data["count"], 1)
        item = data["items"][0]
        self.assertEqual((item["unit"]["code"], item["decision_number"], item["revoked"]), ("22378", "12/QĐ-CAT", False))
        self.assertEqual(item["reviews"], [{"year": 2025, "outcome": "maintained", "decision_number": "", "decision_date": None}])
        self.assertEqual(self.call(self.staff, "get", "/recognitions?year=2023").json()["count"], 0)
        self.assertEqual(self.call(self.officer, "get", "/recognitions").json()["count"], 0)  # another ward's
        self.assertEqual(self.call(self.outsider, "get", "/recognitions").json()["count"], 0)
        self.assertEqual(self.call(self.outsider, "get", "/recognitions?province=56").status_code, 404)
        self.assertEqual(self.call(self.ministry, "get", "/recognitions").json()["count"], 1)


class ReportingTests(ProgramCase):
    def test_the_board_as_the_command_gives_it(self):
        from reporting.management.commands.reporting_status import run

        expected, code = run("56", "2025-H1")
        self.assertEqual(code, 0)
        r = self.call(self.staff, "get", "/reporting/56?period=2025-H1")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.json(), {**expected, "deadline": expected["deadline"]})
        self.assertEqual(self.call(self.ministry, "get", "/reporting/56?period=SK2025").status_code, 200)
        self.assertEqual(self.call(self.outsider, "get", "/reporting/56?period=2025-H1").status_code, 404)
        self.assertEqual(self.call(self.officer, "get", "/reporting/56?period=2025-H1").status_code, 404)
        self.assertEqual(self.call(self.staff, "get", "/reporting/56?period=2040").status_code, 404)
        self.assertEqual(self.call(self.staff, "get", "/reporting/99?period=2025").status_code, 404)
        bad = self.call(self.staff, "get", "/reporting/56?period=nửa-năm")
        self.assertEqual((bad.status_code, bad.json()["detail"][0]["field"]), (422, "period"))
