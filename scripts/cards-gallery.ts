import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cardSamples, type CardSample } from '../test/samples';
import {
  CHROMIUM,
  chromiumAvailable,
  launchChromium,
  openCardPage,
  renderCards,
} from '../test/helpers/cardBrowser';

/**
 * `npm run cards:gallery`: renders every card in test/samples with the real adaptivecards
 * renderer and the Teams light host config in headless Chromium, and writes docs/cards/<name>.png,
 * docs/cards/index.html and docs/cards/heights.json (each card's height, detail collapsed). PNGs of samples that no longer exist are removed so the gallery stays
 * current. Exits 1 if any card fails to render or the page logs an error.
 */

const ROOT = resolve(__dirname, '..');
export const GALLERY_DIR = join(ROOT, 'docs', 'cards');
/**
 * Teams draws a card with msteams.width "Full" across the message column (722 px with the frame's
 * border, the width issue 16 measures at); others at its default width.
 */
const FULL_WIDTH = 722;
const DEFAULT_WIDTH = 482;

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
  <code>adaptivecards</code> renderer and a host config for Microsoft Teams' light theme
  (<code>test/helpers/teamsThemes.ts</code>) in headless Chromium, detail collapsed.
  Regenerate with <code>npm run cards:gallery</code>.</p>
${sections}
</body>
</html>
`;
}

/** Every sample's height at its Teams width with its detail collapsed, tallest first. */
export const HEIGHTS_FILE = join(GALLERY_DIR, 'heights.json');

async function main(): Promise<number> {
  if (!chromiumAvailable()) {
    process.stderr.write(
      `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH\n`,
    );
    return 1;
  }
  mkdirSync(GALLERY_DIR, { recursive: true });
  const browser = await launchChromium();
  const failures: string[] = [];
  try {
    const { page, errors } = await openCardPage(browser);
    // The same renderer, host config and page as test/cards/quality.test.ts, in Teams' light theme.
    const rendered = await renderCards(page, cardSamples, {
      theme: 'light',
      width: (card) => ((card as CardSample['card']).msteams?.width === 'Full' ? FULL_WIDTH : DEFAULT_WIDTH),
    });
    for (const r of rendered) for (const p of r.problems) failures.push(`${r.name}: ${p}`);
    for (const e of errors) failures.push(`page: ${e}`);
    for (const sample of cardSamples) {
      await page
        .locator(`[data-sample="${sample.name}"]`)
        .screenshot({ path: join(GALLERY_DIR, `${sample.name}.png`), animations: 'disabled' });
    }
    const heights = rendered
      .map((r) => ({ name: r.name, width: r.width, height: r.height }))
      .sort((x, y) => y.height - x.height);
    writeFileSync(HEIGHTS_FILE, `${JSON.stringify(heights, null, 2)}\n`);
    process.stdout.write(
      `Tallest (detail collapsed): ${heights
        .slice(0, 5)
        .map((h) => `${h.name} ${h.height} px`)
        .join(', ')}\n`,
    );
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
