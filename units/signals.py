"""Signals other apps listen to, so that units never imports them (layers point one way: domain → units)."""

from django.dispatch import Signal

# Sent after a reorganization is recorded (an import of the 2025 map, the 2024 facts, a ``reorganize`` file), inside
# its transaction. Receivers close what the units that have ended left unfinished (assessments.closing).
reorganized = Signal()
