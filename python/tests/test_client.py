import unittest

from cot_trace import REWARD_NAMES, Client, ServerError

from . import support


class ScoreEndpoint(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = Client(support.url())
        cls.path, cls.records = support.records()
        cls.expected = support.cli_scores(cls.path)

    def test_score_equals_the_cli(self):
        results = self.client.score(
            [r["completion"] for r in self.records],
            prompts=[r.get("prompt") for r in self.records],
            ground_truths=[r.get("ground_truth") for r in self.records],
        )
        self.assertEqual(len(results), len(self.expected))
        self.assertGreaterEqual(len(results), 40)
        for got, want in zip(results, self.expected):
            self.assertEqual(got["rewards"], want["rewards"])
            self.assertEqual(got["total"], want["total"])
        # The fixture is not trivial: some answers are right, some wrong, some not checkable.
        accuracies = {r["rewards"]["accuracy"] for r in results}
        self.assertTrue({0, 1} <= accuracies, accuracies)

    def test_weights_change_the_total_like_the_cli_flag(self):
        results = self.client.score([r["completion"] for r in self.records], prompts=[r.get("prompt") for r in self.records],
                                    ground_truths=[r.get("ground_truth") for r in self.records], weights={"accuracy": 2, "format": 0.5})
        expected = support.cli_scores(self.path, "--weights", "accuracy=2,format=0.5")
        self.assertEqual([r["total"] for r in results], [e["total"] for e in expected])
        self.assertNotEqual([r["total"] for r in results], [e["total"] for e in self.expected])

    def test_findings_are_listed_on_request(self):
        [result] = self.client.score(["<think>\nsum\n</think>\nThe answer is \\boxed{5}."], ground_truths=["4"], findings=True)
        self.assertEqual(result["rewards"]["accuracy"], 0)
        self.assertIn("answer-incorrect", [f["rule"] for f in result["findings"]])
        [plain] = self.client.score(["<think>\nsum\n</think>\nThe answer is \\boxed{5}."], ground_truths=["4"])
        self.assertNotIn("findings", plain)

    def test_every_reward_name_is_answered(self):
        [result] = self.client.score(["<think>\nx\n</think>\ny"])
        self.assertEqual(sorted(result["rewards"]), sorted(REWARD_NAMES))
        self.assertIsNone(result["rewards"]["accuracy"])  # no ground truth


class GetRewardEndpoint(unittest.TestCase):
    """OpenRLHF's remote reward protocol, as its trainer sends it."""

    @classmethod
    def setUpClass(cls):
        cls.client = Client(support.url() + "/get_reward")  # the URL as given to --reward.remote_url
        cls.cases, cls.records_path = support.queries()
        cls.expected = support.cli_scores(cls.records_path)

    def test_rewards_equal_the_cli_total(self):
        answer = self.client.get_reward([c["query"] for c in self.cases], [c["prompt"] for c in self.cases], [c["label"] for c in self.cases])
        self.assertEqual(sorted(answer), ["extra_logs", "rewards", "scores"])
        self.assertEqual(len(answer["rewards"]), len(self.cases))
        self.assertEqual(answer["rewards"], [e["total"] for e in self.expected])
        for name in REWARD_NAMES:
            self.assertEqual(answer["extra_logs"][name], [e["rewards"][name] if e["rewards"][name] is not None else 0 for e in self.expected])
        for score in answer["scores"]:
            self.assertTrue(0 <= score <= 1, score)

    def test_one_query_per_request_as_the_trainer_sends_them(self):
        case, want = self.cases[0], self.expected[0]
        answer = self.client.get_reward([case["query"]], [case["prompt"]], [case["label"]])
        self.assertEqual(answer["rewards"], [want["total"]])

    def test_a_bad_request_is_a_4xx_and_the_server_goes_on(self):
        with self.assertRaises(ServerError) as caught:
            self.client.get_reward(["a", "b"], ["only one prompt"], None)
        self.assertEqual(caught.exception.status, 400)
        with self.assertRaises(ServerError) as caught:
            self.client._request("POST", "/get_reward", {"query": "not a list"})
        self.assertEqual(caught.exception.status, 400)
        self.assertEqual(self.client.health()["status"], "ok")


class AdvantagesEndpoint(unittest.TestCase):
    def test_presets(self):
        client = Client(support.url())
        trl = client.advantages([[1, 0, 0, 0]], preset="trl")["advantages"][0]
        openrlhf = client.advantages([[1, 0, 0, 0]], preset="openrlhf")["advantages"][0]
        # mean 0.25, sample std sqrt((0.5625 + 3 * 0.0625) / 3) = 0.5
        self.assertAlmostEqual(trl[0], 0.75 / (0.5 + 1e-4), places=12)
        self.assertAlmostEqual(openrlhf[0], 0.75 / (0.5 + 1e-9), places=12)
        self.assertEqual(client.advantages([[2, 2]], preset="verl")["advantages"], [[0, 0]])


if __name__ == "__main__":
    unittest.main()
