import math
import unittest

from cot_trace import REWARD_NAMES, Client
from cot_trace.trl import reward_funcs

from . import support


class CountingClient(Client):
    def __init__(self, url):
        super().__init__(url)
        self.calls = 0

    def score(self, *args, **kwargs):
        self.calls += 1
        return super().score(*args, **kwargs)


class TrlRewardFunctions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.path, cls.records = support.records()
        cls.expected = support.cli_scores(cls.path)

    def batch(self):
        """A TRL call's arguments: prompts, completions, and the dataset columns as keyword lists."""
        return dict(
            prompts=[r.get("prompt") or "" for r in self.records],
            completions=[r["completion"] for r in self.records],
            solution=[r.get("ground_truth") for r in self.records],
            completion_ids=[[1, 2, 3] for _ in self.records],
            trainer_state=None,
        )

    def test_each_function_is_named_by_its_reward_and_equals_the_cli(self):
        names = list(REWARD_NAMES) + ["total"]
        funcs = reward_funcs(support.url(), names)
        self.assertEqual([f.__name__ for f in funcs], names)
        batch = self.batch()
        # The CLI reads a missing prompt as no prompt; TRL always has one, so compare on records that have it.
        for func in funcs:
            values = func(**batch)
            self.assertEqual(len(values), len(self.records))
            for value, want, record in zip(values, self.expected, self.records):
                if not record.get("prompt"):
                    continue
                expected = want["total"] if func.__name__ == "total" else want["rewards"][func.__name__]
                if expected is None:
                    self.assertIsNone(value)
                else:
                    self.assertIsInstance(value, float)
                    self.assertEqual(value, float(expected), func.__name__)

    def test_one_request_serves_every_function_of_a_batch(self):
        client = CountingClient(support.url())
        funcs = reward_funcs(names=["format", "accuracy", "total"], client=client)
        batch = self.batch()
        for func in funcs:
            func(**batch)
        self.assertEqual(client.calls, 1)
        batch["completions"] = batch["completions"][::-1]
        batch["solution"] = batch["solution"][::-1]
        batch["prompts"] = batch["prompts"][::-1]
        funcs[0](**batch)
        self.assertEqual(client.calls, 2)

    def test_conversational_completions_and_prompts(self):
        [accuracy] = reward_funcs(support.url(), ["accuracy"])
        prompts = [[{"role": "system", "content": "Be brief."}, {"role": "user", "content": "What is 2+2?"}]] * 2
        completions = [
            [{"role": "assistant", "content": "<think>\n2 and 2 make 4.\n</think>\nThe answer is \\boxed{4}."}],
            [{"role": "assistant", "content": "<think>\n2 and 2 make 5.\n</think>\nThe answer is \\boxed{5}."}],
        ]
        self.assertEqual(accuracy(prompts=prompts, completions=completions, answer=["4", "4"]), [1.0, 0.0])

    def test_ground_truth_column_by_name_and_default_order(self):
        [accuracy] = reward_funcs(support.url(), "accuracy", ground_truth_column="gold")
        text = "<think>\nSo 7.\n</think>\n\\boxed{7}"
        self.assertEqual(accuracy(prompts=["q"], completions=[text], gold=["7"], solution=["8"]), [1.0])
        [default] = reward_funcs(support.url(), ["accuracy"])
        # solution comes before answer
        self.assertEqual(default(prompts=["q"], completions=[text], solution=["8"], answer=["7"]), [0.0])
        # no ground truth at all: None, which TRL turns into NaN and leaves out
        self.assertEqual(default(prompts=["q"], completions=[text]), [None])
        with self.assertRaises(KeyError):
            accuracy(prompts=["q"], completions=[text])

    def test_unknown_names_are_refused(self):
        with self.assertRaises(ValueError):
            reward_funcs(support.url(), ["formatt"])

    def test_values_are_finite_floats(self):
        [total] = reward_funcs(support.url())
        values = total(**self.batch())
        self.assertTrue(all(isinstance(v, float) and math.isfinite(v) for v in values))


if __name__ == "__main__":
    unittest.main()
