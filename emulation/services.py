"""Writes to the registers: each in one transaction with one audit row, then the criteria are told which ward-years
moved (frameworks.providers.changed, after commit). Input that cannot be taken raises ``Refused`` (nothing written)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from audit.models import record
from frameworks import providers
from kieumau import clock
from kieumau.posted import Refused, choice, plain
from units.territory import is_valid_on

from .indicators import FROM_YEAR
from .models import MassModel, ModelStatus, Propaganda, Reward

NAME, LONG = 200, 2000
EARLIEST = dt.date(2000, 1, 1)


def amount(value, what: str) -> int | None:
    """A whole number typed in a form (empty: None)."""
    value = (value or "").strip().replace(".", "")
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or len(value) > 9:
        raise Refused(f"Phần «{what}» phải là một số nguyên không âm (ví dụ 120).")
    return int(value)


def past_date(value: dt.date | None, what: str) -> dt.date:
    if value is None:
        raise Refused(f"Hãy nhập {what}.")
    if value > clock.today():
        raise Refused(f"{what.capitalize()} ({value:%d/%m/%Y}) chưa đến: không ghi được ngày trong tương lai.")
    if value < EARLIEST:
        raise Refused(f"{what.capitalize()} ({value:%d/%m/%Y}) quá xa, hãy kiểm tra lại năm.")
    return value


def _writable(unit) -> None:
    if not is_valid_on(unit, clock.today()):
        raise Refused(f"{unit.name} đã chấm dứt hoạt động; sổ của phường chỉ còn để xem.")


def changed(unit_id: int, years) -> None:
    """After commit, tell the assessments of the ward-years whose provided figures may have moved."""
    for year in sorted({y for y in years if FROM_YEAR <= y <= clock.today().year}):
        providers.changed_on_commit(unit_id, year)


# Rewards


@transaction.atomic
def propose(unit, user, *, recipient_kind: str, recipient_name: str, achievement: str, movement: str, level: str,
            proposer_unit: str, proposer_person: str, proposed_on: dt.date | None) -> Reward:
    _writable(unit)
    reward = Reward(
        unit=unit, proposed_by=user,
        recipient_kind=choice(recipient_kind, Reward.Recipient, "đối tượng khen thưởng"),
        recipient_name=plain(recipient_name, "tên tập thể, cá nhân được đề nghị", limit=NAME),
        achievement=plain(achievement, "thành tích", limit=LONG),
        movement=choice(movement, Reward.Movement, "phong trào"),
        level=choice(level, Reward.Level, "hình thức khen thưởng"),
        proposer_unit=plain(proposer_unit, "đơn vị đề nghị", limit=NAME),
        proposer_person=plain(proposer_person, "người đề nghị", required=False, limit=NAME),
        proposed_on=past_date(proposed_on, "ngày đề nghị"))
    if not is_valid_on(unit, reward.proposed_on):
        raise Refused(f"Ngày đề nghị {reward.proposed_on:%d/%m/%Y}: {unit.name} chưa thành lập hoặc đã chấm dứt vào ngày đó.")
    reward.save()
    record(user, "emulation.reward_proposed", reward, unit=unit,
           data={"recipient": reward.recipient_kind, "level": reward.level, "movement": reward.movement,
                 "proposed_on": str(reward.proposed_on)})
    changed(unit.pk, [reward.proposed_on.year])
    return reward


DONE = {Reward.State.DECIDED: "có quyết định khen thưởng", Reward.State.REFUSED: "bị từ chối",
        Reward.State.PROPOSED: "được đề nghị"}
STATUS = {MassModel.Status.ACTIVE: "hoạt động hiệu quả", MassModel.Status.PAUSED: "tạm dừng",
          MassModel.Status.STOPPED: "đã dừng"}


def _step(reward: Reward, step: str) -> Reward:
    """The reward locked for the step, or Refused when the step does not apply to its state."""
    locked = Reward.objects.select_for_update().select_related("unit").get(pk=reward.pk)
    if (locked.state, step) not in Reward.TRANSITIONS:
        raise Refused(f"Đề nghị khen thưởng «{locked.recipient_name}» đã {DONE[locked.state]}; không ghi quyết định "
                      "được nữa.")
    _writable(locked.unit)
    return locked


def _decision_date(value: dt.date | None, reward: Reward, what: str) -> dt.date:
    day = past_date(value, what)
    if day < reward.proposed_on:
        raise Refused(f"{what.capitalize()} ({day:%d/%m/%Y}) trước ngày đề nghị ({reward.proposed_on:%d/%m/%Y}).")
    return day


@transaction.atomic
def decide(reward: Reward, user, *, number: str, date: dt.date | None, signer: str) -> Reward:
    reward = _step(reward, "decide")
    reward.decision_number = plain(number, "số quyết định", limit=50)
    reward.decision_signer = plain(signer, "người ký quyết định", limit=NAME)
    reward.decision_date = _decision_date(date, reward, "ngày quyết định")
    reward.state, reward.decided_by = Reward.TRANSITIONS[(Reward.State.PROPOSED, "decide")], user
    reward.save()
    record(user, "emulation.reward_decided", reward, unit=reward.unit,
           data={"number": reward.decision_number, "date": str(reward.decision_date), "signer": reward.decision_signer})
    changed(reward.unit_id, [reward.decision_date.year, reward.proposed_on.year])
    return reward


@transaction.atomic
def refuse(reward: Reward, user, *, reason: str, date: dt.date | None = None) -> Reward:
    reward = _step(reward, "refuse")
    reward.refusal_reason = plain(reason, "lý do không khen thưởng", limit=LONG)
    reward.decision_date = _decision_date(date or clock.today(), reward, "ngày trả lời")
    reward.state, reward.decided_by = Reward.TRANSITIONS[(Reward.State.PROPOSED, "refuse")], user
    reward.save()
    record(user, "emulation.reward_refused", reward, unit=reward.unit, data={"date": str(reward.decision_date)},
           comment=reward.refusal_reason)
    changed(reward.unit_id, [reward.decision_date.year, reward.proposed_on.year])
    return reward


# Models


@transaction.atomic
def add_model(unit, user, *, kind: str, name: str, started_on: dt.date | None, note: str = "") -> MassModel:
    _writable(unit)
    m = MassModel(unit=unit, created_by=user, kind=choice(kind, MassModel.Kind, "loại mô hình"),
                  name=plain(name, "tên mô hình", limit=NAME), started_on=past_date(started_on, "ngày bắt đầu"),
                  note=plain(note, "ghi chú", required=False, limit=LONG))
    m.save()
    ModelStatus.objects.create(model=m, status=MassModel.Status.ACTIVE, since=m.started_on, by=user)
    record(user, "emulation.model_added", m, unit=unit, data={"kind": m.kind, "started_on": str(m.started_on)})
    changed(unit.pk, range(m.started_on.year, clock.today().year + 1))
    return m


@transaction.atomic
def change_status(m: MassModel, user, *, status: str, since: dt.date | None, note: str = "") -> MassModel:
    m = MassModel.objects.select_for_update().select_related("unit").get(pk=m.pk)  # the lock serialises changes
    _writable(m.unit)
    status = choice(status, MassModel.Status, "tình trạng mới")
    current = m.current
    if status == current.status:
        raise Refused(f"Mô hình «{m.name}» đang ở tình trạng «{STATUS[current.status]}».")
    what = "ngày dừng" if status == MassModel.Status.STOPPED else "ngày áp dụng tình trạng mới"
    since = past_date(since, what)
    if since < current.since:
        raise Refused(f"{what.capitalize()} ({since:%d/%m/%Y}) trước ngày của tình trạng hiện tại "
                      f"({current.since:%d/%m/%Y}).")
    note = plain(note, "ghi chú", required=False, limit=500)
    ModelStatus.objects.create(model=m, status=status, since=since, note=note, by=user)
    record(user, "emulation.model_status_changed", m, unit=m.unit,
           data={"from": current.status, "to": status, "since": str(since)}, comment=note)
    changed(m.unit_id, range(since.year, clock.today().year + 1))
    return m


# Propaganda


@transaction.atomic
def add_propaganda(province, body, user, *, kind: str, title: str, held_on: dt.date | None, quantity: int | None,
                   audience: int | None, report=None, note: str = "") -> Propaganda:
    if body is None:
        raise Refused("Hãy chọn cơ quan thực hiện trong danh sách.")
    p = Propaganda(province=province, body=body, created_by=user, kind=choice(kind, Propaganda.Kind, "hình thức tuyên truyền"),
                   title=plain(title, "tiêu đề, nội dung", limit=300), held_on=past_date(held_on, "ngày thực hiện"),
                   quantity=quantity, audience=audience, note=plain(note, "ghi chú", required=False, limit=LONG))
    if not is_valid_on(body, p.held_on):
        raise Refused(f"{body.name} không hoạt động vào ngày {p.held_on:%d/%m/%Y}.")
    if report is not None:
        from .reports import window

        if report.holder_id != body.pk and report.written_by_body_id != body.pk:
            raise Refused("Báo cáo định kỳ được chọn không phải của cơ quan này.")
        span = window(report)
        if span is None or not span[0] <= p.held_on <= span[1]:
            raise Refused(f"Ngày {p.held_on:%d/%m/%Y} không thuộc kỳ của báo cáo được chọn ({report.period}).")
        p.report = report
    p.save()
    record(user, "emulation.propaganda_recorded", p, unit=province,
           data={"body": body.code, "kind": p.kind, "date": str(p.held_on), "report": report.pk if report else None})
    return p
