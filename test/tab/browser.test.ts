import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { buildTab } from '../../scripts/build-tab';
import { INTEL_MARKER } from '../fixtures/f17';
import type { Actor } from '../../services/directory/person';
import { SYSTEM_CHAIN } from '../../services/audit/systemLog';
import { people, TabEnv } from './helpers';

/**
 * The tab in real Chromium, inside a stand-in for Teams: the host page is served as
 * https://teams.microsoft.com (one of the origins teams-js trusts and the CSP's frame-ancestors
 * allow), frames the tab from the bot's server (proxied as https://tautoko.example.govt.nz) and answers teams-js's messages with tokens signed by
 * the test's key. Screenshots go to test-results/tab/ (and to docs/tab/ with UPDATE_DOCS=1).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HOST = 'https://teams.microsoft.com/_tautoko_test/host.html';
/** The bot as production serves it: https on its own domain (Chromium would not let a public page frame 127.0.0.1). */
const BOT = 'https://tautoko.example.govt.nz';
const SHOTS = join(__dirname, '..', '..', 'test-results', 'tab');
const DOCS = join(__dirname, '..', '..', 'docs', 'tab');

describe('My work tab in Chromium', function () {
  this.timeout(120_000);
  const env = new TabEnv();
  let browser: Browser;
  let hostScript = '';
  let ids: string[] = [];

  before(async () => {
    const dir = await buildTab();
    hostScript = readFileSync(join(dir, 'dev-host.js'), 'utf8');
    await env.start();
    ids = await env.seed([
      { id: '80010001', name: 'Tama Rāwiri', consent: true },
      { id: '80010002', name: 'Hōne Parata' },
      ...Array.from({ length: 21 }, (_, i) => ({
        id: `8002${String(i).padStart(4, '0')}`,
        name: `Wiremu Test ${i + 1}`,
      })),
    ]);
    await env.harness.app.engine.execute(
      ids[0]!,
      {
        type: 'f17.submitSection',
        section: 'intelligence',
        risksMixing: INTEL_MARKER,
        risksOtherPrisoners: 'Manageable.',
      },
      people.intelligence,
      { activityId: 'intel-1', correlationId: 'intel-1' },
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--font-render-hinting=none'],
    });
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await env.stop();
  });

  /** A page whose top window is the Teams stand-in, signed in as `who`; resolves with the tab's frame. */
  async function openInHost(
    who: Actor,
    opts: { subPageId?: string; theme?: 'default' | 'dark' | 'contrast' } = {},
  ): Promise<{ page: Page; tab: Frame; context: BrowserContext }> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    // Nothing leaves the machine: the stand-in host is answered here, everything else but the bot is refused.
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin === 'https://teams.microsoft.com') {
        const body = url.pathname.endsWith('.js')
          ? hostScript
          : hostHtml(`${BOT}/tab/`, opts.subPageId ?? '', opts.theme ?? 'default');
        return route.fulfill({
          status: 200,
          contentType: url.pathname.endsWith('.js') ? 'text/javascript' : 'text/html',
          body,
        });
      }
      if (url.origin === BOT)
        return route.fulfill({
          response: await route.fetch({ url: `${env.url}${url.pathname}${url.search}` }),
        });
      return route.abort();
    });
    const page = await context.newPage();
    if (process.env.TAB_DEBUG) {
      page.on('console', (m) => process.stderr.write(`console ${m.type()}: ${m.text()}\n`));
      page.on('pageerror', (e) => process.stderr.write(`pageerror: ${String(e)}\n`));
    }
    await page.exposeFunction('tautokoTestToken', () => env.token(who.aadObjectId));
    await page.goto(HOST);
    const handle = await page.waitForSelector('#tab');
    const tab = (await handle.contentFrame())!;
    await tab.waitForSelector('#nav:not([hidden])');
    return { page, tab, context };
  }

  async function accessible(page: Page, name: string): Promise<void> {
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(
      bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      [],
      `${name}: accessibility`,
    );
  }

  async function shot(page: Page, name: string): Promise<void> {
    const png = await page.locator('#tab').screenshot();
    writeFileSync(join(SHOTS, `${name}.png`), png);
    if (process.env.UPDATE_DOCS === '1') {
      mkdirSync(DOCS, { recursive: true });
      writeFileSync(join(DOCS, `${name}.png`), png);
    }
  }

  it('My tasks: the signed-in person’s open tasks, each linking to its application', async () => {
    const { page, tab, context } = await openInHost(people.caseManager);
    await tab.waitForSelector('h2:text("My tasks")');
    assert.match((await tab.textContent('#who')) ?? '', /Signed in as Aroha Ngata/);
    const rows = tab.locator('tbody tr');
    // 22 wait for the prisoner's consent; the consented one waits for the case management section.
    assert.equal(await rows.count(), ids.length);
    assert.equal(await tab.locator('tbody tr:has-text("consent")').count(), ids.length - 1);
    assert.equal(await tab.locator(`tbody a[href="#/application/${ids[1]}"]`).count(), 1);
    await accessible(page, 'my tasks');
    await shot(page, 'my-tasks');
    await context.close();
  });

  it('Applications: search, filters and paging; the Application page; no intelligence for the case manager', async () => {
    const { page, tab, context } = await openInHost(people.caseManager);
    await tab.click('nav a:text("Applications")');
    await tab.waitForSelector('caption:text("1–20 of 23")');
    assert.equal(await tab.locator('button:text("Download CSV")').count(), 0, 'a case manager has no export');
    await tab.click('a:text("Next page")');
    await tab.waitForSelector('caption:text("21–23 of 23")');
    await tab.selectOption('select[name="state"]', 'closed');
    await tab.click('button:text("Apply")');
    await tab.waitForSelector('p:text("No applications match.")');
    await tab.selectOption('select[name="state"]', 'open');
    await tab.fill('input[name="q"]', 'rāwiri');
    await tab.click('button:text("Apply")');
    await tab.waitForSelector('caption:text("1–1 of 1")');
    await accessible(page, 'applications');
    await shot(page, 'applications');
    await tab.click(`a:text("${ids[0]}")`);
    await tab.waitForSelector(`h2:text("${ids[0]}")`);
    const text = (await tab.textContent('main')) ?? '';
    for (const expected of ['Tama Rāwiri', 'Consent', 'Stakeholder input', 'Timeline', 'Intelligence'])
      assert.ok(text.includes(expected), expected);
    assert.ok(!text.includes(INTEL_MARKER), 'restricted section withheld, as in status');
    await accessible(page, 'application');
    await shot(page, 'application');
    await context.close();
  });

  it('the intelligence officer sees the restricted section on the same page, as in status', async () => {
    const { tab, context } = await openInHost(people.intelligence, { subPageId: ids[0] });
    await tab.waitForSelector(`h2:text("${ids[0]}")`);
    assert.ok(((await tab.textContent('main')) ?? '').includes(INTEL_MARKER));
    await context.close();
  });

  it('a manager downloads the filtered list as CSV, and the export is audited', async () => {
    const { page, tab, context } = await openInHost(people.gm);
    await tab.click('nav a:text("Applications")');
    await tab.fill('input[name="q"]', 'Wiremu');
    await tab.click('button:text("Apply")');
    await tab.waitForSelector('caption:text("1–20 of 21")');
    const before = (await env.harness.store.events.list(SYSTEM_CHAIN)).length;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      tab.click('button:text("Download CSV")'),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    assert.match(download.suggestedFilename(), /^tautoko-applications-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.equal(
      csv
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n').length,
      22,
      'the header and all 21 matches, not one page',
    );
    await tab.waitForSelector('text=Downloaded tautoko-applications');
    assert.match(
      (await tab.textContent('p [role="status"]')) ?? '',
      /\(21 rows\)\. The export is recorded in the audit trail\.$/,
    );
    const events = await env.harness.store.events.list(SYSTEM_CHAIN);
    assert.equal(events.length, before + 1);
    assert.equal(events[events.length - 1]!.type, 'tab.export');
    await accessible(page, 'applications (manager)');
    await shot(page, 'export');
    await context.close();
  });

  it('a deep link opens the application; someone from another site sees none of it', async () => {
    const { page, tab, context } = await openInHost(people.otherSite, { subPageId: ids[0] });
    await tab.waitForSelector('h2:text("Not found")');
    assert.ok(!((await tab.textContent('body')) ?? '').includes('Rāwiri'));
    await tab.click('nav a:text("My tasks")');
    await tab.waitForSelector('p:text("Nothing is waiting for you.")');
    await tab.click('nav a:text("Applications")');
    await tab.waitForSelector('p:text("No applications match.")');
    await accessible(page, 'another site');
    await shot(page, 'another-site');
    await context.close();
  });

  it('follows the Teams theme (dark and high contrast) and stays accessible in each', async () => {
    for (const theme of ['dark', 'contrast'] as const) {
      const { page, tab, context } = await openInHost(people.caseManager, { theme });
      await tab.waitForSelector('h2:text("My tasks")');
      assert.equal(await tab.evaluate(() => document.documentElement.dataset.theme), theme);
      await accessible(page, `my tasks (${theme})`);
      if (theme === 'dark') await shot(page, 'my-tasks-dark');
      await context.close();
    }
  });

  it('outside Teams the page says to open it in Teams', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${env.url}/tab/`);
    await page.waitForSelector('h2:text("Open this page in Microsoft Teams")');
    await accessible(page, 'outside Teams');
    await context.close();
  });

  it('a page that is not Teams cannot frame the tab (CSP frame-ancestors)', async () => {
    const context = await browser.newContext();
    await context.route('https://evil.example/**', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: `<iframe id="tab" title="x" src="${BOT}/tab/"></iframe>`,
      }),
    );
    await context.route(`${BOT}/**`, async (route) => {
      const url = new URL(route.request().url());
      return route.fulfill({
        response: await route.fetch({ url: `${env.url}${url.pathname}${url.search}` }),
      });
    });
    const page = await context.newPage();
    await page.goto('https://evil.example/frame.html');
    const frame = (await (await page.waitForSelector('#tab')).contentFrame())!;
    await page.waitForTimeout(500);
    assert.equal(await frame.locator('#main').count(), 0, 'the tab did not load inside another site');
    await context.close();
  });
});

function hostHtml(tabUrl: string, subPageId: string, theme: string): string {
  const settings = JSON.stringify({ tabUrl, subPageId, theme }).replace(/</g, '\\u003c');
  return `<!doctype html><html lang="en-NZ"><head><meta charset="utf-8"><title>Teams (test host)</title>
<style>body{margin:0}iframe{width:100%;height:100vh;border:0;display:block}</style></head>
<body><main><iframe id="tab" title="Tautoko: My work"></iframe></main>
<script>window.tautokoHost = Object.assign(${settings}, { token: () => window.tautokoTestToken() });</script>
<script src="/_tautoko_test/host.js"></script></body></html>`;
}
