from pathlib import Path

import pytest

from engine.framework import FrameworkError, load_text

SHIPPED = Path(__file__).resolve().parents[2] / "frameworks" / "data" / "bca-5764-2021.yaml"

MINIMAL = """\
framework: test-fw
version: 1
title: Test
groups:
  - code: N1
    title: Nhóm 1
    criteria:
      - code: TC01
        title: Tiêu chí 1
        indicators:
          - {code: so_a, type: int, label: A}
          - {code: so_b, type: int, label: B, max: so_a}
        conditions:
          - text: B/A ≥ 90%
            rule: so_b / so_a >= 90%
            explain: "{so_b}/{so_a} ({so_b / so_a:pct})"
"""


def errors_of(text):
    with pytest.raises(FrameworkError) as exc:
        load_text(text, "f.yaml")
    return str(exc.value)


def test_the_shipped_framework_matches_the_contract():
    fw = load_text(SHIPPED.read_text(encoding="utf-8"))
    assert fw.code == "bca-5764-2021"
    assert [g.code for g in fw.groups] == [f"N{i}" for i in range(1, 8)]
    assert [c.code for c in fw.criteria] == [f"TC{i:02d}" for i in range(1, 23)]
    assert [len(g.criteria) for g in fw.groups] == [1, 2, 2, 2, 6, 6, 3]
    assert fw.prev_codes == ["so_vu_ttxh", "so_tu_diem", "so_nguoi_nghien", "so_doi_tuong_tron_bat"]
    assert fw.indicators["so_khu_dan_cu_van_hoa"].max == "so_khu_dan_cu"
    assert fw.indicators["so_ho_so_truoc_han"].max == "so_ho_so_dung_han"


def test_a_minimal_file_loads():
    fw = load_text(MINIMAL)
    assert list(fw.indicators) == ["so_a", "so_b"]


def test_unknown_indicator_in_an_expression_names_file_line_and_path():
    msg = errors_of(MINIMAL.replace("rule: so_b / so_a >= 90%", "rule: so_c / so_a >= 90%"))
    assert "f.yaml:15: groups[0].criteria[0].conditions[0].rule" in msg
    assert "Chỉ số «so_c» không có" in msg


def test_bad_type_is_refused():
    msg = errors_of(MINIMAL.replace("type: int, label: A", "type: float, label: A"))
    assert "f.yaml:11" in msg and "Kiểu «float» không hợp lệ" in msg


def test_duplicate_indicator_code_is_refused():
    msg = errors_of(MINIMAL.replace("{code: so_b, type: int, label: B, max: so_a}", "{code: so_a, type: int, label: B}"))
    assert "Mã chỉ số «so_a» bị trùng" in msg


def test_duplicate_criterion_code_is_refused():
    doubled = MINIMAL + MINIMAL[MINIMAL.index("      - code: TC01"):].replace("so_a", "so_x").replace("so_b", "so_y")
    assert "Mã tiêu chí «TC01» bị trùng" in errors_of(doubled)


def test_duplicate_yaml_key_is_refused_with_its_line():
    msg = errors_of(MINIMAL.replace("title: Test\n", "title: Test\ntitle: Again\n"))
    assert "f.yaml:4" in msg and "Khóa «title» bị lặp" in msg


def test_yaml_syntax_error_gives_the_line():
    msg = errors_of(MINIMAL.replace("    title: Nhóm 1", "    title: [Nhóm 1"))
    assert "Lỗi cú pháp YAML" in msg and "f.yaml:" in msg


def test_expression_syntax_error_is_refused():
    assert "Cần một giá trị" in errors_of(MINIMAL.replace("so_b / so_a >= 90%", "so_b / >= 90%"))


def test_hostile_expression_is_refused_when_loading():
    msg = errors_of(MINIMAL.replace("so_b / so_a >= 90%", "__import__('os').system('x')"))
    assert "Ký tự không hợp lệ" in msg


def test_bad_template_hole_is_refused():
    assert "Chỉ số «nope» không có" in errors_of(MINIMAL.replace("({so_b / so_a:pct})", "({nope})"))
    assert "Định dạng «pctx» không có" in errors_of(MINIMAL.replace(":pct}", ":pctx}"))


def test_unknown_keys_and_missing_fields_are_reported():
    msg = errors_of(MINIMAL.replace("title: Tiêu chí 1", "titel: Tiêu chí 1"))
    assert "Khóa «titel» không được hỗ trợ" in msg and "Thiếu «title»" in msg


def test_max_must_point_at_a_numeric_indicator():
    msg = errors_of(MINIMAL.replace("max: so_a", "max: so_z"))
    assert "f.yaml:12: groups[0].criteria[0].indicators[1].max" in msg and "trỏ tới chỉ số không có" in msg


def test_python_object_tags_are_not_constructed():
    assert "không được phép" in errors_of("!!python/object/apply:os.system ['echo hi']\n")
    assert "Lỗi cú pháp YAML" in errors_of("framework: !!python/name:os.system ''\n")


def test_every_problem_is_listed_not_just_the_first():
    text = MINIMAL.replace("type: int, label: A", "type: float, label: A").replace("code: N1", "code: n1")
    msg = errors_of(text)
    assert "Kiểu «float»" in msg and "Mã nhóm «n1» không hợp lệ" in msg


def test_the_digest_changes_when_the_definition_changes():
    assert load_text(MINIMAL).digest != load_text(MINIMAL.replace("90%", "91%")).digest
    assert load_text(MINIMAL).digest == load_text(MINIMAL + "\n# comment\n").digest
