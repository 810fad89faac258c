"""The categories the product starts with (the issue's five); editable in the admin afterwards (data, not code).

TC16 counts feedback "đối với lực lượng Công an": order and security, the officers' conduct and the police's own
administrative procedures count; urban order (the ward People's Committee's first) and "other" do not.
Working days: 10, as Nghị định 20/2008/NĐ-CP gives for feedback on administrative rules; 15 for "other".
"""

DEFAULTS = [
    ("an-ninh-trat-tu", "An ninh, trật tự", True, 10),
    ("trat-tu-do-thi", "Trật tự đô thị", False, 10),
    ("thai-do-can-bo", "Thái độ phục vụ của cán bộ", True, 10),
    ("thu-tuc-hanh-chinh", "Thủ tục hành chính", True, 10),
    ("khac", "Khác", False, 15),
]


def ensure(Category) -> int:
    """Create the default categories that are missing (the migration, the demo on a flushed database); how many."""
    created = 0
    for i, (code, name, tc16, days) in enumerate(DEFAULTS):
        _obj, new = Category.objects.get_or_create(code=code, defaults={"name": name, "counts_for_tc16": tc16,
                                                                       "working_days": days, "position": i})
        created += new
    return created
