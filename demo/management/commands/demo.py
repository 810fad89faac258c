from demo.loader import run
from kieumau import commands


class Command(commands.Command):
    help = "Nạp dữ liệu trình diễn (chạy lại nhiều lần vẫn cho cùng kết quả) và in tài khoản đăng nhập."

    def handle(self, *args, **options):
        users, second_factors = run(log=self.stdout.write)
        self.stdout.write("\nTài khoản trình diễn (mật khẩu được đặt lại mỗi lần chạy demo):")
        width = max(len(u[0]) for u in users)
        for username, password, role in users:
            self.stdout.write(f"  {username.ljust(width)}  {password}  {role}")
        self.stdout.write("\nXác thực hai lớp của người ghi quyết định (đặt lại mỗi lần chạy): thêm khóa vào ứng dụng xác thực,"
                          " hoặc dùng một mã dự phòng (mỗi mã dùng một lần) khi được hỏi mã:")
        for username, key, codes in second_factors:
            self.stdout.write(f"  {username.ljust(width)}  khóa {key}")
            self.stdout.write(f"  {''.ljust(width)}  mã dự phòng: {' '.join(codes)}")
