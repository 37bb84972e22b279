"""No credential a WebSocket URL carries reaches the server's log (uvicorn logs every handshake
with its query string; the original web client sends its token there)."""

from __future__ import annotations

import logging

from sync.realtime.worker import RedactUrlCredentials


def _logged(path: str) -> str:
    record = logging.LogRecord(
        "uvicorn.error",
        logging.INFO,
        __file__,
        1,
        '%s - "WebSocket %s" [accepted]',
        ("127.0.0.1:5555", path),
        None,
    )
    RedactUrlCredentials().filter(record)
    return record.getMessage()


def test_a_token_in_the_query_string_is_blanked():
    message = _logged("/sync/ws?userId=01J&token=eyJ.secret.sig")
    assert "eyJ.secret.sig" not in message
    assert "/sync/ws?userId=01J&token=[redacted]" in message


def test_other_parameters_and_paths_are_kept():
    assert _logged("/ws/sync?device=phone").endswith('"WebSocket /ws/sync?device=phone" [accepted]')


def test_every_credential_name_is_blanked():
    message = _logged("/x?access_token=a1&jwt=b2&auth=c3")
    assert not any(secret in message for secret in ("a1", "b2", "c3"))
