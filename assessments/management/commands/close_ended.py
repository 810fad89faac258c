from assessments.closing import close_ended
from kieumau import commands


class Command(commands.Command):
    help = ("Đóng các bản đánh giá chưa hoàn tất của đơn vị đã chấm dứt (sáp nhập, chia tách), ghi lý do vào nhật ký."
            " Chạy hằng ngày để các sắp xếp ghi nhận trước có hiệu lực đúng ngày.")

    def handle(self, *args, **options):
        self.stdout.write(f"Đã đóng {close_ended()} bản đánh giá của đơn vị đã chấm dứt.")
