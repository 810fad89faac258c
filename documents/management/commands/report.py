"""The province's report on the program for a period, as a DOCX ready to sign (the contract used by outside checks).

    python manage.py report 56 --period 2026-H1 --output bao-cao.docx [--party] [--signer-title ...] [--signer-name ...]

The province and the period are read as `reporting_status` reads them: the province bearing the code on the period's
deadline. Exit 0 with the file written; exit 2 with a Vietnamese message for an unknown province or period.
"""

from pathlib import Path

from django.core.management.base import CommandError

from documents import nd30
from documents.services import DocumentError, report_for_code
from kieumau import commands


class Command(commands.Command):
    help = "Báo cáo kết quả thực hiện của tỉnh trong một kỳ, xuất tệp DOCX theo thể thức Nghị định 30/2020/NĐ-CP"

    def add_arguments(self, parser):
        parser.add_argument("province", help="mã tỉnh (ví dụ 56)")
        parser.add_argument("--period", required=True, help="NĂM-H1 (6 tháng), NĂM (cả năm) hoặc mã mốc (SK2025)")
        parser.add_argument("--output", required=True, help="đường dẫn tệp .docx")
        parser.add_argument("--party", action="store_true", help="thể thức văn bản của Đảng (gửi Ban Thường vụ Tỉnh ủy)")
        parser.add_argument("--signer-title", default="", help="chức vụ người ký (mặc định: GIÁM ĐỐC / BÍ THƯ)")
        parser.add_argument("--signer-name", default="", help="họ và tên người ký")

    def handle(self, *args, **options):
        form = nd30.PARTY_FORMAT if options["party"] else nd30.STATE
        try:
            content = report_for_code(options["province"], options["period"], form=form,
                                      signer={"title": options["signer_title"], "name": options["signer_name"]})
        except DocumentError as e:
            raise CommandError(f"Không lập được báo cáo: {e}", returncode=2) from None
        out = Path(options["output"])
        try:
            out.write_bytes(content)
        except (OSError, ValueError) as e:  # a folder, a missing folder, a name too long, no permission, a NUL …
            raise CommandError(f"Không ghi được tệp «{commands.shown(out)}»: {commands.os_problem(e)}", returncode=2) from None
        self.stdout.write(f"Đã ghi {out} ({len(content):,} byte).".replace(",", "."))
