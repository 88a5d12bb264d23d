"""Reward functions for TRL's ``GRPOTrainer``.

``reward_funcs(url, names)`` gives one function per reward name, each with TRL's signature
``f(prompts, completions, **kwargs) -> list[float | None]`` and ``__name__`` set to the name
(TRL logs each reward by it). Pass them as ``GRPOTrainer(reward_funcs=...)``; weigh them with
``GRPOConfig(reward_weights=...)``, or use the single ``"total"``, weighted by the server's config.

The functions of one ``reward_funcs`` call share one request per batch: TRL calls them one after
the other with the same prompts and completions, and the first call's answer serves the rest.
"""

from .client import REWARD_NAMES, Client

#: Dataset columns looked at, in order, for the ground truth when none is named.
GROUND_TRUTH_COLUMNS = ("solution", "answer", "ground_truth")


def message_text(value, roles):
    """The text of a plain string, or of a conversational list of ``{"role", "content"}`` messages.

    For a message list, the content of the last message whose role is in ``roles``; when none is,
    the content of the last message.
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dict):
        value = [value]
    if isinstance(value, (list, tuple)):
        messages = [m for m in value if isinstance(m, dict)]
        for message in reversed(messages):
            if message.get("role") in roles:
                return _content(message.get("content"))
        if messages:
            return _content(messages[-1].get("content"))
        return ""
    return str(value)


def _content(content):
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # multimodal content parts
        return "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
    return str(content)


def _ground_truths(kwargs, column, n):
    if column is not None:
        if column not in kwargs:
            raise KeyError("ground-truth column %r is not in the batch (columns: %s)" % (column, ", ".join(sorted(kwargs)) or "none"))
        values = kwargs[column]
    else:
        values = next((kwargs[c] for c in GROUND_TRUTH_COLUMNS if c in kwargs), None)
    if values is None:
        return None
    values = list(values)
    if len(values) != n:
        raise ValueError("ground-truth column has %d values for %d completions" % (len(values), n))
    return [None if v is None else str(v) for v in values]


def reward_funcs(url=None, names=("total",), ground_truth_column=None, preset=None, weights=None, client=None):
    """One TRL reward function per name in ``names`` (``"format"``, ``"accuracy"``, …, or ``"total"``).

    ``ground_truth_column`` names the dataset column with the gold answer; by default the first of
    ``solution``, ``answer``, ``ground_truth`` that the batch has. ``preset`` and ``weights`` are
    sent with each request (they change the total, not the single rewards).
    """
    if isinstance(names, str):
        names = [names]
    names = list(names)
    for name in names:
        if name != "total" and name not in REWARD_NAMES:
            raise ValueError("unknown reward %r (known: %s, total)" % (name, ", ".join(REWARD_NAMES)))
    client = client or Client(url)
    last = {"key": None, "results": None}

    def results_for(prompts, completions, kwargs):
        texts = [message_text(c, ("assistant",)) or "" for c in completions]
        asked = [message_text(p, ("user",)) for p in prompts] if prompts is not None else None
        truths = _ground_truths(kwargs, ground_truth_column, len(texts))
        key = (tuple(texts), tuple(asked) if asked is not None else None, tuple(truths) if truths is not None else None)
        if last["key"] != key:
            last["results"] = client.score(texts, prompts=asked, ground_truths=truths, preset=preset, weights=weights)
            last["key"] = key
        return last["results"]

    def make(name):
        def reward(prompts=None, completions=None, **kwargs):
            if completions is None:
                raise TypeError("reward function %s needs completions" % name)
            results = results_for(prompts, completions, kwargs)
            if name == "total":
                return [float(r["total"]) for r in results]
            return [None if r["rewards"][name] is None else float(r["rewards"][name]) for r in results]

        reward.__name__ = name
        reward.__qualname__ = name
        reward.__doc__ = "CoT Trace reward %r for TRL (prompts, completions, **kwargs) -> list of floats" % name
        return reward

    return [make(name) for name in names]
