"""A stand-in for an OpenAI-compatible chat completions server, on 127.0.0.1 only.

The answer depends on the term in the request: `server.modes[term] = "poor"`. Modes:
good, poor, malformed (not JSON), incomplete (JSON without a definition), error (HTTP 500),
timeout (no answer until the test ends), garbage (not a chat completion).
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TERM = re.compile(r"^Term: (.+)$", re.MULTILINE)
USAGE = {"good": (320, 240), "poor": (300, 60), "malformed": (280, 40), "incomplete": (280, 30)}


def good_entry(term: str) -> dict:
    return {
        "type": "tempo",
        "definition": {
            "concise": f"{term} is a tempo marking asking for a particular pace and mood.",
            "detailed": (
                f"{term} tells the performer how fast to play and with what character. It is "
                "written above the staff at the start of a piece or section, and stays in force "
                "until another marking replaces it. Players adjust it to the hall and instrument."
            ),
            "etymology": "From Italian, through common musical usage.",
            "pronunciation": {"ipa": "ˈtɛmpo"},  # noqa: RUF001 (deliberate)
            "usage_example": f"The slow movement is marked {term}, so keep the pulse steady.",
        },
        "metadata": {"categories": ["tempo marking"], "related_terms": ["Tempo"]},
        "references": {"wikipedia": "https://en.wikipedia.org/wiki/Tempo"},
    }


def poor_entry(term: str) -> dict:
    return {"definition": {"concise": f"{term}.", "detailed": "A music word."}}


class StandInServer:
    def __init__(self) -> None:
        self.modes: dict[str, str] = {}
        self.requests: list[dict] = []
        self.lock = threading.Lock()
        self.release = threading.Event()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def terms_requested(self) -> list[str]:
        with self.lock:
            return [r["term"] for r in self.requests]

    def start(self) -> StandInServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                found = TERM.search(body["messages"][-1]["content"])
                term = found.group(1) if found else ""
                with server.lock:
                    server.requests.append(
                        {
                            "term": term,
                            "path": self.path,
                            "auth": self.headers.get("Authorization"),
                            "model": body.get("model"),
                        }
                    )
                server.answer(self, server.modes.get(term, "good"), term)

        return Handler

    def answer(self, handler: BaseHTTPRequestHandler, mode: str, term: str) -> None:
        if mode == "timeout":
            self.release.wait(10)
            return
        if mode == "error":
            self._send(handler, 500, {"error": {"message": "upstream failure"}})
            return
        if mode == "garbage":
            self._send(handler, 200, {"hello": "world"})
            return
        content = {
            "good": lambda: json.dumps(good_entry(term)),
            "poor": lambda: json.dumps(poor_entry(term)),
            "malformed": lambda: "Sure! Here is your entry: {definition: concise",
            "incomplete": lambda: json.dumps({"type": "tempo", "definition": {}}),
        }[mode]()
        prompt, completion = USAGE[mode]
        self._send(
            handler,
            200,
            {
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "model": "stand-in-model",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": content},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {
                    "prompt_tokens": prompt,
                    "completion_tokens": completion,
                    "total_tokens": prompt + completion,
                },
            },
        )

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)
