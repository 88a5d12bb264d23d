import importlib.util
import os
import unittest
from unittest import mock

from cot_trace import verl

from . import support


class VerlComputeScore(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.path, cls.records = support.records()
        cls.expected = support.cli_scores(cls.path)
        cls.env = mock.patch.dict(os.environ, {"COT_TRACE_URL": support.url()})
        cls.env.start()

    @classmethod
    def tearDownClass(cls):
        cls.env.stop()

    def test_single_calls_equal_the_cli_total(self):
        for record, want in list(zip(self.records, self.expected))[:12]:
            extra = {"question": record["prompt"]} if record.get("prompt") else None
            score = verl.compute_score("math500", record["completion"], record.get("ground_truth"), extra)
            self.assertEqual(score, float(want["total"]))

    def test_batched_form_equals_the_cli_total(self):
        scores = verl.compute_score_batch(
            data_sources=["math500"] * len(self.records),
            solution_strs=[r["completion"] for r in self.records],
            ground_truths=[r.get("ground_truth") for r in self.records],
            extra_infos=[{"question": r.get("prompt")} for r in self.records],
        )
        self.assertEqual(scores, [float(e["total"]) for e in self.expected])

    def test_loads_by_file_path_as_verl_does(self):
        spec = importlib.util.spec_from_file_location("custom_module", verl.__file__)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        record, want = self.records[0], self.expected[0]
        score = module.compute_score("x", record["completion"], record.get("ground_truth"), {"question": record.get("prompt")})
        self.assertEqual(score, float(want["total"]))


if __name__ == "__main__":
    unittest.main()
