"""Secrets kept out of what is shown: the password in a URL (a database's, a feed's, a download's) is
masked in error messages, logs and banners, wherever the URL appears in them."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

MASK = "***"

# scheme://user:PASSWORD@ : the password runs to the last "@" before a space, so that one holding an "@"
# (or a URL SQLAlchemy cannot parse) is masked whole
_URL_PASSWORD = re.compile(r"(?P<head>\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/?#@'\"]*:)\S*@")


def url_secrets(url: str) -> tuple[str, ...]:
    """The password of `url`, as written and percent-decoded (empty when it has none)."""
    try:
        password = urlsplit(url).password
    except ValueError:  # a malformed netloc; the pattern of `redact` still masks it
        return ()
    if not password:
        return ()
    # a password holding "@" is cut there by SQLAlchemy, which takes the rest for the host: mask the pieces
    whole = (password, unquote(password))
    return tuple(dict.fromkeys(p for p in (*whole, *password.split("@")) if p))


def redact(text: str, *, secrets: Iterable[str] = ()) -> str:
    """`text` with the password of every URL in it, and each of `secrets` anywhere, shown as ***."""
    text = _URL_PASSWORD.sub(lambda match: f"{match['head']}{MASK}@", text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    return text


class RedactingFilter(logging.Filter):
    """Passes every log record, its message with URL passwords masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = redact(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True
