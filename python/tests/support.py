"""What the tests get from the mocha suite that drives them (test/reward/reward.test.ts).

Every value is required: a test run without them fails loudly instead of skipping.
"""

import json
import os
import subprocess


def need(name):
    value = os.environ.get(name)
    if not value:
        raise RuntimeError("%s is not set: run these tests through `npm run test:reward`, which starts the server" % name)
    return value


def url():
    return need("COT_TRACE_URL")


def cli():
    """How to run the CLI, as an argument list (e.g. ["node", "dist/cli.js"])."""
    return json.loads(need("COT_TRACE_CLI"))


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def records():
    """The records file: one {"prompt", "completion", "ground_truth"?} object per line, and its path."""
    path = need("COT_TRACE_RECORDS")
    return path, read_jsonl(path)


def queries():
    """OpenRLHF-shaped cases: {"query", "prompt", "label"} per line, and the records file they equal."""
    path = need("COT_TRACE_QUERIES")
    return read_jsonl(path), need("COT_TRACE_QUERY_RECORDS")


def cli_scores(path, *args):
    """`cot-trace score FILE` output, one dict per trace, in order."""
    run = subprocess.run(cli() + ["score", path, "--quiet"] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    if run.returncode != 0:
        raise RuntimeError("cot-trace score failed (%d): %s" % (run.returncode, run.stderr.decode()))
    return [json.loads(line) for line in run.stdout.decode().splitlines() if line.strip()]
