"""The demo's citizen voice: feedback in Khánh Hòa and on Bình Dương's land (now Thành phố Hồ Chí Minh) over the
last weeks — answered in time, answered late, open and overdue (escalated), open within its deadline, one forwarded,
one marked spam — and a satisfaction survey with answers in each province. Written through the services the pages
use, each step at its date; the 2026 assessments' TC16 is then derived from the register.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from assessments.derived import refresh_year
from feedback import services, upkeep
from feedback.categories import ensure as ensure_categories
from feedback.models import Case, Category
from kieumau import clock
from surveys import services as surveys
from surveys.models import Question
from units.models import Level, Unit

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class Story:
    province: str  # code of the province today
    ward: str
    category: str
    days_ago: int  # received this many days before today
    text: str
    then: str = ""  # "answer:N" (N days after receipt), "late", "open", "overdue", "forward:<ward>", "spam", "rate:0" or "rate:1"; steps joined by "|"
    contact: bool = False


KH, HCM = "56", "79"
STORIES = [
    Story(KH, "Phường Nha Trang", "an-ninh-trat-tu", 40, "Nhóm thanh niên tụ tập, đua xe gây ồn ào sau 23 giờ trên đường Trần Phú, đoạn gần cầu Trần Phú.",
          "answer:5|rate:1", contact=True),
    Story(KH, "Phường Nha Trang", "thu-tuc-hanh-chinh", 30, "Hỏi thủ tục đăng ký thường trú cho con mới sinh khi cha mẹ ở nhà thuê.", "answer:4"),
    Story(KH, "Phường Nha Trang", "an-ninh-trat-tu", 3, "Có người lạ thường xuyên đứng trước cổng trường tiểu học vào giờ tan học.", "open",
          contact=True),
    Story(KH, "Phường Nha Trang", "trat-tu-do-thi", 20, "Quán ăn lấn chiếm vỉa hè đường Hoàng Văn Thụ, người đi bộ phải xuống lòng đường.",
          "forward:Phường Bắc Nha Trang"),
    Story(KH, "Phường Nha Trang", "khac", 10, "Mua bán tài khoản giá rẻ, liên hệ zalo ... (quảng cáo)", "spam"),
    Story(KH, "Phường Nam Nha Trang", "thai-do-can-bo", 25, "Cán bộ tiếp dân buổi sáng thứ Hai nói chuyện thiếu tôn trọng khi tôi hỏi về giấy tạm trú.",
          "late|rate:0", contact=True),
    Story(KH, "Phường Nam Nha Trang", "an-ninh-trat-tu", 28, "Trộm cắp xe máy xảy ra nhiều lần tại bãi giữ xe chợ Phước Thái, đề nghị tăng tuần tra.",
          "overdue"),
    Story(KH, "Phường Bắc Nha Trang", "an-ninh-trat-tu", 15, "Đề nghị lắp thêm camera an ninh tại ngã ba Đồng Đế.", "answer:6"),
    Story(HCM, "Phường Thủ Dầu Một", "an-ninh-trat-tu", 35, "Tiếng karaoke lớn kéo dài quá 22 giờ tại khu dân cư Phú Hòa.", "answer:3|rate:1"),
    Story(HCM, "Phường Thủ Dầu Một", "thu-tuc-hanh-chinh", 26, "Nộp hồ sơ cấp căn cước cho người cao tuổi không đi lại được, chưa có lịch đến tận nhà.",
          "late"),
    Story(HCM, "Phường Thủ Dầu Một", "an-ninh-trat-tu", 4, "Đèn đường hỏng nhiều ngày tại hẻm 12, tối rất dễ xảy ra cướp giật.", "open"),
    Story(HCM, "Phường Dĩ An", "an-ninh-trat-tu", 30, "Lừa đảo qua điện thoại giả danh công an, đề nghị tuyên truyền cho người cao tuổi.",
          "overdue", contact=True),
]


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 15), TZ)


def _ward(province_code: str, name: str) -> Unit:
    province = Unit.objects.valid_on(clock.today()).get(level=Level.PROVINCE, code=province_code)
    return Unit.objects.within(province).valid_on(clock.today()).get(level=Level.COMMUNE, name=name)


def _actor(province_code: str):
    return get_user_model().objects.get(username="pv01.khanhhoa" if province_code == KH else "pv01.hcm")


def _play(s: Story, today: dt.date) -> Case:
    User = get_user_model()
    ward = _ward(s.province, s.ward)
    received = today - dt.timedelta(days=s.days_ago)
    officer = User.objects.filter(roles__unit=ward, roles__role="ward_chief").first() or _actor(s.province)
    contact = {"name": "Nguyễn Văn An (mẫu)", "phone": "0905 000 111", "email": "", "consent": True} if s.contact else {}
    with clock.replaying_at(_at(received)):
        case = services.submit(services.Submission(ward, Category.objects.get(code=s.category), s.text, **contact))
    Case.objects.filter(pk=case.pk).update(is_demo=True)
    steps = [x for x in s.then.split("|") if x]
    for step in steps:
        kind, _, arg = step.partition(":")
        if kind == "answer" or kind == "late":
            day = received + dt.timedelta(days=int(arg) if arg else s.days_ago - 2)
            with clock.replaying_at(_at(day, 10)):
                services.acknowledge(case, officer)
            with clock.replaying_at(_at(day, 15)):
                services.answer(case, officer, "Công an phường đã xác minh, xử lý theo quy định và tăng cường tuần tra tại địa "
                                               "điểm phản ánh. Cảm ơn ông/bà đã cung cấp thông tin (dữ liệu mẫu).")
        elif kind == "overdue":
            with clock.replaying_at(_at(received + dt.timedelta(days=1), 10)):
                services.acknowledge(case, officer)
        elif kind == "forward":
            target = _ward(s.province, arg)
            with clock.replaying_at(_at(received + dt.timedelta(days=2), 11)):
                services.forward(case, officer, to_unit=target, note="Địa điểm phản ánh thuộc địa bàn phường bạn (dữ liệu mẫu).")
            helper = User.objects.filter(roles__unit=target, roles__role="ward_chief").first() or _actor(s.province)
            with clock.replaying_at(_at(received + dt.timedelta(days=6), 14)):
                services.answer(case, helper, "Đã phối hợp UBND phường kiểm tra, yêu cầu chủ quán cam kết không lấn chiếm vỉa hè "
                                              "(dữ liệu mẫu).")
        elif kind == "spam":
            with clock.replaying_at(_at(received + dt.timedelta(days=1), 8)):
                services.mark_spam(case, officer, "Nội dung quảng cáo, không phải phản ánh.")
        elif kind == "rate":
            case.refresh_from_db()
            with clock.replaying_at(_at(case.answered_at.astimezone(TZ).date() + dt.timedelta(days=1), 20)):
                services.rate(case, arg == "1", "" if arg == "1" else "Chưa thấy cán bộ xin lỗi (dữ liệu mẫu).")
    return case


SURVEY_QUESTIONS = [
    (Question.Kind.RATING, "Bạn hài lòng thế nào với tình hình an ninh, trật tự nơi bạn sống?", []),
    (Question.Kind.RATING, "Bạn đánh giá thái độ phục vụ của cán bộ Công an phường thế nào?", []),
    (Question.Kind.CHOICE, "So với năm trước, an ninh, trật tự ở khu phố của bạn", ["Tốt hơn", "Như cũ", "Kém hơn"]),
    (Question.Kind.TEXT, "Bạn muốn Công an phường làm gì thêm?", []),
]
SUGGESTIONS = ["Tăng tuần tra buổi tối", "Tuyên truyền chống lừa đảo qua mạng", "Xử lý tụ tập gây ồn ào", ""]


def _survey(province_code: str, wards: list[str], today: dt.date) -> int:
    province = Unit.objects.valid_on(today).get(level=Level.PROVINCE, code=province_code)
    staff = _actor(province_code)
    start = today - dt.timedelta(days=30)
    with clock.replaying_at(_at(start - dt.timedelta(days=2))):
        survey = surveys.create(province, staff, title=f"Khảo sát sự hài lòng của Nhân dân năm {today.year}",
                                intro="Ý kiến của bạn giúp Công an phường phục vụ tốt hơn (dữ liệu mẫu).", starts_on=start,
                                ends_on=today + dt.timedelta(days=30), wards=[_ward(province_code, w) for w in wards],
                                questions=[surveys.QuestionDraft(k, t, c) for k, t, c in SURVEY_QUESTIONS])
    survey.is_demo = True
    survey.save(update_fields=["is_demo"])
    questions = list(survey.questions.all())
    n = 0
    for w_index, ward in enumerate(survey.wards.all()):
        for i in range(8 + 5 * w_index):
            seed = (i * 7 + w_index * 3) % 10
            answers = {questions[0].pk: (3 + seed % 3, "", ""), questions[1].pk: (2 + (seed + i) % 4, "", ""),
                       questions[2].pk: (None, ["Tốt hơn", "Tốt hơn", "Như cũ", "Kém hơn"][seed % 4], "")}
            text = SUGGESTIONS[i % len(SUGGESTIONS)]
            if text:
                answers[questions[3].pk] = (None, "", text)
            with clock.replaying_at(_at(start + dt.timedelta(days=1 + i % 25), 8 + i % 12)):
                surveys.answer(ward, f"demo-{ward.pk}-{i}", answers)
            n += 1
    return n


def load(log=print) -> None:
    today = clock.today()
    ensure_categories(Category)  # a flushed database (transactional tests) has lost the migration's rows
    if Case.objects.filter(is_demo=True).exists():  # loaded already: the demo is idempotent
        log(f"Phản ánh của người dân mẫu: đã có; TC16 năm {today.year} cập nhật cho {refresh_year(today.year)} bản đánh giá")
        return
    cases = [_play(s, today) for s in STORIES]
    upkeep.escalate()  # the overdue ones are told to their chief and, past three working days, to the province
    answers = _survey(KH, ["Phường Nha Trang", "Phường Bắc Nha Trang", "Phường Nam Nha Trang"], today)
    answers += _survey(HCM, ["Phường Thủ Dầu Một", "Phường Dĩ An"], today)
    Case.objects.filter(pk__in=[c.pk for c in cases]).update(is_demo=True)
    refreshed = refresh_year(today.year)
    log(f"Phản ánh của người dân mẫu: {len(cases)} phản ánh; khảo sát mẫu: {answers} câu trả lời; "
        f"TC16 năm {today.year} tính từ sổ phản ánh cho {refreshed} bản đánh giá")
