import { strict as assert } from 'node:assert';
import { e2e } from './fixture';
import { openFile, runCommand, screenshot } from '../../scripts/e2e/workbench';

// TRL normalisation of totals [2, 3, 3, 2]: mean 2.5, sample std sqrt(1/3) → ±0.5 / (sqrt(1/3) + 1e-4)
const A = 0.5 / (Math.sqrt(1 / 3) + 1e-4);

describe('GRPO advantages from a selection (code-server)', () => {
  it('scores the selected records, groups them by prompt and shows their advantages in the calculator', async () => {
    const page = await e2e().openWorkspace();
    await openFile(page, 'grpo-group.jsonl');
    await page.locator('.editor-instance .view-lines').first().click();
    await page.keyboard.press('Control+A');
    await runCommand(page, 'CoT Trace: Compute Group Advantages from Selection', 'Compute Group Advantages from Selection');
    const pick = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'By prompt' }).first();
    await pick.waitFor({ state: 'visible', timeout: 20_000 });
    // Group-by offers text fields only, the detected prompt first.
    const rows = await page.locator('.quick-input-widget .monaco-list-row .label-name').allInnerTexts();
    const fields = rows.filter((r) => r.startsWith('By field: '));
    assert.equal(fields[0], 'By field: prompt', `${rows}`);
    assert.ok(!fields.includes('By field: completion'), `${rows}`);
    await page.keyboard.press('Enter');
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const cells = frame.locator('#outputs tbody td.advantage');
    await cells.nth(3).waitFor({ state: 'visible', timeout: 30_000 });
    const values = await cells.evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.value)));
    await screenshot(page, 'grpo-from-selection');
    assert.equal(values.length, 4);
    [-A, A, A, -A].forEach((expected, i) => assert.ok(Math.abs(values[i] - expected) < 1e-9, `output ${i + 1}: ${values[i]}`));
    assert.equal(await frame.locator('#prompt').inputValue(), 'Solve: 2x + 3 = 7');
    assert.equal(await frame.locator('#outputs vscode-button.goto').count(), 4);
    // The inline hint beside the records.
    const hint = await page.evaluate(() => {
      for (const sheet of Array.from(document.styleSheets)) {
        let rules: CSSRuleList;
        try {
          rules = sheet.cssRules;
        } catch {
          continue;
        }
        for (const rule of Array.from(rules)) if (rule.cssText.includes('A = +0.87')) return rule.cssText;
      }
      return '';
    });
    assert.ok(hint, 'no "A = +0.87" hint decoration');
    // Shown where the record starts (before its text), so long records show it without wrapping.
    assert.match(hint, /::before/, hint);
  });
});
