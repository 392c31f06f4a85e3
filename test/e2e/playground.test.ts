import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startPlayground, Playground } from '../../scripts/playground';
import { artifactPath, chromiumAvailable, freePort, launchChromium } from '../support/browser';

/**
 * `npm run playground` as a person uses it: the bot and Microsoft 365 Agents
 * Playground start, a browser opens the chat, says hello and sees the
 * welcome card rendered, then asks a question and sees the answer card.
 */
const run = chromiumAvailable() ? describe : describe.skip;

run('npm run playground in headless Chromium', () => {
  jest.setTimeout(120_000);
  let playground: Playground;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pr708-playground-'));
    playground = await startPlayground({
      playgroundPort: await freePort(),
      env: { PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
      quiet: true,
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('says hello and sees the welcome card rendered', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(playground.url);
    const editor = page.locator('[data-lexical-editor="true"]');
    await editor.waitFor({ timeout: 60_000 });
    await editor.click();
    await page.keyboard.type('hello');
    await page.keyboard.press('Enter');
    const card = page.locator('.ac-adaptiveCard', { hasText: 'Paste a draft post' }).last();
    await card.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: artifactPath('playground-welcome.png') });
    const text = await card.innerText();
    expect(text).toContain('PR.708.IT Social Media Helper');
    expect(text).toContain('Check a post');
    expect(text).toContain('Request permission');
  });
});
