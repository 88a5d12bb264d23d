/**
 * Shared fixture of the end-to-end suite, loaded as mocha root hooks (see .mocharc.json):
 * once per run it packages the extension, installs the .vsix into a fresh code-server,
 * builds a workspace (samples/ + test/e2e/workspace/) and launches Chromium. Tests ask it
 * for pages; pages are closed after each test, with a screenshot when the test failed.
 *
 * Knobs (environment):
 *   COT_E2E_SKIP_PACKAGE=1  reuse cot-trace.vsix and out/test/suite from an earlier run
 *   COT_E2E_KEEP=1          keep the temporary folders (printed at the end)
 *   COT_E2E_HEADED=1        show the browser (needs a display)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import {
  ROOT,
  VSIX,
  assertProvisioned,
  buildSuite,
  createRunDirs,
  createWorkspace,
  installExtension,
  packageExtension,
  removeDir,
  startCodeServer,
  type CodeServer,
} from '../../scripts/e2e/codeServer';
import { SCREENSHOT_DIR, closeAllEditors, launchBrowser, openWorkbench, screenshot } from '../../scripts/e2e/workbench';

export interface E2E {
  server: CodeServer;
  browser: BrowserContext;
  /** Absolute path of the run's workspace folder. */
  workspace: string;
  /** A new browser page (closed after the current test). */
  newPage(): Promise<Page>;
  /** A new page with the workbench open on the workspace (extra query parameters optional). */
  openWorkspace(query?: Record<string, string>): Promise<Page>;
}

let current: E2E | undefined;
const pages: Page[] = [];

/** The running fixture; only valid inside tests and hooks. */
export function e2e(): E2E {
  if (!current) throw new Error('the e2e fixture did not start (see the "before all" hook error above)');
  return current;
}

const elapsed = (start: number): string => `${((Date.now() - start) / 1000).toFixed(1)}s`;

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(300_000);
    const started = Date.now();
    assertProvisioned();
    removeDir(SCREENSHOT_DIR);

    if (process.env.COT_E2E_SKIP_PACKAGE === '1' && existsSync(VSIX)) {
      console.log('  [e2e] reusing cot-trace.vsix and dist/ from an earlier build');
    } else {
      const t = Date.now();
      packageExtension();
      console.log(`  [e2e] packaged cot-trace.vsix in ${elapsed(t)}`);
    }
    buildSuite();

    const dirs = createRunDirs();
    const workspace = createWorkspace(join(dirs.base, 'e2e-workspace'));
    let t = Date.now();
    installExtension(dirs);
    console.log(`  [e2e] installed the extension in ${elapsed(t)}`);

    t = Date.now();
    const server = await startCodeServer({ dirs, logFile: join(ROOT, 'test-results', 'code-server.log') });
    console.log(`  [e2e] code-server ready at ${server.url} (pid ${server.pid}) in ${elapsed(t)}`);
    let browser: BrowserContext;
    try {
      browser = await launchBrowser(join(dirs.base, 'chromium-profile'));
    } catch (error) {
      await server.stop();
      throw error;
    }

    current = {
      server,
      browser,
      workspace,
      async newPage() {
        const page = await browser.newPage();
        pages.push(page);
        return page;
      },
      async openWorkspace(query) {
        const page = await this.newPage();
        await openWorkbench(page, server.folderUrl(workspace, query));
        return page;
      },
    };
    console.log(`  [e2e] fixture ready in ${elapsed(started)}`);
  },

  async afterEach(this: Mocha.Context): Promise<void> {
    const test = this.currentTest;
    const failed = test?.state === 'failed';
    for (const [index, page] of pages.entries()) {
      if (failed && !page.isClosed()) {
        const name = `FAILED-${test?.fullTitle() ?? 'test'}${index ? `-${index}` : ''}`;
        await screenshot(page, name).catch(() => undefined);
      }
      // The workbench restores its editors when the next test opens it: leave none behind.
      if (!page.isClosed()) await closeAllEditors(page).catch(() => undefined);
      await page.close().catch(() => undefined);
    }
    pages.length = 0;
  },

  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    if (!current) return;
    const { server, browser } = current;
    current = undefined;
    const t = Date.now();
    await browser.close().catch(() => undefined);
    await server.stop();
    console.log(`  [e2e] browser and code-server stopped in ${elapsed(t)}`);
    if (process.env.COT_E2E_KEEP === '1') {
      console.log(`  [e2e] kept ${server.dirs.base}; code-server log: ${server.logFile}`);
    } else {
      removeDir(server.dirs.base);
    }
  },
};
