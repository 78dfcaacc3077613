/** A tiny element builder: text always goes in as text (never as HTML), so nothing from the API can inject markup. */
type Child = Node | string | null | undefined | false;

export function h(
  tag: string,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Array<Child | Child[]>
): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

const NZ = new Intl.DateTimeFormat('en-NZ', {
  timeZone: 'Pacific/Auckland',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

/** Times come as UTC ISO strings and are shown in New Zealand time, as in chat. */
export function nzTime(iso: string | undefined): string {
  return iso ? NZ.format(new Date(iso)) : '';
}
