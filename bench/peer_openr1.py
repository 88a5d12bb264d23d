"""The Python peer of `npm run bench`: what practitioners run today to score a dataset.

json.loads on every line, then the four open-r1 rule rewards that need no model — format,
tag count, reasoning steps and the 3-gram repetition penalty — written here from open-r1's
published rules (the regexes are the published ones; the same rules are the `open-r1` preset of
`cot-trace score`).
Only the standard library, one process, one core.

    python3 bench/peer_openr1.py FILE   ->  one JSON line: {"records": N, "completions": M, "sum": S, "cpu": seconds}
"""

import json
import re
import resource
import sys

FORMAT = re.compile(r"^<think>\n.*?\n</think>\n<answer>\n.*?\n</answer>$", re.DOTALL | re.MULTILINE)
STEPS = re.compile(r"(Step \d+:|^\d+\.|\n-|\n\*|First,|Second,|Next,|Finally,)", re.MULTILINE)


def format_reward(text):
    return 1.0 if FORMAT.match(text) else 0.0


def tag_count_reward(text):
    score = 0.0
    if text.count("<think>\n") == 1:
        score += 0.25
    if text.count("\n</think>\n") == 1:
        score += 0.25
    if text.count("\n<answer>\n") == 1:
        score += 0.25
    if text.count("\n</answer>") == 1:
        score += 0.25
    return score


def reasoning_steps_reward(text):
    return min(1.0, len(STEPS.findall(text)) / 3)


def repetition_penalty(text, n=3, max_penalty=-1.0):
    words = text.lower().split()
    if len(words) < n:
        return 0.0
    grams = set()
    total = 0
    for gram in zip(*[words[i:] for i in range(n)]):
        grams.add(gram)
        total += 1
    return (1 - len(grams) / total) * max_penalty


def completions(record):
    """The model outputs of one record, for the record shapes bench/generate.mjs writes."""
    if not isinstance(record, dict):
        return []
    for key in ("completion", "full_response", "model_output"):
        if isinstance(record.get(key), str):
            return [record[key]]
    for key, text in (("messages", "content"), ("conversations", "value")):
        turns = record.get(key)
        if isinstance(turns, list) and turns and isinstance(turns[-1], dict):
            return [turns[-1].get(text, "")]
    for key in ("generations", "code"):
        if isinstance(record.get(key), list):
            return [g for g in record[key] if isinstance(g, str)]
    message = record.get("message")
    if isinstance(message, dict):
        return ["<think>\n" + message.get("reasoning_content", "") + "\n</think>\n" + message.get("content", "")]
    return []


def main(path):
    records = 0
    outputs = 0
    total = 0.0
    with open(path, "rb") as f:
        for line in f:
            if not line.strip():
                continue
            records += 1
            for text in completions(json.loads(line)):
                outputs += 1
                total += format_reward(text) + tag_count_reward(text) + reasoning_steps_reward(text) + repetition_penalty(text)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"records": records, "completions": outputs, "sum": total, "cpu": usage.ru_utime + usage.ru_stime}))


if __name__ == "__main__":
    main(sys.argv[1])
