"""Rewards of CoT Trace (DeepSeek-R1 rule-based rewards) for Python training loops.

The rewards are computed by a running ``cot-trace serve``; this package only talks to it
(``cot_trace.client``) and shapes the calls the way each trainer wants them
(``cot_trace.trl``, ``cot_trace.verl``), plus a map step for Dask and Spark
(``cot_trace.pipe``). Standard library only.
"""

from .client import Client, ServerError, REWARD_NAMES

__all__ = ["Client", "ServerError", "REWARD_NAMES"]
__version__ = "0.1.0"
