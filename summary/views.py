from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.scope import get_province_for_user
from kieumau import clock, panels
from reporting import board as boards
from units.territory import display_name

from . import build


@require_GET
@login_required
def period_summary(request, pk: int):
    """"Tổng hợp kỳ": one printable page for a reporting period (print it, or save it as PDF from the browser)."""
    province = get_province_for_user(request.user, pk)
    programs = boards.programs_shown(province)
    if not programs:
        raise Http404
    program = next((p for p in programs if p.code == request.GET.get("ct")), programs[-1])
    today = clock.today()
    choices = boards.periods_until(program, today, upcoming=1)
    if not choices:
        raise Http404
    code = request.GET.get("ky", "")
    p = next((c for c in choices if c.code == code), None)
    if code and p is None:
        raise Http404
    p = p or next((c for c in reversed(choices) if c.deadline < today), choices[-1])
    s = build.build(program, p, today, province)
    extra = panels.for_province(province, p.window_from, p.window_to, request.user)  # survey results (kieumau.panels)
    return render(request, "summary/period.html", {"province": province, "dated": display_name(province), "s": s,
                                                   "programs": programs, "choices": choices, "today": today, "panels": extra})
