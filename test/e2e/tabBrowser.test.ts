import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startTestBot, TestBot } from '../support/harness';
import { artifactPath, chromiumAvailable, launchChromium } from '../support/browser';
import { TabSignIn } from '../support/tabSignIn';
import { parseCsv } from '../../src/oversight/csv';
import { testDatabases } from '../support/databases';
import { samplePerson } from '../support/people';

/**
 * The oversight tab in a real browser (Debian's Chromium, headless) against
 * the real server: a staff member, a principal and a member of Communications
 * each open it with their own Teams SSO token (given in the address, as the
 * page allows outside Teams) and see exactly what their role allows. The
 * principal decides from the tab; Communications filters, searches, opens a
 * request's history, looks at the charts and downloads the CSV. Screenshots
 * are kept in test-artifacts/.
 */
const run = chromiumAvailable() ? describe : describe.skip;

const person = samplePerson;
const priya = person('priya.nair');
const emily = person('emily.sanderson');
const amara = person('amara.okafor');
const claire = person('claire.donovan');
type Who = { aadId: string; name: string };

run('the oversight tab in headless Chromium', () => {
  jest.setTimeout(120_000);
  const database = testDatabases()[0]!;
  let bot: TestBot;
  let keys: TabSignIn;
  let browser: Browser;
  const numbers: Record<string, string> = {};
  /** Script errors and failed loads seen by the pages. */
  const pageErrors: string[] = [];
  const unexpected = () => [...pageErrors];

  /** The Teams client asks Microsoft's CDN for its list of valid domains; there is no network here, so answer as the CDN would. */
  async function offline(page: Page): Promise<void> {
    await page.route('https://res.cdn.office.net/**', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ validOrigins: ['teams.microsoft.com', '*.teams.microsoft.com'] }) }));
  }

  async function submit(who: Who, kind: string, values: Record<string, unknown>, key: string) {
    const outcome = await bot.app.services.requests.submit({ id: who.aadId, name: who.name }, kind as never, values, { submissionKey: key });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome));
    numbers[key] = outcome.request.number;
    return outcome.request;
  }

  async function open(who: Who): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${who.name}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(`${who.name}: ${m.text()}`);
    });
    await offline(page);
    await page.goto(`${bot.url}/tab?context=personal#token=${encodeURIComponent(keys.token(who))}`);
    await page.locator('#who .name').getByText(who.name, { exact: true }).waitFor();
    return page;
  }

  const tabNames = async (page: Page) => (await page.getByRole('tab').allInnerTexts()).map((t) => t.replace(/\s*\d+$/, '').trim());
  const rowNumbers = async (page: Page) => (await page.locator('tbody tr[data-request]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-request')))).sort();

  beforeAll(async () => {
    keys = new TabSignIn();
    await keys.start();
    bot = await startTestBot({ databaseUrl: database.fresh(), env: keys.env() });
    const logo = { logo: 'school', where: 'Concert poster', purpose: 'Spring concert', startDate: '2026-04-01' };
    await submit(priya, 'logo-use', { ...logo, unitId: 'maple-grove' }, 'priyaLogo');
    await submit(emily, 'logo-use', { ...logo, unitId: 'riverside', purpose: 'Robotics fundraiser' }, 'emilyLogo');
    const account = await submit(
      priya,
      'school-account',
      {
        unitId: 'maple-grove',
        platform: 'instagram',
        accountName: '@maplegrove_library',
        purpose: 'Library news',
        advisorId: person('sofia.haddad').aadId,
        administratorIds: `${person('sofia.haddad').aadId},${person('marcus.leclerc').aadId}`,
        createdWithGenericEmail: 'true',
      },
      'account',
    );
    const approved = await bot.app.services.requests.act(amara.aadId, account.id, 'approve', { seenVersion: account.version, conditions: 'Generic school email only' });
    expect(approved.ok).toBe(true);
    for (const q of ['a student sent me a friend request, can I accept?', 'can I use the school logo on our team instagram?', 'what is the dress code for the staff party?']) {
      await bot.app.services.questions.ask({ id: priya.aadId, name: priya.name, conversationId: 'c' }, q);
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await bot?.close();
    await keys?.stop();
    await database.cleanup();
  });

  it('a staff member sees their own requests only, and none of the oversight sections', async () => {
    const page = await open(priya);
    await page.locator('tbody tr[data-request]').first().waitFor();
    expect(await page.locator('.who .role').innerText()).toBe('Staff');
    expect(await tabNames(page)).toEqual(['My requests', 'School accounts']);
    expect(await rowNumbers(page)).toEqual([numbers.priyaLogo, numbers.account].sort());
    expect(await page.content()).not.toContain(numbers.emilyLogo);

    await page.getByRole('button', { name: `Open ${numbers.priyaLogo}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Submitted ·').first().waitFor();
    expect(await dialog.getByRole('heading', { level: 2 }).innerText()).toContain(numbers.priyaLogo);
    // Nobody decides their own request; the requester may withdraw it.
    expect(await dialog.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await dialog.getByRole('button', { name: 'Withdraw my request' }).count()).toBe(1);
    await page.screenshot({ path: artifactPath('tab-staff-request.png') });
    await page.keyboard.press('Escape');

    // The server refuses what the page does not offer, whatever a curious person asks for.
    const status = await page.evaluate(async () => (await fetch('/api/tab/charts', { headers: { authorization: `Bearer ${sessionStorage.getItem('pr708.token')}` } })).status);
    expect(status).toBe(403);
    // That refusal is the only failed load the page saw.
    expect(unexpected().filter((e) => !/status of 403/.test(e))).toEqual([]);
    pageErrors.length = 0;
    await page.context().close();
  });

  it('a principal sees what awaits them and their school, decides from the tab, and sees the school’s charts', async () => {
    const page = await open(amara);
    await page.getByRole('tab', { name: /Awaiting my decision/ }).waitFor();
    expect(await tabNames(page)).toEqual(['My requests', 'Awaiting my decision', 'School requests', 'Charts and records', 'School accounts', 'Misuse reports']);
    expect(await page.getByRole('tab', { selected: true }).innerText()).toMatch(/Awaiting my decision/);
    await page.locator('tbody tr[data-request]').first().waitFor();
    expect(await rowNumbers(page)).toEqual([numbers.priyaLogo]);

    await page.getByRole('button', { name: `Open ${numbers.priyaLogo}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Conditions, if approving (e.g. no student faces)').fill('No student faces');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await dialog.getByText(`You approved ${numbers.priyaLogo}.`).waitFor();
    expect(await dialog.locator('.badge').first().innerText()).toBe('Approved');
    await dialog.getByText('Approved · Amara Okafor').waitFor();
    await page.screenshot({ path: artifactPath('tab-principal-decided.png') });
    await dialog.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('tab', { name: 'School requests' }).click();
    await page.locator('tbody tr[data-request]').first().waitFor();
    expect(await rowNumbers(page)).toEqual([numbers.priyaLogo, numbers.account].sort());
    expect(await page.content()).not.toContain(numbers.emilyLogo);

    await page.getByRole('tab', { name: 'Charts and records' }).click();
    await page.locator('figure.chart-card svg').first().waitFor();
    expect(await page.locator('figure.chart-card svg[role="img"]').count()).toBe(4);
    expect(await page.locator('#chart-time-to-decision').innerText()).toContain('Maple Grove Public School');
    expect(await page.locator('#chart-time-to-decision').innerText()).not.toContain('Riverside');
    await page.screenshot({ path: artifactPath('tab-principal-charts.png'), fullPage: true });

    await page.getByRole('tab', { name: 'School accounts' }).click();
    await page.getByRole('heading', { name: '@maplegrove_library · Instagram' }).waitFor();
    expect(await page.locator('article.account').innerText()).toContain('Sofia Haddad');
    await page.screenshot({ path: artifactPath('tab-principal-accounts.png') });
    await page.context().close();
  });

  it('Communications sees everything: filters, search, full history, charts and the CSV', async () => {
    const page = await open(claire);
    await page.locator('.who .role').getByText('Communications').waitFor();
    expect(await tabNames(page)).toEqual(['My requests', 'Awaiting my decision', 'All requests', 'Charts and records', 'School accounts', 'Misuse reports', 'Crisis mode', 'Undelivered']);

    await page.getByRole('tab', { name: 'All requests' }).click();
    await page.locator('tbody tr[data-request]').first().waitFor();
    expect(await rowNumbers(page)).toEqual(Object.values(numbers).sort());

    await page.getByLabel('School or department').selectOption({ label: 'Riverside Secondary School' });
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForFunction(() => document.querySelectorAll('tbody tr[data-request]').length === 1);
    expect(await rowNumbers(page)).toEqual([numbers.emilyLogo]);

    await page.getByRole('button', { name: 'Clear' }).click();
    await page.waitForFunction(() => document.querySelectorAll('tbody tr[data-request]').length === 3);
    await page.getByLabel('Search').fill('library');
    await page.getByLabel('State').selectOption('approved');
    await page.getByLabel('Search').press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('tbody tr[data-request]').length === 1);
    expect(await rowNumbers(page)).toEqual([numbers.account]);
    await page.screenshot({ path: artifactPath('tab-communications-filtered.png') });

    await page.getByRole('button', { name: `Open ${numbers.account}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Approved · Amara Okafor').waitFor();
    const history = await dialog.locator('ol.timeline li').allInnerTexts();
    expect(history).toHaveLength(2);
    expect(history[0]).toMatch(/^Submitted · Priya Nair/);
    expect(history[1]).toContain('Conditions: Generic school email only');
    expect(await dialog.getByText('@maplegrove_library').count()).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath('tab-communications-history.png') });
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: 'Charts and records' }).click();
    await page.locator('figure.chart-card svg').first().waitFor();
    expect(await page.locator('figure.chart-card svg[role="img"]').count()).toBe(4);
    const timeChart = await page.locator('#chart-time-to-decision').innerText();
    expect(timeChart).toContain('Maple Grove Public School');
    expect(await page.locator('#chart-questions-per-week figcaption').innerText()).toBe('Questions asked per week, and the share the bot could not answer');
    expect(await page.locator('#chart-questions-per-week .summary').innerText()).toMatch(/^3 questions; the bot could not answer 1 \(33%\)\.$/);
    await page.locator('#chart-cited-clauses summary').click();
    expect(await page.locator('#chart-cited-clauses table').innerText()).toContain('4.13');
    await page.screenshot({ path: artifactPath('tab-communications-charts.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^pr708-requests-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = artifactPath('tab-communications-export.csv');
    await download.saveAs(file);
    const rows = parseCsv(fs.readFileSync(file, 'utf8'));
    expect(rows[0]![0]).toBe('Request number');
    expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(Object.values(numbers)));
    expect(rows.slice(1).filter((r) => r[0] === numbers.priyaLogo).map((r) => r[12])).toEqual(['submit', 'approve']);
    await page.context().close();
  });

  it('is usable from the keyboard, labels every field, and shows no script errors', async () => {
    const page = await open(claire);
    await page.getByRole('tab', { selected: true }).focus();
    const before = await page.getByRole('tab', { selected: true }).innerText();
    await page.keyboard.press('ArrowRight');
    const after = await page.getByRole('tab', { selected: true }).innerText();
    expect(after).not.toBe(before);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tab');
    await page.getByRole('tab', { name: 'Crisis mode' }).click();
    await page.getByLabel('Public line for staff (up to 280 characters)').fill('Hold and secure at Riverside; updates come from the district only.');
    await page.getByRole('button', { name: 'Turn crisis mode on' }).click();
    await page.getByRole('alert').getByText('Hold and secure at Riverside; updates come from the district only.').waitFor();
    await page.screenshot({ path: artifactPath('tab-communications-crisis.png') });
    await page.getByRole('button', { name: 'Turn crisis mode off' }).click();
    await page.getByRole('button', { name: 'Turn crisis mode on' }).waitFor();
    expect(await page.locator('#crisis-banner').isHidden()).toBe(true);
    await page.getByRole('tab', { name: 'All requests' }).click();
    await page.getByLabel('Search').waitFor();
    const unlabelled = await page.evaluate(() =>
      Array.from(document.querySelectorAll('input, select, textarea')).filter((el) => (el as HTMLInputElement).labels?.length === 0 && !el.getAttribute('aria-label')).map((el) => el.id || el.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    expect(unexpected()).toEqual([]);
    await page.context().close();
  });

  it('outside Teams and without a token, it says to open it in Teams and calls nothing', async () => {
    const page = await browser.newPage();
    await offline(page);
    const apiCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/tab/')) apiCalls.push(r.url());
    });
    await page.goto(`${bot.url}/tab?context=personal`);
    await page.getByRole('heading', { name: 'Open this tab in Microsoft Teams' }).waitFor({ timeout: 20_000 });
    expect(apiCalls).toEqual([]);
    await page.screenshot({ path: artifactPath('tab-no-sign-in.png') });
    await page.close();
  });
});
