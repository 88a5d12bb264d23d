"""A small HTTP client of ``cot-trace serve`` (urllib, no dependencies)."""

import json
import os
import urllib.error
import urllib.request

#: The rewards the server computes for every completion, in its order; ``total`` is their weighted sum.
REWARD_NAMES = ("format", "tag_count", "language", "accuracy", "reasoning_steps", "repetition", "overlong")

DEFAULT_URL = "http://127.0.0.1:8000"


class ServerError(RuntimeError):
    """The server refused a request (``status`` 4xx) or failed (5xx, or could not be reached: ``status`` None)."""

    def __init__(self, message, status=None):
        super().__init__(message)
        self.status = status


def default_url():
    """The server address: ``$COT_TRACE_URL``, else http://127.0.0.1:8000."""
    return os.environ.get("COT_TRACE_URL") or DEFAULT_URL


class Client:
    """Talks to one ``cot-trace serve`` at ``url`` (scheme, host and port; a trailing path is ignored)."""

    def __init__(self, url=None, timeout=180.0):
        base = (url or default_url()).rstrip("/")
        for route in ("/get_reward", "/score", "/advantages"):
            if base.endswith(route):
                base = base[: -len(route)]
        self.url = base
        self.timeout = timeout

    def _request(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
                kind = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            text = error.read().decode("utf-8", "replace")
            try:
                message = json.loads(text).get("error", text)
            except ValueError:
                message = text
            raise ServerError("%s %s: %s %s" % (method, path, error.code, message), error.code) from None
        except (urllib.error.URLError, OSError) as error:
            raise ServerError("cannot reach %s: %s" % (self.url, getattr(error, "reason", error))) from None
        text = raw.decode("utf-8")
        return json.loads(text) if "json" in kind else text

    def score(self, completions, prompts=None, ground_truths=None, preset=None, weights=None, findings=False):
        """Every reward and the total of each completion: a list of ``{"rewards": {...}, "total": x}``."""
        body = {"completions": list(completions)}
        if prompts is not None:
            body["prompts"] = list(prompts)
        if ground_truths is not None:
            body["ground_truths"] = list(ground_truths)
        if preset is not None:
            body["preset"] = preset
        if weights is not None:
            body["weights"] = dict(weights)
        if findings:
            body["findings"] = True
        return self._request("POST", "/score", body)["results"]

    def get_reward(self, query, prompts=None, labels=None):
        """OpenRLHF's remote reward call: ``{"rewards", "scores", "extra_logs"}``."""
        body = {"query": list(query)}
        if prompts is not None:
            body["prompts"] = list(prompts)
        if labels is not None:
            body["labels"] = list(labels)
        return self._request("POST", "/get_reward", body)

    def advantages(self, groups, preset="trl", **options):
        """GRPO advantages of groups of rewards (``preset``: trl, verl, dr-grpo, paper, openrlhf)."""
        body = {"groups": [list(g) for g in groups], "preset": preset}
        body.update(options)
        return self._request("POST", "/advantages", body)

    def health(self):
        return self._request("GET", "/healthz")

    def metrics(self):
        return self._request("GET", "/metrics")
