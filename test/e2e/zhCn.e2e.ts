/**
 * The extension in Simplified Chinese, in a second code-server started with `--locale zh-cn`.
 * No marketplace language pack can be installed here, so the test builds a minimal one
 * (contributes.localizations for zh-cn with a one-entry workbench translation), installs it,
 * and writes `<user-data-dir>/languagepacks.json` itself, which code-server reads to pick the
 * display language (installing a pack does not write that file). The palette then shows our
 * command titles from package.nls.zh-cn.json, the quiz opens in Chinese, and the language
 * server (told the locale by the client's initializationOptions, from `vscode.env.language`)
 * writes its diagnostics and code lenses in Chinese.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { ROOT, createRunDirs, createWorkspace, installExtension, removeDir, runChecked, startCodeServer, type CodeServer, type RunDirs } from '../../scripts/e2e/codeServer';
import { launchBrowser, openFile, openWorkbench, runCommand, screenshot } from '../../scripts/e2e/workbench';

const PACK = { publisher: 'test', name: 'zh-pack', version: '0.0.1' };

/** Builds and installs the minimal zh-cn language pack, then registers it in languagepacks.json. */
function installLanguagePack(dirs: RunDirs): void {
  const source = join(dirs.base, 'zh-pack');
  mkdirSync(join(source, 'translations'), { recursive: true });
  writeFileSync(
    join(source, 'package.json'),
    JSON.stringify({
      ...PACK,
      displayName: 'zh-cn test language pack',
      description: 'Switches the display language to zh-cn for the end-to-end suite.',
      license: 'MIT',
      engines: { vscode: '^1.100.0' },
      categories: ['Language Packs'],
      contributes: {
        localizations: [
          { languageId: 'zh-cn', languageName: 'Chinese Simplified', localizedLanguageName: '中文(简体)', translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] },
        ],
      },
    }),
  );
  writeFileSync(join(source, 'README.md'), '# zh-cn test language pack\n');
  writeFileSync(join(source, 'LICENSE'), 'MIT\n');
  writeFileSync(
    join(source, 'translations', 'main.i18n.json'),
    JSON.stringify({ version: '1.0.0', contents: { 'vs/workbench/contrib/files/browser/fileActions.contribution': { newFile: '新建文件' } } }),
  );
  const vsix = join(dirs.base, 'zh-pack.vsix');
  runChecked(join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--allow-missing-repository', '--skip-license', '--out', vsix], { cwd: source, quiet: true });
  installExtension(dirs, vsix);
  const id = `${PACK.publisher}.${PACK.name}`;
  const languagePacks = {
    'zh-cn': {
      hash: '0123abcd',
      extensions: [{ extensionIdentifier: { id }, version: PACK.version }],
      translations: { vscode: join(dirs.extensions, `${id}-${PACK.version}`, 'translations', 'main.i18n.json') },
      label: '中文(简体)',
    },
  };
  writeFileSync(join(dirs.userData, 'languagepacks.json'), JSON.stringify(languagePacks));
}

async function panelFrame(page: Page, selector: string, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) if ((await frame.locator(selector).count().catch(() => 0)) > 0) return frame;
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview shows ${selector}`);
}

describe('Simplified Chinese display language (code-server --locale zh-cn)', function () {
  this.timeout(180_000);
  let dirs: RunDirs;
  let server: CodeServer;
  let browser: BrowserContext;
  let workspace: string;

  before(async function () {
    this.timeout(300_000);
    dirs = createRunDirs();
    workspace = createWorkspace(join(dirs.base, 'e2e-workspace'));
    installExtension(dirs);
    installLanguagePack(dirs);
    server = await startCodeServer({ dirs, logFile: join(ROOT, 'test-results', 'code-server-zh-cn.log'), extraArgs: ['--locale', 'zh-cn'] });
    browser = await launchBrowser(join(dirs.base, 'chromium-profile'));
  });

  after(async function () {
    this.timeout(60_000);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (dirs && process.env.COT_E2E_KEEP !== '1') removeDir(dirs.base);
  });

  it('shows our commands in Chinese in the palette, and opens the quiz in Chinese', async () => {
    const page = await browser.newPage();
    try {
      await openWorkbench(page, server.folderUrl(workspace));
      // The palette lists the command under its Chinese title (package.nls.zh-cn.json) …
      await runCommand(page, 'CoT Trace: 开始 R1 测验', '开始 R1 测验');
      // … and the quiz the command opens speaks Chinese, chosen from the display language.
      const quiz = await panelFrame(page, '.question');
      await quiz.locator('#counter').waitFor({ state: 'visible', timeout: 20_000 });
      const counter = await quiz.locator('#counter').innerText();
      assert.match(counter, /\p{Script=Han}/u, `the quiz counter is Chinese: ${counter}`);
      assert.match(await quiz.locator('.question').innerText(), /\p{Script=Han}/u);
      await screenshot(page, 'e2e-zh-cn-quiz');
      // The palette again, searched in Chinese: another command under its Chinese title.
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.insertText('计算器');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: '打开 GRPO 计算器' }).first().waitFor({ timeout: 20_000 });
      await screenshot(page, 'e2e-zh-cn-palette');
      await page.keyboard.press('Escape');
    } catch (error) {
      await screenshot(page, 'FAILED-zh-cn').catch(() => undefined);
      throw error;
    } finally {
      await page.close().catch(() => undefined);
    }
  });

  it('shows the language server\u2019s diagnostics and code lenses in Chinese', async () => {
    const page = await browser.newPage();
    try {
      await openWorkbench(page, server.folderUrl(workspace));
      await openFile(page, 'lsp-fix.jsonl');
      await page.locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: 60_000 });
      // The code lens above the second record: its reward summary in Chinese.
      const lens = page.locator('.codelens-decoration a', { hasText: '奖励' }).first();
      await lens.waitFor({ state: 'visible', timeout: 60_000 });
      assert.match(await lens.innerText(), /^奖励 [\d.]+ · 格式 /);
      // The Problems view lists the unclosed thought with its Chinese message.
      await page.keyboard.press('Control+Shift+M');
      const rows = page.locator('.markers-panel .monaco-list-row', { hasText: 'unclosed-thought' });
      await rows.first().waitFor({ state: 'visible', timeout: 30_000 });
      const row = (await rows.first().innerText()).replace(/\s+/g, ' ');
      assert.match(row, /`<think>`从未关闭：请在答案之前加上 `<\/think>`。/, `the Problems row is Chinese: ${row}`);
      await screenshot(page, 'e2e-zh-cn-diagnostic');
    } catch (error) {
      await screenshot(page, 'FAILED-zh-cn-diagnostic').catch(() => undefined);
      throw error;
    } finally {
      await page.close().catch(() => undefined);
    }
  });
});
