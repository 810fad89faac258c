"""Who reads and who writes the registers (outside scope a page does not exist: 404; a reader's write: 403).

- A ward's models and reward proposals: its own people (chief, officers) and the province's program staff and
  administrators (``can_enter_data``), while the ward exists; anyone who sees the ward reads.
- Reward decisions and refusals: the province's program staff and administrators.
- Propaganda: program staff and administrators record any body's activities; a body's reporters record their own
  body's; anyone who sees the province, and the reporters of its bodies, read.
"""

from __future__ import annotations

from django.http import Http404

from accounts.scope import get_province_for_user, get_unit_for_user, runs_program, scope_for
from agencies.models import Body
from agencies.roles import body_ids
from kieumau import clock
from units.history import predecessor_ids
from units.models import Level, Unit
from units.territory import is_valid_on

def ward(user, pk: int) -> tuple[Unit, bool]:
    """The ward and whether the user may write its registers; 404 outside scope or for a unit that is not a commune."""
    unit, enters = get_unit_for_user(user, pk)
    if unit.level != Level.COMMUNE:
        raise Http404
    return unit, enters and is_valid_on(unit, clock.today())


def province(user, pk: int) -> tuple[Unit, bool]:
    """The province and whether the user decides rewards and records propaganda there (program staff, admins)."""
    unit = get_province_for_user(user, pk)
    return unit, runs_program(user, unit)


def land_bodies(province: Unit) -> list[Body]:
    """The bodies of the programs run on the province's land (its own and those of the provinces it was formed from)."""
    ids = {province.pk} | predecessor_ids({province.pk})
    return list(Body.objects.filter(province_id__in=ids).order_by("name"))


def propaganda(user, pk: int) -> tuple[Unit, list, bool, set]:
    """(province, its land's bodies, whether the user records for any body, the bodies the user records for as a
    reporter); 404 for someone who neither sees the province nor reports for one of its bodies."""
    unit = Unit.objects.filter(pk=pk, level=Level.PROVINCE).first()
    if unit is None:
        raise Http404
    bodies = land_bodies(unit)
    own = body_ids(user) & {b.pk for b in bodies}
    if not scope_for(user).sees(unit) and not own:
        raise Http404
    today = clock.today()
    own = {b.pk for b in bodies if b.pk in own and is_valid_on(b, today)}
    return unit, bodies, runs_program(user, unit), own
