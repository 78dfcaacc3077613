import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type * as AdaptiveCardsModule from 'adaptivecards';
import { chromium } from 'playwright-core';
import { cardSamples, type CardSample } from '../test/samples';
import { ADAPTIVECARDS_BUNDLE, TEAMS_MARKDOWN_JS, teamsHostConfig } from '../test/helpers/cardRender';

/**
 * `npm run cards:gallery`: renders every card in test/samples with the real adaptivecards
 * renderer and the Teams light host config in headless Chromium, and writes docs/cards/<name>.png
 * plus docs/cards/index.html. PNGs of samples that no longer exist are removed so the gallery stays
 * current. Exits 1 if any card fails to render or the page logs an error.
 */

const ROOT = resolve(__dirname, '..');
export const GALLERY_DIR = join(ROOT, 'docs', 'cards');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Teams draws a card with msteams.width "Full" across the message column; others at its default width. */
const FULL_WIDTH = 720;
const DEFAULT_WIDTH = 480;

/** Enough of the Teams light theme around the card that the screenshot reads like a Teams message. */
const PAGE_CSS = `
  html, body { margin: 0; background: #f5f5f5; }
  body { padding: 16px; font-family: 'Segoe UI', -apple-system, Roboto, 'Helvetica Neue', Arial, sans-serif; }
  #frame { display: inline-block; background: #ffffff; border: 1px solid #e0e0e0; border-radius: 6px;
           box-shadow: 0 1px 2px rgba(0,0,0,0.12); overflow: hidden; }
  .ac-textBlock p { margin: 0 0 4px 0; } .ac-textBlock p:last-child { margin-bottom: 0; }
  .ac-textBlock ul, .ac-textBlock ol { margin: 0 0 4px 0; padding-left: 20px; }
  .ac-pushButton { font-family: inherit; font-size: 14px; font-weight: 600; min-height: 32px; padding: 4px 12px;
                   border-radius: 4px; border: 1px solid #d1d1d1; background: #ffffff; color: #242424; cursor: pointer;
                   overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .ac-pushButton.style-positive, .ac-pushButton.primary { background: #5b5fc7; border-color: #5b5fc7; color: #ffffff; }
  .ac-pushButton.style-destructive { color: #c4314b; border-color: #c4314b; }
  .ac-pushButton.expanded { background: #e8ebfa; }
  .ac-input { font-family: inherit; font-size: 14px; color: #242424; }
  .ac-textInput, .ac-numberInput, .ac-dateInput, .ac-timeInput, .ac-multichoiceInput.ac-choiceSetInput-compact, select.ac-input {
    box-sizing: border-box; min-height: 32px; padding: 5px 10px; border: 1px solid #d1d1d1; border-bottom-color: #616161;
    border-radius: 4px; background: #ffffff; }
  .ac-textInput.ac-multiline { min-height: 64px; resize: none; }
  .ac-input.ac-input-validation-failed { border-color: #c4314b; }
  .ac-choiceSetInput-expanded label, .ac-toggleInput label { font-size: 14px; }
  .ac-factset { width: 100%; }
`;

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Fingerprint of a card's JSON, kept in index.html so a test can tell a stale PNG without a browser. */
export function cardHash(card: unknown): string {
  return createHash('sha256').update(JSON.stringify(card)).digest('hex').slice(0, 16);
}

function groupOf(name: string): string {
  const prefix = name.split('.')[0] ?? name;
  const titles: Record<string, string> = {
    f17: 'F.17 suitability to mix',
    c07: 'C.07 support hui',
    v01: 'V.01 visitor applications',
  };
  return titles[prefix] ?? 'General';
}

export function galleryIndex(samples: readonly CardSample[]): string {
  const groups = new Map<string, CardSample[]>();
  for (const s of samples) groups.set(groupOf(s.name), [...(groups.get(groupOf(s.name)) ?? []), s]);
  const sections = [...groups.entries()]
    .map(
      ([title, list]) => `  <section>
    <h2>${escapeHtml(title)} (${list.length})</h2>
${list
  .map(
    (s) => `    <figure id="${escapeHtml(s.name)}" data-card-hash="${cardHash(s.card)}">
      <figcaption><a href="#${escapeHtml(s.name)}"><code>${escapeHtml(s.name)}</code></a>: ${escapeHtml(s.description)}</figcaption>
      <img src="${escapeHtml(s.name)}.png" alt="${escapeHtml(s.description)}" loading="lazy">
    </figure>`,
  )
  .join('\n')}
  </section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Tautoko card gallery</title>
  <style>
    body { font-family: 'Segoe UI', Arial, sans-serif; margin: 24px; color: #242424; background: #fafafa; }
    h1 { font-size: 24px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #e0e0e0; }
    figure { margin: 16px 0 32px; } figcaption { margin-bottom: 8px; }
    img { max-width: 100%; border: 0; }
  </style>
</head>
<body>
  <h1>Tautoko card gallery</h1>
  <p>Every card the bot can send (${samples.length} samples from <code>test/samples</code>), rendered with the
  <code>adaptivecards</code> renderer and the Microsoft Teams light host config in headless Chromium.
  Regenerate with <code>npm run cards:gallery</code>.</p>
${sections}
</body>
</html>
`;
}

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(
      `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH\n`,
    );
    return 1;
  }
  mkdirSync(GALLERY_DIR, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--font-render-hinting=none'] });
  const failures: string[] = [];
  try {
    // Staff use Teams in New Zealand: dates in date inputs show as dd/mm/yyyy, as they would for them.
    const page = await browser.newPage({
      viewport: { width: FULL_WIDTH + 64, height: 600 },
      deviceScaleFactor: 1,
      locale: 'en-NZ',
      timezoneId: 'Pacific/Auckland',
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') pageErrors.push(m.text());
    });
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${PAGE_CSS}</style></head>
      <body><div id="frame"></div></body></html>`);
    await page.addScriptTag({ content: readFileSync(ADAPTIVECARDS_BUNDLE, 'utf8') });
    await page.addScriptTag({ content: TEAMS_MARKDOWN_JS });

    for (const sample of cardSamples) {
      pageErrors.length = 0;
      const width = sample.card.msteams?.width === 'Full' ? FULL_WIDTH : DEFAULT_WIDTH;
      // The function runs in the page, where AdaptiveCards is the global the UMD bundle defines.
      const result = await page.evaluate(
        ({ card, hostConfig, width }) => {
          const AC = (window as unknown as { AdaptiveCards: typeof AdaptiveCardsModule }).AdaptiveCards;
          const frame = document.getElementById('frame')!;
          frame.innerHTML = '';
          frame.style.width = `${width}px`;
          const adaptiveCard = new AC.AdaptiveCard();
          adaptiveCard.hostConfig = new AC.HostConfig(hostConfig);
          const context = new AC.SerializationContext();
          adaptiveCard.parse(card, context);
          const events: string[] = [];
          for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
          const el = adaptiveCard.render();
          if (el) frame.appendChild(el);
          return { rendered: !!el, events };
        },
        { card: sample.card as unknown, hostConfig: teamsHostConfig, width },
      );
      if (!result.rendered) failures.push(`${sample.name}: the renderer produced nothing`);
      for (const e of [...result.events, ...pageErrors]) failures.push(`${sample.name}: ${e}`);
      await page.evaluate(() => document.fonts.ready);
      await page
        .locator('#frame')
        .screenshot({ path: join(GALLERY_DIR, `${sample.name}.png`), animations: 'disabled' });
    }
  } finally {
    await browser.close();
  }

  const current = new Set(cardSamples.map((s) => `${s.name}.png`));
  for (const f of readdirSync(GALLERY_DIR)) {
    if (f.endsWith('.png') && !current.has(f)) unlinkSync(join(GALLERY_DIR, f));
  }
  writeFileSync(join(GALLERY_DIR, 'index.html'), galleryIndex(cardSamples));
  process.stdout.write(`Rendered ${cardSamples.length} cards to ${GALLERY_DIR}\n`);
  if (failures.length) {
    process.stderr.write(`Renderer problems:\n  ${failures.join('\n  ')}\n`);
    return 1;
  }
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
