"""Connection options for aiokafka and Faust, derived from :class:`KafkaSettings` in one place.

Secrets stay ``SecretStr`` until the last moment: they are unwrapped only here, when a client is built,
so they never reach logs, metrics labels or dead-letter headers.
"""

from __future__ import annotations

import ssl
from typing import Any

from .settings import KafkaSettings


def ssl_context(k: KafkaSettings) -> ssl.SSLContext | None:
    if k.security_protocol not in {"SSL", "SASL_SSL"}:
        return None
    ctx = ssl.create_default_context(cafile=str(k.ssl_cafile) if k.ssl_cafile else None)
    ctx.check_hostname = k.ssl_check_hostname
    if k.ssl_certfile:
        ctx.load_cert_chain(str(k.ssl_certfile), str(k.ssl_keyfile) if k.ssl_keyfile else None)
    return ctx


def aiokafka_kwargs(k: KafkaSettings) -> dict[str, Any]:
    """Keyword arguments for AIOKafkaProducer/Consumer/AdminClient."""
    kwargs: dict[str, Any] = {
        "bootstrap_servers": k.bootstrap_servers,
        "security_protocol": k.security_protocol,
    }
    ctx = ssl_context(k)
    if ctx is not None:
        kwargs["ssl_context"] = ctx
    if k.sasl_mechanism:
        kwargs["sasl_mechanism"] = k.sasl_mechanism
        kwargs["sasl_plain_username"] = k.sasl_username
        kwargs["sasl_plain_password"] = k.sasl_password.get_secret_value() if k.sasl_password else None
    return kwargs


def faust_credentials(k: KafkaSettings) -> Any:
    """``broker_credentials`` for ``faust.App`` (None for PLAINTEXT)."""
    import faust

    ctx = ssl_context(k)
    if k.sasl_mechanism:
        password = k.sasl_password.get_secret_value() if k.sasl_password else ""
        if k.sasl_mechanism == "PLAIN":
            return faust.SASLCredentials(
                username=k.sasl_username, password=password, ssl_context=ctx
            )
        return faust.SASLCredentials(
            username=k.sasl_username, password=password, ssl_context=ctx, mechanism=k.sasl_mechanism
        )
    if ctx is not None:
        return faust.SSLCredentials(ctx)
    return None
