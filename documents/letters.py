"""Who issues and signs each document, in the state format or the Party's (documents.nd30)."""

from __future__ import annotations

import datetime as dt

from . import nd30
from .dates import place
from .writers import Letter


def _short(province) -> str:
    return "CATP" if province.name.startswith("Thành phố") else "CAT"


def _people_committee(province) -> str:
    return "UBND Thành phố" if province.name.startswith("Thành phố") else "UBND tỉnh"


def for_province(province, day: dt.date, *, form: str = nd30.STATE, title: str = "", name: str = "",
                 authority: str = "") -> Letter:
    if form == nd30.PARTY_FORMAT:
        # The Party committee of the provincial police reports to the provincial Party committee's standing board.
        return Letter(f"ĐẢNG BỘ {province.name.upper()}", "ĐẢNG ỦY CÔNG AN TỈNH" if not province.name.startswith("Thành phố")
                      else "ĐẢNG ỦY CÔNG AN THÀNH PHỐ", "ĐU", place(province.name), day,
                      [nd30.Signer(authority or "T/M ĐẢNG ỦY", title or "BÍ THƯ", name)],
                      ["Ban Thường vụ Tỉnh ủy (để báo cáo);" if not province.name.startswith("Thành phố")
                       else "Ban Thường vụ Thành ủy (để báo cáo);", "Lưu Văn phòng Đảng ủy."], nd30.PARTY_FORMAT)
    return Letter("BỘ CÔNG AN", f"CÔNG AN {province.name.upper()}", _short(province), place(province.name), day,
                  [nd30.Signer(authority, title or "GIÁM ĐỐC", name)],
                  ["Bộ Công an (qua Cục V05) (để báo cáo);", f"{_people_committee(province)} (để báo cáo);",
                   "Lưu: VT, PV01."])


def for_council(province, day: dt.date, *, secretary: str = "", chair: str = "") -> Letter:
    letter = for_province(province, day)
    letter.signers = [nd30.Signer("", "THƯ KÝ HỘI ĐỒNG", secretary), nd30.Signer("", "CHỦ TỊCH HỘI ĐỒNG", chair)]
    letter.recipients = []
    return letter


def for_ward(ward, province, day: dt.date, *, name: str = "") -> Letter:
    return Letter(f"CÔNG AN {province.name.upper()}", f"CÔNG AN {ward.name.upper()}", "CAP", place(ward.name), day,
                  [nd30.Signer("", "TRƯỞNG CÔNG AN PHƯỜNG" if ward.name.startswith("Phường") else "TRƯỞNG CÔNG AN XÃ", name)])
