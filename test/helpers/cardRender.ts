import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import type * as AdaptiveCardsModule from 'adaptivecards';
import teamsHostConfigJson from './teamsHostConfig.json';

/**
 * The real `adaptivecards` renderer (the UMD bundle the Teams web client family is built from),
 * loaded into jsdom so a test can parse and render a card as a browser would and collect every
 * warning the renderer raises.
 */

type AC = typeof AdaptiveCardsModule;

const ROOT = join(__dirname, '..', '..');
export const ADAPTIVECARDS_BUNDLE = join(
  ROOT,
  'node_modules',
  'adaptivecards',
  'dist',
  'adaptivecards.min.js',
);
export const ADAPTIVECARDS_CSS = join(ROOT, 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.css');

/** Microsoft Teams (light theme) host config: Segoe UI, Teams spacing, colours and input labels. */
export const teamsHostConfig: Record<string, unknown> = teamsHostConfigJson;

/**
 * The Markdown subset Teams renders in a TextBlock (bold, italic, links, bulleted and numbered
 * lists, line breaks), as browser JavaScript so the same code runs in jsdom and in Chromium.
 * It installs itself as AdaptiveCards.AdaptiveCard.onProcessMarkdown.
 */
export const TEAMS_MARKDOWN_JS = `(function () {
  function esc(s) {
    return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  function inline(s) {
    return esc(s)
      .replace(/\\[([^\\]]+)\\]\\(((?:https?|mailto|msteams):[^)\\s]+)\\)/g, '<a href="$2">$1</a>')
      .replace(/\\*\\*([^*]+)\\*\\*/g, '<strong>$1</strong>')
      .replace(/(^|[^\\w])_([^_]+)_(?=[^\\w]|$)/g, '$1<em>$2</em>');
  }
  function markdown(text) {
    var out = [];
    var list = null;
    var para = [];
    function flushPara() { if (para.length) { out.push('<p>' + para.join('<br>') + '</p>'); para = []; } }
    function flushList() { if (list) { out.push('<' + list.tag + '>' + list.items.join('') + '</' + list.tag + '>'); list = null; } }
    text.split(/\\r?\\n/).forEach(function (line) {
      var bullet = /^\\s*[-*]\\s+(.*)$/.exec(line);
      var numbered = /^\\s*\\d+\\.\\s+(.*)$/.exec(line);
      var item = bullet || numbered;
      if (item) {
        flushPara();
        var tag = bullet ? 'ul' : 'ol';
        if (list && list.tag !== tag) flushList();
        if (!list) list = { tag: tag, items: [] };
        list.items.push('<li>' + inline(item[1]) + '</li>');
      } else if (line.trim() === '') {
        flushList();
        flushPara();
      } else {
        flushList();
        para.push(inline(line));
      }
    });
    flushList();
    flushPara();
    return out.join('');
  }
  window.AdaptiveCards.AdaptiveCard.onProcessMarkdown = function (text, result) {
    result.outputHtml = markdown(text);
    result.didProcess = true;
  };
})();`;

let loaded: { window: Window; ac: AC } | undefined;
/** What the renderer wrote to the console during the current render (cleared per card). */
const consoleMessages: string[] = [];

/** One jsdom window per test process: loading the 400 KB bundle for every card would be slow. */
export function loadRenderer(): { window: Window; ac: AC } {
  if (!loaded) {
    const virtualConsole = new VirtualConsole();
    virtualConsole.on('warn', (...args: unknown[]) =>
      consoleMessages.push(`ConsoleWarning: ${args.map(String).join(' ')}`),
    );
    virtualConsole.on('error', (...args: unknown[]) =>
      consoleMessages.push(`ConsoleError: ${args.map(String).join(' ')}`),
    );
    virtualConsole.on('jsdomError', (e: Error) => consoleMessages.push(`ConsoleError: ${e.message}`));
    const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
      runScripts: 'outside-only',
      pretendToBeVisual: true,
      virtualConsole,
    });
    // jsdom has no layout and so no innerText, which the renderer uses to write text; map it to textContent.
    Object.defineProperty(dom.window.HTMLElement.prototype, 'innerText', {
      get(this: HTMLElement) {
        return this.textContent;
      },
      set(this: HTMLElement, value: string) {
        this.textContent = value;
      },
    });
    dom.window.eval(readFileSync(ADAPTIVECARDS_BUNDLE, 'utf8'));
    dom.window.eval(TEAMS_MARKDOWN_JS);
    const ac = (dom.window as unknown as { AdaptiveCards?: AC }).AdaptiveCards;
    if (!ac?.AdaptiveCard) throw new Error('the adaptivecards bundle did not define window.AdaptiveCards');
    loaded = { window: dom.window as unknown as Window, ac };
  }
  return loaded;
}

export interface RendererResult {
  /** Parse and validation events from the renderer, as "<Event>: <message>". Empty for a clean card. */
  warnings: string[];
  /** The rendered card's HTML, or undefined when the renderer produced nothing. */
  html?: string;
}

/** The card parsed with the Teams host config, and every parse and validation event raised. */
function parseCard(card: unknown): { adaptiveCard?: InstanceType<AC['AdaptiveCard']>; warnings: string[] } {
  const { ac } = loadRenderer();
  const adaptiveCard = new ac.AdaptiveCard();
  adaptiveCard.hostConfig = new ac.HostConfig(teamsHostConfig);
  const context = new ac.SerializationContext();
  const warnings: string[] = [];
  const name = (event: number) => ac.ValidationEvent[event] ?? `event ${event}`;
  try {
    adaptiveCard.parse(card, context);
  } catch (e) {
    return { warnings: [`ParseException: ${(e as Error).message}`] };
  }
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    warnings.push(`${name(e.event)}: ${e.message}`);
  }
  for (const e of adaptiveCard.validateProperties().validationEvents)
    warnings.push(`${name(e.event)}: ${e.message}`);
  return { adaptiveCard, warnings };
}

/** Parse and validation events from the real parser (unknown types, invalid values, duplicate ids…). */
export function parseWithAdaptiveCards(card: unknown): string[] {
  return parseCard(card).warnings;
}

/**
 * Parses the card with the Teams host config, runs the renderer's own validation, and renders it.
 * Every parse event (unknown types, invalid values, unsupported versions), every validation event
 * (duplicate ids, empty collections, inputs without labels) and any render exception is reported.
 */
export function renderWithAdaptiveCards(card: unknown): RendererResult {
  consoleMessages.length = 0;
  const { adaptiveCard, warnings } = parseCard(card);
  if (!adaptiveCard) return { warnings };
  let html: string | undefined;
  try {
    html = adaptiveCard.render()?.outerHTML;
  } catch (e) {
    warnings.push(`RenderException: ${(e as Error).message}`);
  }
  warnings.push(...consoleMessages);
  if (html === undefined && !warnings.length)
    warnings.push('RenderException: the renderer produced no element');
  return html === undefined ? { warnings } : { warnings, html };
}
