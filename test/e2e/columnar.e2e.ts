import { strict as assert } from 'node:assert';
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { e2e } from './fixture';
import { quickOpen, screenshot } from '../../scripts/e2e/workbench';

// A Parquet file written by scripts/columnar-fixtures.mjs from the corpus (see test/fixtures/columnar/README.md).
const FIXTURE = resolve(__dirname, '../fixtures/columnar/chat.zstd.parquet');

describe('Parquet in the editor (code-server)', () => {
  it('opening a .parquet file shows the dataset editor and the review panel on its records', async function () {
    copyFileSync(FIXTURE, join(e2e().workspace, 'chat.parquet'));
    const page = await e2e().openWorkspace();
    await quickOpen(page, 'chat.parquet', /^\s*chat\.parquet/);
    // The dataset editor opens the review panel in front of it: find the frame that shows a record.
    const started = Date.now();
    let title: string | undefined;
    while (Date.now() - started < 45_000 && !title) {
      for (const frame of page.frames()) {
        const record = frame.locator('#record .record-title');
        if (!title && (await record.count().catch(() => 0)) > 0) title = (await record.first().textContent().catch(() => null)) ?? undefined;
      }
      if (!title) await new Promise((r) => setTimeout(r, 500));
    }
    await screenshot(page, 'columnar-e2e');
    assert.match(title ?? '', /^Record 1 · math500_0000/);
    // Both tabs: the dataset editor (no text editor on the binary file) and the review.
    assert.equal(await page.locator('.tabs-container .tab', { hasText: /^\s*chat\.parquet/ }).count(), 1);
    assert.equal(await page.locator('.tabs-container .tab', { hasText: 'Review: chat.parquet' }).count(), 1);
    assert.equal(await page.locator('.editor-instance .view-lines').count(), 0, 'no text editor shows the binary file');
  });
});
