/**
 * Mocha's spec reporter plus one closing count line that scripts/test-all.sh reads:
 *
 *   [tests] 12 passed, 1 failed, 3 not run (2 pending, 1 kept from running by a failed hook) of 16
 *
 * preceded by one "[failed] <full title> — <first line of the error>" line per failure, which
 * scripts/test-all.sh repeats in its summary (a CI log often keeps only the tail).
 *
 * Mocha's own epilogue leaves out the tests a failed "before all" hook kept from running; here they are
 * counted as the tests the run collected (`runner.total`) that neither passed, failed nor were pending.
 */
'use strict';
const Mocha = require('mocha');

const { EVENT_RUN_END, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;

class CountingSpec extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    let passed = 0;
    let failed = 0;
    let pending = 0;
    let hookFailures = 0;
    const failures = [];
    runner.on(EVENT_TEST_PASS, () => passed++);
    runner.on(EVENT_TEST_PENDING, () => pending++);
    runner.on(EVENT_TEST_FAIL, (test, error) => {
      const message = String((error && error.message) || error || '').split('\n')[0].slice(0, 200);
      failures.push(`[failed] ${test.fullTitle()} — ${message}`);
      if (test.type === 'hook') hookFailures++;
      else failed++;
    });
    runner.once(EVENT_RUN_END, () => {
      const total = runner.total;
      const blocked = Math.max(0, total - passed - failed - pending);
      // A failed hook is one failure of its own; the tests it guarded are counted as not run.
      const failedCount = failed + hookFailures;
      const notRun = pending + blocked;
      const detail = notRun ? ` (${pending} pending, ${blocked} kept from running by a failed hook)` : '';
      for (const line of failures) process.stdout.write(`${line}\n`);
      process.stdout.write(`[tests] ${passed} passed, ${failedCount} failed, ${notRun} not run${detail} of ${total}\n`);
    });
  }
}

module.exports = CountingSpec;
