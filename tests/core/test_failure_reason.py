"""The shell's reason code for an exception it caught (app/factory.py ``failure_reason``)."""

from __future__ import annotations

from aiokafka.errors import KafkaTimeoutError, MessageSizeTooLargeError
from faust.exceptions import ProducerSendError

from wirestream.app.factory import failure_reason


def _wrapped(inner: BaseException) -> BaseException:
    try:
        try:
            raise inner
        except Exception as exc:
            raise ProducerSendError(f"Error while sending: {exc!r}") from exc
    except ProducerSendError as outer:
        return outer


def test_an_output_over_the_size_limit_is_named_as_such_even_when_wrapped() -> None:
    # Faust and the shell wrap the client's error; the wrapped one was reported as internal_error before session 9.
    assert failure_reason(_wrapped(MessageSizeTooLargeError())) == "output_too_large"
    assert failure_reason(MessageSizeTooLargeError()) == "output_too_large"


def test_other_failures_are_internal_errors() -> None:
    assert failure_reason(_wrapped(KafkaTimeoutError())) == "internal_error"
    assert failure_reason(ValueError("boom")) == "internal_error"
