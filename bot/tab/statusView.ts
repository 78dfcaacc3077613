import type { AdaptiveCard, CardElement } from '../../cards/types';

/**
 * The tab's Application page is the `status` card itself, drawn for the signed-in person by the
 * same renderer chat uses, then turned into plain blocks for HTML. So the page holds exactly the
 * facts, sections and timeline `status` would show that person — restricted sections included or
 * left out by the same rule — and nothing else. Buttons are dropped: decisions stay on cards.
 */
export type Block =
  | { type: 'heading'; text: string }
  | { type: 'text'; text: string; tone?: 'subtle' | 'attention' | 'good' | 'warning' | 'strong' }
  | { type: 'facts'; facts: Array<{ title: string; value: string }> }
  | { type: 'section'; title: string; blocks: Block[] };

export function blocksOfCard(card: AdaptiveCard): Block[] {
  return blocksOf(card.body);
}

function blocksOf(elements: CardElement[]): Block[] {
  const out: Block[] = [];
  for (const el of elements) out.push(...blockOf(el));
  return out;
}

function blockOf(el: CardElement): Block[] {
  switch (el.type) {
    case 'TextBlock':
      return [textBlock(el)];
    case 'FactSet': {
      const facts = Array.isArray(el.facts) ? (el.facts as Array<{ title?: unknown; value?: unknown }>) : [];
      return [{ type: 'facts', facts: facts.map((f) => ({ title: plain(f.title), value: plain(f.value) })) }];
    }
    case 'Container':
      return containerBlocks(el);
    case 'ColumnSet': {
      const columns = Array.isArray(el.columns) ? (el.columns as CardElement[]) : [];
      return columns.flatMap((c) => blocksOf(itemsOf(c)));
    }
    case 'RichTextBlock': {
      const inlines = Array.isArray(el.inlines) ? (el.inlines as Array<{ text?: unknown } | string>) : [];
      return [
        { type: 'text', text: inlines.map((i) => (typeof i === 'string' ? i : plain(i.text))).join('') },
      ];
    }
    default:
      // ActionSet, inputs, images: nothing to read on a page that changes nothing.
      return [];
  }
}

/** A separated container that starts with a bold line is a section with that line as its title. */
function containerBlocks(el: CardElement): Block[] {
  const items = itemsOf(el);
  const first = items[0];
  if (el.separator === true && first?.type === 'TextBlock' && first.weight === 'Bolder' && items.length > 1) {
    return [{ type: 'section', title: plain(first.text), blocks: blocksOf(items.slice(1)) }];
  }
  return blocksOf(items);
}

function textBlock(el: CardElement): Block {
  const value = plain(el.text);
  if (el.style === 'heading' || el.size === 'Large') return { type: 'heading', text: value };
  const color = typeof el.color === 'string' ? el.color.toLowerCase() : '';
  if (color === 'attention' || color === 'good' || color === 'warning')
    return { type: 'text', text: value, tone: color };
  if (el.isSubtle === true) return { type: 'text', text: value, tone: 'subtle' };
  if (el.weight === 'Bolder') return { type: 'text', text: value, tone: 'strong' };
  return { type: 'text', text: value };
}

function itemsOf(el: CardElement): CardElement[] {
  return Array.isArray(el.items) ? (el.items as CardElement[]) : [];
}

/** Card text is a little Markdown (`**bold**`); the page shows it as text, never as HTML. */
function plain(v: unknown): string {
  return typeof v === 'string' ? v.replace(/\*\*(.+?)\*\*/g, '$1') : '';
}
