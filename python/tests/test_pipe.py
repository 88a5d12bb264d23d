"""The Dask recipe on a real LocalCluster, and the tagging that Spark's RDD.pipe needs."""

import json
import os
import shutil
import tempfile
import unittest

from cot_trace import pipe

from . import support


def split_into_files(records, folder, parts):
    paths = []
    for i in range(parts):
        path = os.path.join(folder, "part-%d.jsonl" % i)
        with open(path, "w", encoding="utf-8") as f:
            for record in records[i::parts]:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


class DaskRecipe(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="cot-trace-dask-")
        _, records = support.records()
        cls.paths = split_into_files(records, cls.folder, 4)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)

    def test_bag_over_files_on_a_local_cluster_equals_the_cli_per_file(self):
        from distributed import Client, LocalCluster

        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1") as cluster, Client(cluster) as client:
            self.assertEqual(len(client.scheduler_info()["workers"]), 2)
            bag = pipe.dask_bag(self.paths, command=support.cli())
            self.assertEqual(bag.npartitions, len(self.paths))
            rows = client.compute(bag).result(timeout=180)
            workers = client.run(os.getpid)
            self.assertEqual(len(set(workers.values())), 2)
        expected = []
        for path in self.paths:
            expected.extend(dict({"file": path}, **row) for row in support.cli_scores(path))
        key = lambda r: (r["file"], r["record"], r.get("trace", 0))
        self.assertEqual(sorted(rows, key=key), sorted(expected, key=key))
        self.assertEqual({r["file"] for r in rows}, set(self.paths))

    def test_a_partition_mixing_files_is_refused(self):
        with self.assertRaises(ValueError):
            pipe.score_partition([("{}", "a.jsonl"), ("{}", "b.jsonl")], command=support.cli())


class SparkPipeTagging(unittest.TestCase):
    def test_tagged_lines_come_back_with_file_and_record(self):
        path, records = support.records()
        with open(path, encoding="utf-8") as f:
            lines = [line for line in f.read().splitlines() if line.strip()]
        # As RDD.pipe would see one partition: records 10.. of the file, out of their context.
        part = [pipe.tag_line(path, i, line) for i, line in enumerate(lines)][10:20]
        rows = [pipe.untag(row) for row in pipe.score_lines(part, command=support.cli(), args=["--field", "id=" + pipe.TAG])]
        expected = support.cli_scores(path)[10:20]
        self.assertEqual([(r["file"], r["record"]) for r in rows], [(path, e["record"]) for e in expected])
        self.assertEqual([r["total"] for r in rows], [e["total"] for e in expected])


if __name__ == "__main__":
    unittest.main()
