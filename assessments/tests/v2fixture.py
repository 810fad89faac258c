"""A version 2 for the machinery tests: version 1's criteria with a new version number, in force from 2026 and with
evidence required. Independent of the shipped version 2's content, which engine/tests/test_criteria_v2.py covers."""

from engine import framework as engine_fw
from frameworks.registry import DATA_DIR, load_spec


def v2_text() -> str:
    text = (DATA_DIR / "bca-5764-2021.yaml").read_text("utf-8")
    text = text.replace("version: 1\n", "version: 2\n", 1)
    return text.replace("effective_from: 2021\n", "effective_from: 2026\nevidence_required: true\n", 1)


def load_v2():
    return load_spec(engine_fw.load_text(v2_text(), "v2-test.yaml")).framework
