"""verl custom reward functions.

In the trainer config::

    custom_reward_function:
      path: /path/to/python/cot_trace/verl.py
      name: compute_score          # or compute_score_batch with reward_model.reward_manager=batch

The server address is read from ``COT_TRACE_URL`` (default http://127.0.0.1:8000). verl loads this
file by path, so it imports the client the same way.
"""

import os
import sys

try:
    from .client import Client
except ImportError:  # loaded by file path (verl's custom_reward_function.path)
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from cot_trace.client import Client

_clients = {}


def _client():
    url = os.environ.get("COT_TRACE_URL") or "http://127.0.0.1:8000"
    if url not in _clients:
        _clients[url] = Client(url)
    return _clients[url]


def _prompt(extra_info):
    if isinstance(extra_info, dict):
        for key in ("question", "prompt", "problem"):
            if isinstance(extra_info.get(key), str):
                return extra_info[key]
    return None


def _truth(value):
    if value is None:
        return None
    if isinstance(value, (list, tuple)) and value:
        value = value[0]
    return str(value)


def compute_score(data_source, solution_str, ground_truth, extra_info=None, **kwargs):
    """The total reward of one response (verl's default reward manager)."""
    result = _client().score([solution_str], prompts=[_prompt(extra_info)], ground_truths=[_truth(ground_truth)])[0]
    return float(result["total"])


def compute_score_batch(data_sources, solution_strs, ground_truths, extra_infos=None, **kwargs):
    """The total rewards of a batch (verl's batch reward manager): one request for the whole batch."""
    n = len(solution_strs)
    infos = list(extra_infos) if extra_infos is not None else [None] * n
    results = _client().score(
        list(solution_strs),
        prompts=[_prompt(i) for i in infos],
        ground_truths=[_truth(g) for g in ground_truths],
    )
    return [float(r["total"]) for r in results]
