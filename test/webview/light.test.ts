/**
 * The calculator and the pipeline in VS Code's light theme at 900 px: screenshots for the
 * record (test-results/screenshots/light-900-*.png).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotDir, useWebviewHarness } from './harness';
import { LIGHT, applyTheme } from './learnTheme';

const WIDTH = 900;

describe('light theme at 900 px (screenshots)', function () {
  this.timeout(120_000);
  const harness = useWebviewHarness();

  async function openLight(bundle: string, savedState?: unknown): Promise<Page> {
    const page = await harness.open(bundle, { theme: 'vscode-light', ...(savedState ? { savedState } : {}) });
    await page.setViewportSize({ width: WIDTH, height: 900 });
    await applyTheme(page, LIGHT, 'vscode-light');
    await page.waitForTimeout(50);
    return page;
  }

  it('calculator', async () => {
    const page = await openLight('calculator');
    await page.waitForSelector('#outputs tbody tr');
    await page.screenshot({ path: join(screenshotDir(), 'light-900-calculator.png'), fullPage: true });
    await page.close();
  });

  for (const section of ['zero-vs-r1', 'results', 'stage-2']) {
    it(`pipeline: ${section}`, async () => {
      const page = await openLight('pipeline', { section });
      await page.locator('#section h1').waitFor();
      await page.waitForTimeout(50);
      await page.screenshot({ path: join(screenshotDir(), `light-900-pipeline-${section}.png`), fullPage: true });
      await page.close();
    });
  }
});
