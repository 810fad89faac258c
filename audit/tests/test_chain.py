"""The audit trail is a hash chain: any edit or deletion is found and named; the form survives either database."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import TestCase
from hypothesis import given
from hypothesis import strategies as st

from audit import chain
from audit.models import AuditEvent, ChainHead, append, record
from units.models import Level, Unit

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
moments = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1),
                       timezones=st.sampled_from([dt.timezone.utc, dt.timezone(dt.timedelta(hours=7))]))


def content(data, at, **kw):
    return {"at": at, "actor_id": kw.get("actor_id"), "action": kw.get("action", "x.y"), "object_type": "a.b",
            "object_id": kw.get("object_id", "1"), "unit_id": None, "data": data, "comment": kw.get("comment", "")}


@given(json_values, moments)
def test_the_digest_survives_a_json_round_trip_and_any_key_order(data, at):
    back = json.loads(json.dumps(data))
    shuffled = json.loads(json.dumps(back, sort_keys=True))  # jsonb returns keys in its own order
    a = chain.digest(content(data, at), chain.GENESIS)
    assert a == chain.digest(content(back, at.astimezone(dt.timezone.utc)), chain.GENESIS)
    assert a == chain.digest(content(shuffled, at), chain.GENESIS)


@given(json_values, moments, st.sampled_from(["action", "object_id", "comment", "actor_id", "at", "data", "previous"]))
def test_any_change_of_any_field_changes_the_digest(data, at, field):
    base = content(data, at)
    changed = dict(base)
    previous = chain.GENESIS
    if field == "at":
        changed["at"] = at + dt.timedelta(microseconds=1)
    elif field == "data":
        changed["data"] = {"wrapped": data}
    elif field == "actor_id":
        changed["actor_id"] = 7
    elif field == "previous":
        previous = "1" * 64
    else:
        changed[field] = base[field] + "!"
    assert chain.digest(base, chain.GENESIS) != chain.digest(changed, previous)


def test_one_number_is_one_number_whatever_its_spelling_and_text_stays_text():
    assert chain.canonical_data(1) == chain.canonical_data(1.0) == chain.canonical_data(json.loads("1e0"))
    assert chain.canonical_data(10**20) == chain.canonical_data(1e20)
    assert chain.canonical_data("1.5") != chain.canonical_data(1.5)


class ChainTests(TestCase):
    def setUp(self):
        self.unit = Unit.objects.create(code="99", name="Tỉnh Thử", level=Level.PROVINCE)
        for i in range(5):
            record(None, f"test.step{i}", self.unit, unit=self.unit, data={"i": i, "ratio": 0.5, "names": ["Ánh", "Đức"]},
                   comment=f"bước {i}")

    def verify(self):
        out = StringIO()
        call_command("audit_verify", stdout=out)
        return out.getvalue()

    def broken(self):
        with pytest.raises(CommandError) as ctx:
            call_command("audit_verify", stdout=StringIO())
        assert ctx.value.returncode == 1
        return str(ctx.value)

    def raw(self, sql, params=()):
        # as a database superuser would, past the application: on PostgreSQL the trigger must be bypassed first
        # (replica mode fires no ordinary trigger), the case the chain is for
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute(sql, params)
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL session_replication_role = origin")

    def test_an_intact_chain_verifies_with_its_count(self):
        n = AuditEvent.objects.count()
        self.assertIn(f"Đã kiểm tra {n} sự kiện", self.verify())
        head = ChainHead.objects.get(pk=1)
        self.assertEqual((head.count, head.last_id), (n, AuditEvent.objects.order_by("-id").first().pk))

    def test_editing_any_column_of_a_row_is_named(self):
        third = AuditEvent.objects.order_by("id")[2]
        edits = [("comment", "'sửa'"), ("action", "'test.other'"), ("object_id", "'not-the-object'"), ("object_type", "'x.y'"),
                 ("data", "'{\"i\": 99}'"), ("at", "'2020-01-01 00:00:00'"), ("unit_id", "NULL"),
                 ("prev_digest", "'" + "e" * 64 + "'")]
        for column, value in edits:
            with self.subTest(column=column), transaction.atomic():
                self.raw(f"UPDATE audit_auditevent SET {column} = {value} WHERE id = %s", [third.pk])
                self.assertIn(f"#{third.pk} ", self.broken())
                transaction.set_rollback(True)
        self.verify()  # every edit was rolled back: intact again

    def test_a_changed_digest_is_found_at_the_next_event(self):
        events = list(AuditEvent.objects.order_by("id"))
        self.raw("UPDATE audit_auditevent SET digest = %s WHERE id = %s", ["f" * 64, events[2].pk])
        self.assertIn(f"#{events[2].pk} ", self.broken())  # its own digest no longer matches its content

    def test_deleting_a_middle_row_breaks_the_next_link(self):
        events = list(AuditEvent.objects.order_by("id"))
        self.raw("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])
        message = self.broken()
        self.assertIn(f"#{events[3].pk}", message)
        self.assertIn("liên kết bị đứt", message)

    def test_deleting_the_newest_rows_is_found_at_the_head(self):
        newest = AuditEvent.objects.order_by("-id").first()
        self.raw("DELETE FROM audit_auditevent WHERE id = %s", [newest.pk])
        self.assertIn("sự kiện cuối cùng đã bị xóa", self.broken())

    def test_bulk_appends_chain_like_single_ones(self):
        append([AuditEvent(action="test.bulk", object_type="a.b", object_id=str(i), data={"i": i}) for i in range(50)])
        self.assertIn(f"Đã kiểm tra {AuditEvent.objects.count()} sự kiện", self.verify())

    def test_the_orm_refuses_edits(self):
        event = AuditEvent.objects.first()
        with self.assertRaises(ValueError):
            event.save()
        with self.assertRaises(ValueError):
            event.delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the append-only trigger exists on PostgreSQL only")
class TriggerTests(TestCase):
    def test_the_database_refuses_update_and_delete(self):
        event = record(None, "test.one", Unit, data={})
        for sql in ("UPDATE audit_auditevent SET comment = 'x' WHERE id = %s", "DELETE FROM audit_auditevent WHERE id = %s"):
            with self.subTest(sql=sql), self.assertRaises(DatabaseError), transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(sql, [event.pk])
        self.assertEqual(AuditEvent.objects.get(pk=event.pk).comment, "")
