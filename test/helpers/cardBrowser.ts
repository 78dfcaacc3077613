import { existsSync, readFileSync } from 'node:fs';
import type * as AdaptiveCardsModule from 'adaptivecards';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ADAPTIVECARDS_BUNDLE, TEAMS_MARKDOWN_JS } from './cardRender';
import { teamsHostConfigFor, teamsPageCss, type TeamsTheme } from './teamsThemes';

/**
 * Cards rendered by the real adaptivecards renderer (its UMD bundle) in headless Chromium, many to
 * a page, with a Teams theme's host config and CSS; and the measurements the card-quality test and
 * the gallery take of them: height, horizontal overflow, text contrast and axe-core violations.
 * One browser and one page serve every card: a page is laid out once per theme and width.
 */

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--font-render-hinting=none'] });
}

/** One page with the renderer loaded. Staff use Teams in New Zealand: dates read dd/mm/yyyy. */
export async function openCardPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  // A page of its own context: @axe-core/playwright opens its helper pages in the same context.
  const context = await browser.newContext({
    viewport: { width: 800, height: 800 },
    deviceScaleFactor: 1,
    locale: 'en-NZ',
    timezoneId: 'Pacific/Auckland',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  await page.setContent(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Cards</title>
    <style id="theme"></style></head><body><main id="cards"></main></body></html>`);
  await page.addScriptTag({ content: readFileSync(ADAPTIVECARDS_BUNDLE, 'utf8') });
  await page.addScriptTag({ content: TEAMS_MARKDOWN_JS });
  // tsx (esbuild keepNames) wraps named functions in __name(); functions evaluated in the page need it.
  await page.addScriptTag({ content: 'window.__name = function (f) { return f; };' });
  return { page, errors };
}

export interface CardToRender {
  name: string;
  card: unknown;
}

/** A card as the detail behind "Show …" buttons would show it: every hidden element made visible. */
export function expanded(card: unknown): unknown {
  return JSON.parse(JSON.stringify(card), (key, value: unknown) => (key === 'isVisible' ? undefined : value));
}

export interface RenderOptions {
  theme: TeamsTheme;
  /** The frame's outer width in CSS pixels (its 1 px border included), as the card is shown. */
  width: number | ((card: unknown) => number);
  /** Show the detail that `Action.ToggleVisibility` hides (for contrast, axe and narrow screens). */
  expandDetail?: boolean;
  /** A host config to use instead of the theme's (the theme still supplies the page CSS). */
  hostConfig?: Record<string, unknown>;
}

export interface RenderedCard {
  name: string;
  /** Outer height of the message frame, in CSS pixels. */
  height: number;
  width: number;
  /** Parse events and renderer failures. */
  problems: string[];
}

/** Replaces the page's cards with these, rendered side by side down the page, one frame each. */
export async function renderCards(
  page: Page,
  cards: readonly CardToRender[],
  opts: RenderOptions,
): Promise<RenderedCard[]> {
  const input = cards.map((c) => {
    const card = opts.expandDetail ? expanded(c.card) : c.card;
    return { name: c.name, card, width: typeof opts.width === 'number' ? opts.width : opts.width(c.card) };
  });
  await page.setViewportSize({ width: Math.max(...input.map((c) => c.width)) + 32, height: 800 });
  const rendered = await page.evaluate(
    ({ input, hostConfig, css }) => {
      const AC = (window as unknown as { AdaptiveCards: typeof AdaptiveCardsModule }).AdaptiveCards;
      document.getElementById('theme')!.textContent = css;
      const root = document.getElementById('cards')!;
      root.innerHTML = '';
      const out: Array<{ name: string; problems: string[] }> = [];
      for (const c of input) {
        const frame = document.createElement('div');
        frame.className = 'frame';
        frame.dataset['sample'] = c.name;
        frame.style.width = `${c.width - 2}px`;
        root.appendChild(frame);
        const adaptiveCard = new AC.AdaptiveCard();
        adaptiveCard.hostConfig = new AC.HostConfig(hostConfig);
        const context = new AC.SerializationContext();
        const problems: string[] = [];
        try {
          adaptiveCard.parse(c.card, context);
          for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
          const el = adaptiveCard.render();
          if (el) frame.appendChild(el);
          else problems.push('the renderer produced nothing');
        } catch (e) {
          problems.push(`render failed: ${(e as Error).message}`);
        }
        out.push({ name: c.name, problems });
      }
      return out;
    },
    { input, hostConfig: opts.hostConfig ?? teamsHostConfigFor(opts.theme), css: teamsPageCss(opts.theme) },
  );
  await page.evaluate(() => document.fonts.ready);
  const sizes = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.frame')].map((f) => {
      const r = f.getBoundingClientRect();
      return { height: Math.round(r.height), width: Math.round(r.width) };
    }),
  );
  return rendered.map((r, i) => ({ ...r, height: sizes[i]!.height, width: sizes[i]!.width }));
}

export interface Finding {
  sample: string;
  message: string;
}

/**
 * Content that does not fit its card's width: an element reaching past the frame's right edge (the
 * reader would have to scroll), or text cut off inside its box (an ellipsis, a clipped word).
 */
export async function overflowFindings(page: Page): Promise<Finding[]> {
  return page.evaluate(() => {
    const out: Array<{ sample: string; message: string }> = [];
    for (const frame of document.querySelectorAll<HTMLElement>('.frame')) {
      const right = frame.getBoundingClientRect().right;
      const seen = new Set<string>();
      for (const el of frame.querySelectorAll<HTMLElement>('*')) {
        if (!el.checkVisibility()) continue;
        const r = el.getBoundingClientRect();
        const label = (el.innerText || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 60);
        let message = '';
        if (r.width > 0 && r.right > right + 1)
          message = `"${label}" reaches ${Math.round(r.right - right)} px past the card's edge`;
        // Buttons that do not fit shrink with an ellipsis; Teams moves them into its overflow menu.
        else if (
          el.childElementCount === 0 &&
          !el.closest('.ac-pushButton') &&
          el.scrollWidth > el.clientWidth + 1 &&
          getComputedStyle(el).overflowX !== 'visible'
        )
          message = `"${label}" is cut off (${el.scrollWidth} px of text in ${el.clientWidth} px)`;
        if (message && !seen.has(label)) {
          seen.add(label);
          out.push({ sample: frame.dataset['sample'] ?? '', message });
        }
      }
    }
    return out;
  });
}

/**
 * WCAG contrast of every visible text node (and the text of every input) against the background it
 * is drawn on, from computed styles: the nearest opaque background, with translucent ones above it
 * blended in. Returns the pairs below `min`.
 */
export async function contrastFindings(page: Page, min = 4.5): Promise<Finding[]> {
  return page.evaluate((min) => {
    type RGBA = [number, number, number, number];
    const parse = (c: string): RGBA => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return [0, 0, 0, 0];
      const p = m[1]!
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
    };
    const over = (top: RGBA, under: RGBA): RGBA => {
      const a = top[3];
      return [
        top[0] * a + under[0] * (1 - a),
        top[1] * a + under[1] * (1 - a),
        top[2] * a + under[2] * (1 - a),
        1,
      ];
    };
    const background = (el: Element | null): RGBA => {
      const layers: RGBA[] = [];
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      let bg: RGBA = [255, 255, 255, 1];
      for (const l of layers.reverse()) bg = over(l, bg);
      return bg;
    };
    const lum = (c: RGBA) => {
      const ch = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2]);
    };
    const ratio = (a: RGBA, b: RGBA) => {
      const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
      return (l1 + 0.05) / (l2 + 0.05);
    };
    const hex = (c: RGBA) =>
      `#${c
        .slice(0, 3)
        .map((v) => Math.round(v).toString(16).padStart(2, '0'))
        .join('')}`;
    const out: Array<{ sample: string; message: string }> = [];
    for (const frame of document.querySelectorAll<HTMLElement>('.frame')) {
      const seen = new Set<string>();
      const check = (el: Element, label: string) => {
        const bg = background(el);
        const fg = over(parse(getComputedStyle(el).color), bg);
        const r = ratio(fg, bg);
        const key = `${label}|${hex(fg)}|${hex(bg)}`;
        if (r < min && !seen.has(key)) {
          seen.add(key);
          out.push({
            sample: frame.dataset['sample'] ?? '',
            message: `"${label.slice(0, 60)}" ${hex(fg)} on ${hex(bg)} is ${r.toFixed(2)}:1`,
          });
        }
      };
      const walker = document.createTreeWalker(frame, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        const t = n.textContent?.trim();
        if (el && t && el.checkVisibility()) check(el, t);
      }
      for (const el of frame.querySelectorAll<HTMLInputElement>('input, select, textarea')) {
        if (el.checkVisibility() && el.type !== 'checkbox' && el.type !== 'radio')
          check(el, `${el.tagName.toLowerCase()} ${el.id}`);
      }
    }
    return out;
  }, min);
}

/**
 * The adaptivecards web renderer's own markup for a filtered (typeahead) Input.ChoiceSet: a text
 * input labelled through a wrapper div's aria-labelledby, which axe reports as "label" and
 * "aria-prohibited-attr". Teams draws these inputs with its own control, not this markup, so a
 * card cannot fix it; these two rules on that markup are left out, everything else is checked.
 */
const RENDERER_FILTERED_CHOICESET = '.ac-choiceSetInput-filtered, :has(> .ac-choiceSetInput-filtered)';

/**
 * axe-core's serious and critical violations of the WCAG 2.1 A and AA rules on the page's cards,
 * each attributed to its card. `contrast` adds axe's own colour-contrast rule (slow on a full page;
 * contrastFindings measures every text in every theme instead).
 */
export async function axeFindings(page: Page, opts: { contrast?: boolean } = {}): Promise<Finding[]> {
  const results = await new AxeBuilder({ page })
    .include('.frame')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .disableRules(opts.contrast ? [] : ['color-contrast'])
    .options({ resultTypes: ['violations'] })
    // One axe.run in the page: the cards have no frames, and runPartial's per-node results for 130
    // cards take minutes to carry to a second page for finishRun.
    .setLegacyMode()
    .analyze();
  const out: Finding[] = [];
  for (const v of results.violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    for (const node of v.nodes) {
      const selector = String(node.target[0]);
      const where = await page.evaluate(
        ({ sel, renderer }) => {
          const el = document.querySelector(sel);
          return {
            sample: el?.closest<HTMLElement>('.frame')?.dataset['sample'] ?? '',
            renderer: !!el?.matches(renderer),
          };
        },
        { sel: selector, renderer: RENDERER_FILTERED_CHOICESET },
      );
      if (where.renderer && (v.id === 'label' || v.id === 'aria-prohibited-attr')) continue;
      out.push({
        sample: where.sample,
        message: `${v.impact} ${v.id}: ${v.help} (${node.html.slice(0, 100)})`,
      });
    }
  }
  return out;
}
