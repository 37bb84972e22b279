"""The AI provider: any OpenAI-compatible chat completions endpoint.

Plain `urllib.request` with proxies disabled: the only traffic is to the configured URL.
The provider's reported `usage` is what the budget counts; nothing is estimated after the fact.
"""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from dictionary.models import Lang

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
SYSTEM_PROMPT = (
    "You are the editor of a music dictionary for practising musicians. Answer with one JSON "
    "object only, no markdown, shaped exactly like: "
    '{"type": one of tempo|dynamics|articulation|form|genre|instrument|technique|theory|'
    "composer|period|notation|general, "
    '"definition": {"concise": "one or two sentences", "detailed": "three to five sentences", '
    '"etymology": "...", "pronunciation": {"ipa": "..."}, "usage_example": "..."}, '
    '"metadata": {"categories": [], "instruments": [], "related_terms": [], "synonyms": []}, '
    '"references": {"wikipedia": "https://..."}}. '
    "Write every text field in the requested language. Say nothing you are not sure of."
)


@dataclass(frozen=True)
class Completion:
    content: str
    model: str
    prompt_tokens: int
    completion_tokens: int
    latency_ms: int

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


class ProviderError(Exception):
    """A failed call. `kind`: http_error, timeout, network, bad_response, invalid_entry."""

    def __init__(self, kind: str, message: str, *, completion: Completion | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.completion = completion  # set when the provider answered (and charged tokens)


def configured() -> bool:
    return bool(settings.DICTIONARY_AI_URL)


def model_name() -> str:
    return settings.DICTIONARY_AI_MODEL


def endpoint() -> str:
    url = settings.DICTIONARY_AI_URL.rstrip("/")
    return url if url.endswith("/chat/completions") else f"{url}/chat/completions"


def messages_for(*, term: str, lang: str, type_hint: str) -> list[dict[str, str]]:
    language = Lang(lang).label if lang in Lang.values else "English"
    hint = f"\nLikely type: {type_hint}" if type_hint else ""
    user = f"Term: {term}\nLanguage: {language} ({lang}){hint}\nWrite the entry."
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def chat(messages: list[dict[str, str]]) -> Completion:
    body = json.dumps(
        {
            "model": model_name(),
            "messages": messages,
            "temperature": 0.2,
            "response_format": {"type": "json_object"},
        }
    ).encode()
    headers = {"Content-Type": "application/json"}
    if settings.DICTIONARY_AI_KEY:
        headers["Authorization"] = f"Bearer {settings.DICTIONARY_AI_KEY}"
    request = urllib.request.Request(endpoint(), data=body, headers=headers, method="POST")
    started = time.perf_counter()
    raw = _send(request)
    latency = int((time.perf_counter() - started) * 1000)
    return _completion(raw, latency)


def _send(request: urllib.request.Request) -> bytes:
    try:
        with _OPENER.open(request, timeout=settings.DICTIONARY_AI_TIMEOUT) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        raise ProviderError("http_error", f"HTTP {exc.code} from the provider") from exc
    except TimeoutError as exc:
        raise ProviderError("timeout", "The provider did not answer in time") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError | socket.timeout):
            raise ProviderError("timeout", "The provider did not answer in time") from exc
        raise ProviderError("network", f"Cannot reach the provider: {exc.reason}") from exc
    except OSError as exc:
        raise ProviderError("network", f"Cannot reach the provider: {exc}") from exc


def _completion(raw: bytes, latency_ms: int) -> Completion:
    try:
        data: Any = json.loads(raw)
        usage = data.get("usage") or {}
        completion = Completion(
            content=data["choices"][0]["message"]["content"] or "",
            model=str(data.get("model") or model_name()),
            prompt_tokens=max(0, int(usage.get("prompt_tokens") or 0)),
            completion_tokens=max(0, int(usage.get("completion_tokens") or 0)),
            latency_ms=latency_ms,
        )
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
        raise ProviderError(
            "bad_response", "The provider's answer is not a chat completion"
        ) from exc
    return completion
