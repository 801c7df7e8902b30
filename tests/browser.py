"""A headless Chromium driven over the DevTools protocol on a pipe (standard library only):
open a page, click each of its links, and tell whether any script ran.

Used by tests/test_site.py. `--remote-debugging-pipe` makes Chromium read commands on fd 3
and write answers and events on fd 4, each a JSON object ending in a NUL byte.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import time
from pathlib import Path

from tests.helpers import chromium_argv


class Browser:
    def __init__(self, profile: Path):
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def fds() -> None:  # in the child: the pipe ends on fds 3 and 4 (copied first: they may be 3 or 4)
            a, b = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            chromium_argv(profile, "--remote-debugging-pipe", "about:blank"),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=fds,  # noqa: PLW1509 (a test helper, no threads)
            pass_fds=(3, 4),
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._buf = b""
        self._next = 0
        self.events: list[dict] = []
        page = next(t for t in self.call("Target.getTargets")["targetInfos"] if t["type"] == "page")
        self.session = self.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Debugger"):  # Debugger: a scriptParsed event for every script
            self.call(f"{domain}.enable", session=True)

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_child)
        os.close(self._from_child)

    # the protocol ---------------------------------------------------------------------

    def _read(self, timeout: float) -> dict | None:
        end = time.monotonic() + timeout
        while b"\0" not in self._buf:
            left = end - time.monotonic()
            if left <= 0 or not select.select([self._from_child], [], [], left)[0]:
                return None
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self._buf += chunk
        message, _, self._buf = self._buf.partition(b"\0")
        return json.loads(message)

    def call(self, method: str, session: bool = False, **params) -> dict:
        self._next += 1
        ident = self._next
        message = {"id": ident, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        end = time.monotonic() + 30
        while time.monotonic() < end:
            answer = self._read(end - time.monotonic())
            if answer is None:
                break
            if answer.get("id") == ident:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self._event(answer)
        raise TimeoutError(method)

    def _event(self, event: dict) -> None:
        if "method" not in event:
            return
        self.events.append(event)
        if event["method"] == "Page.javascriptDialogOpening":  # never leave the page blocked
            self._next += 1
            message = {
                "id": self._next,
                "method": "Page.handleJavaScriptDialog",
                "params": {"accept": True},
                "sessionId": self.session,
            }
            os.write(self._to_child, json.dumps(message).encode() + b"\0")

    def wait_for(self, methods: set[str], timeout: float) -> dict | None:
        """The first event among `methods` (already received, or within `timeout` seconds)."""
        end = time.monotonic() + timeout
        seen = len(self.events)
        while True:
            for event in self.events[seen:]:
                if event["method"] in methods:
                    return event
            seen = len(self.events)
            left = end - time.monotonic()
            if left <= 0:
                return None
            message = self._read(left)
            if message is not None:
                self._event(message)

    # what a test does -------------------------------------------------------------------

    def open(self, url: str) -> None:
        self.events.clear()
        self.call("Page.navigate", session=True, url=url)
        assert self.wait_for({"Page.loadEventFired"}, 15), f"{url} did not load"

    def evaluate(self, expression: str):
        return self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True)["result"].get(
            "value"
        )

    def script_events(self) -> list[str]:
        """What shows that a script ran: a dialog, a console message, an uncaught exception."""
        kinds = {"Page.javascriptDialogOpening", "Runtime.consoleAPICalled", "Runtime.exceptionThrown"}
        return [json.dumps(e)[:300] for e in self.events if e["method"] in kinds]

    def click_every_link(self, url: str) -> list[str]:
        """Open `url`, click each of its links in turn (opening the page afresh before each), and
        return what showed that a script ran, with the link that did it (empty: nothing ran)."""
        self.open(url)
        hrefs = self.evaluate("Array.from(document.links, a => a.getAttribute('href'))")
        ran = [f"{url}: on load: {e}" for e in self.script_events()]
        for i, link in enumerate(hrefs):
            if i:
                self.open(url)
            self.evaluate(f"document.links[{i}].click()")
            clicked = len(self.events)  # the click's own script was parsed before its answer came
            # a link to a page loads it; a javascript: link runs at once (and loads nothing)
            self.wait_for({"Page.loadEventFired", "Page.javascriptDialogOpening"}, 2)
            after = [json.dumps(e)[:300] for e in self.events[clicked:] if e["method"] == "Debugger.scriptParsed"]
            ran += [f"{url}: clicking {link!r}: {e}" for e in self.script_events() + after]
        return ran
