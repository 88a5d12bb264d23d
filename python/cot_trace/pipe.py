"""Scoring datasets too big for one machine on an existing engine (Dask, Spark).

The map step pipes JSON Lines through ``cot-trace score -`` (one process per partition, as Spark's
``RDD.pipe`` does) and gives back one dict per trace, carrying ``file``, ``record`` (0-based, in
the file), ``line`` (1-based), ``trace`` (when a record holds several) and the rewards, so results
join back to their source.

Dask (one partition per file, so record numbers are the file's own)::

    from cot_trace.pipe import dask_bag
    bag = dask_bag(["data/a.jsonl", "data/b.jsonl"])
    rows = bag.compute()

Spark: ``RDD.pipe`` numbers records per partition, so tag each line with where it came from
first (``tag_line``) and read the tag back from the output's ``id`` (``untag``)::

    lines = sc.textFile(path).zipWithIndex().map(lambda t: tag_line(path, t[1], t[0]))
    rows = lines.pipe("cot-trace score - --field id=_src").map(json.loads).map(untag)
"""

import json
import shlex
import subprocess

#: The field ``tag_line`` adds; pass ``--field id=_src`` to ``cot-trace score``.
TAG = "_src"


def _command(command):
    if command is None:
        return ["cot-trace"]
    if isinstance(command, str):
        return shlex.split(command)
    return list(command)


def score_lines(lines, file=None, command=None, args=(), timeout=600):
    """Scores JSON Lines (an iterable of strings) with ``cot-trace score -``; returns one dict per trace.

    ``command`` is how to run the CLI (``"cot-trace"``, or e.g. ``["node", "dist/cli.js"]``); ``args``
    are extra ``score`` flags (``--config``, ``--preset``, ``--weights``…). Unreadable lines are
    reported by the CLI on stderr, which is raised with the exit code when it is not 0.
    """
    text = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    run = subprocess.run(
        _command(command) + ["score", "-", "--quiet"] + list(args),
        input=text.encode("utf-8"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        timeout=timeout,
    )
    if run.returncode != 0:
        raise RuntimeError("cot-trace score exited %d: %s" % (run.returncode, run.stderr.decode("utf-8", "replace").strip()))
    rows = []
    for out in run.stdout.decode("utf-8").splitlines():
        if not out.strip():
            continue
        row = json.loads(out)
        if file is not None:
            row = dict({"file": file}, **row)
        rows.append(row)
    return rows


def score_partition(elements, command=None, args=()):
    """Dask map step: ``elements`` are ``(line, path)`` pairs of one file (``read_text(include_path=True)``)."""
    lines = []
    path = None
    for line, p in elements:
        if path is not None and p != path:
            raise ValueError("a partition holds lines of %s and %s: read with blocksize=None" % (path, p))
        path = p
        lines.append(line)
    if not lines:
        return []
    return score_lines(lines, file=path, command=command, args=args)


def dask_bag(paths, command=None, args=()):
    """A Dask bag of the scores of JSON Lines files: one partition (one ``cot-trace score`` process) per file."""
    import dask.bag as db

    bag = db.read_text(paths, include_path=True, blocksize=None)
    return bag.map_partitions(score_partition, command=command, args=args)


def tag_line(file, index, line):
    """A JSON Lines record with ``_src`` set to ``file#index`` (the 0-based record number), for ``RDD.pipe``."""
    record = json.loads(line)
    if not isinstance(record, dict):
        raise ValueError("record %d of %s is not a JSON object" % (index, file))
    tagged = {TAG: "%s#%d" % (file, index)}
    tagged.update(record)
    return json.dumps(tagged, ensure_ascii=False)


def untag(row):
    """The inverse of ``tag_line`` on a ``cot-trace score`` output row: ``file`` and ``record`` back from ``id``."""
    row = dict(row)
    src = row.pop("id", None)
    if isinstance(src, str) and "#" in src:
        file, _, index = src.rpartition("#")
        row["file"] = file
        row["record"] = int(index)
    row.pop("line", None)  # a line number within the partition means nothing once tagged
    return row
