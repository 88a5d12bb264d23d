/**
 * The installed .vsix activates in a real workbench: opening a .cot file creates the
 * "CoT Trace" output channel, which the extension only does from `activate`.
 */
import * as assert from 'node:assert/strict';
import { openFile, runCommand, screenshot } from '../../scripts/e2e/workbench';
import { e2e } from './fixture';

describe('activation of the installed extension', function () {
  this.timeout(120_000);

  it('creates the "CoT Trace" output channel once a .cot file is open', async () => {
    const page = await e2e().openWorkspace();
    await openFile(page, 'basic.cot');
    // The output channel list is filled as extensions activate: ask for it until it shows up.
    const deadline = Date.now() + 30_000;
    let found = false;
    let seen: string[] = [];
    while (!found && Date.now() < deadline) {
      await runCommand(page, 'Output: Show Output Channels...', 'Show Output Channels');
      const rows = page.locator('.quick-input-list .monaco-list-row');
      await rows.first().waitFor({ state: 'visible', timeout: 15_000 });
      seen = (await rows.allInnerTexts()).map((t) => t.trim());
      found = seen.some((t) => t.startsWith('CoT Trace'));
      if (found) {
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'CoT Trace' }).first().click();
      } else {
        await page.keyboard.press('Escape');
        await page.waitForTimeout(1000);
      }
    }
    await screenshot(page, 'activation-output-channel');
    assert.ok(found, `no "CoT Trace" output channel; channels listed: ${seen.join(' | ') || '(none)'}`);
  });
});
