"""Typed, reasoned rejections.

A stage that refuses an input raises :class:`Rejection` with a machine-readable ``reason`` code; the
shell turns it into a dead letter. Anything else a stage raises is a bug, and the shell dead-letters it
too (reason ``internal_error``) so that one bad article never stops the worker.
"""

from __future__ import annotations

from .models import Stage


class Rejection(Exception):
    """An input that a stage cannot accept, with the reason ops will see in the dead-letter topic."""

    def __init__(self, reason: str, message: str, *, stage: Stage = Stage.NORMALISE) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message
        self.stage = stage
