"""A ward's page of the movement: its models (add, change status) and its reward proposals, year by year."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from assessments.views import _province_crumb
from kieumau import clock, posted
from units.territory import display_name

from . import access, counts, filters, services
from .indicators import FROM_YEAR
from .models import MassModel, Reward

FLASH = "at-phong-trao"  # shown in the page's own box (_flash.html), not in base.html's list ("at-" tags)
MODEL_FIELDS = ("kind", "name", "started_on", "note")
STATUS_FIELDS = ("model", "status", "since", "status_note")
REWARD_FIELDS = ("recipient_kind", "recipient_name", "achievement", "movement", "level", "proposer_unit",
                 "proposer_person", "proposed_on")


@require_http_methods(["GET", "POST"])
@login_required
def ward(request, pk: int):
    unit, writes = access.ward(request.user, pk)
    error, form = "", ""
    if request.method == "POST":
        if not writes:
            raise PermissionDenied
        form = request.POST.get("action", "")
        try:
            done, anchor = _act(request, unit, form)
            messages.success(request, done, extra_tags=FLASH)
            return redirect(f"{reverse('emulation_ward', args=[unit.pk])}?nam={filters.year(request.GET)}#{anchor}")
        except posted.Refused as e:
            error = str(e)
    return render(request, "emulation/ward.html", _context(request, unit, writes, error, form), status=400 if error else 200)


def _act(request, unit, action: str) -> tuple[str, str]:
    p, user = request.POST, request.user
    if action == "add_model":
        m = services.add_model(unit, user, kind=p.get("kind", ""), name=p.get("name", ""),
                               started_on=posted.date(p.get("started_on")), note=p.get("note", ""))
        return f"Đã ghi mô hình «{m.name}».", "mo-hinh"
    if action == "model_status":
        m = MassModel.objects.filter(unit=unit, pk=posted.integer(p.get("model"))).first()
        if m is None:
            raise posted.Refused("Không tìm thấy mô hình cần đổi tình trạng; hãy tải lại trang.")
        services.change_status(m, user, status=p.get("status", ""), since=posted.date(p.get("since")),
                               note=p.get("status_note", ""))
        return f"Đã ghi tình trạng mới của mô hình «{m.name}».", "mo-hinh"
    if action == "propose":
        r = services.propose(unit, user, recipient_kind=p.get("recipient_kind", ""), recipient_name=p.get("recipient_name", ""),
                             achievement=p.get("achievement", ""), movement=p.get("movement", ""), level=p.get("level", ""),
                             proposer_unit=p.get("proposer_unit", ""), proposer_person=p.get("proposer_person", ""),
                             proposed_on=posted.date(p.get("proposed_on")))
        return f"Đã ghi đề nghị khen thưởng «{r.recipient_name}»; Công an tỉnh ghi quyết định khi có.", "khen-thuong"
    raise posted.Refused("Thao tác không hợp lệ.")


def _context(request, unit, writes: bool, error: str, form: str) -> dict:
    chosen = filters.RewardFilter.read(request.GET)
    chosen.ward = None
    year, kind = chosen.year, filters.model_kind(request.GET)
    mc = counts.model_counts([unit.pk], year).get(unit.pk, counts.ModelCounts())
    models = [(m, status) for m, status in mc.models if not kind or m.kind == kind]
    rewards = list(chosen.apply(Reward.objects.filter(unit=unit)).order_by("-proposed_on", "-pk"))
    rc = counts.reward_counts([unit.pk], year).get(unit.pk, counts.RewardCounts())
    typed = {k: request.POST.get(k, "") for k in (*MODEL_FIELDS, *STATUS_FIELDS, *REWARD_FIELDS)}
    if not typed["proposer_unit"]:
        typed["proposer_unit"] = f"Công an {unit.name[:1].lower()}{unit.name[1:]}"
    return {
        "unit": unit, "dated": display_name(unit), **_province_crumb(request.user, unit), "year": year, "years": filters.years(),
        "writes": writes, "error": error, "form": form, "typed": typed, "today": clock.today(),
        "models": models, "model_counts": mc, "kind": kind, "kind_label": MassModel.Kind(kind).label if kind else "",
        "counted_day": counts.counted_day(year), "rewards": rewards, "reward_counts": rc, "chosen": chosen,
        "counted": year >= FROM_YEAR, "model_kinds": MassModel.Kind.choices, "statuses": MassModel.Status.choices,
        "recipients": Reward.Recipient.choices, "movements": Reward.Movement.choices, "levels": Reward.Level.choices,
        "states": Reward.State.choices, "flash": FLASH,
    }
