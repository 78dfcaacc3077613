import type { Api, ApplicationView, Block, ListPage, Me, TaskRow } from './api';
import { h, nzTime } from './dom';

/** The three pages. Each returns the content of <main>; links are in-tab hash routes. */

export const PROCESSES: Array<[string, string]> = [
  ['F17', 'F.17 suitability to mix'],
  ['C07', 'C.07 support hui'],
  ['V01', 'V.01 visitor application'],
  ['V01P', 'V.01 prohibition order'],
];

export function appLink(id: string): HTMLElement {
  return h('a', { href: `#/application/${encodeURIComponent(id)}` }, id);
}

export function tasksPage(rows: TaskRow[]): HTMLElement[] {
  const heading = h('h2', { tabindex: '-1' }, 'My tasks');
  if (rows.length === 0) return [heading, h('p', {}, 'Nothing is waiting for you.')];
  const overdue = rows.filter((r) => r.overdue).length;
  const summary = `${rows.length} waiting for you${overdue ? `, ${overdue} overdue` : ''}. Overdue first, then by due date.`;
  return [
    heading,
    h(
      'table',
      {},
      h('caption', {}, summary),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['Due', 'Task', 'Application', 'Prisoner', 'Site'].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        ...rows.map((r) =>
          h(
            'tr',
            {},
            h(
              'td',
              {},
              r.overdue ? h('span', { class: 'overdue' }, 'Overdue: ') : null,
              r.dueAt ? nzTime(r.dueAt) : 'No due date',
            ),
            h('td', {}, r.task),
            h('td', {}, appLink(r.applicationId), h('br'), h('span', { class: 'subtle' }, r.title)),
            h('td', {}, `${r.prisonerName} (${r.prisonerId})`),
            h('td', {}, r.site),
          ),
        ),
      ),
    ),
  ];
}

function select(
  name: string,
  label: string,
  current: string | null,
  options: Array<[string, string]>,
): HTMLElement {
  return h(
    'label',
    {},
    label,
    h(
      'select',
      { name },
      h('option', { value: '' }, 'All'),
      ...options.map(([v, t]) => h('option', { value: v, selected: v === current }, t)),
    ),
  );
}

export function filterForm(query: URLSearchParams, me: Me): HTMLFormElement {
  const sites = [...new Set(me.roles.map((r) => r.site).filter((s) => s !== '*'))].sort();
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter applications' },
    h(
      'label',
      {},
      'Search',
      h('input', {
        type: 'search',
        name: 'q',
        value: query.get('q') ?? '',
        placeholder: 'Application id, prisoner id or name',
        size: '32',
      }),
    ),
    select('kind', 'Process', query.get('kind'), PROCESSES),
    h(
      'label',
      {},
      'Stage',
      h('input', { type: 'text', name: 'stage', value: query.get('stage') ?? '', size: '18' }),
    ),
    select(
      'site',
      'Site',
      query.get('site'),
      sites.map((s) => [s, s]),
    ),
    select('state', 'Status', query.get('state'), [
      ['open', 'Open'],
      ['overdue', 'Overdue'],
      ['closed', 'Decided or closed'],
    ]),
    h('button', { type: 'submit', class: 'primary' }, 'Apply'),
  ) as HTMLFormElement;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of new FormData(form).entries())
      if (typeof v === 'string' && v.trim()) next.set(k, v.trim());
    location.hash = `#/applications?${next.toString()}`;
  });
  return form;
}

export function listTable(page: ListPage): HTMLElement {
  if (page.rows.length === 0) return h('p', { role: 'status' }, 'No applications match.');
  const from = (page.page - 1) * page.pageSize + 1;
  return h(
    'table',
    {},
    h(
      'caption',
      { role: 'status' },
      `${from}–${from + page.rows.length - 1} of ${page.total} applications, most recently updated first`,
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['Application', 'Process', 'Prisoner', 'Site', 'Stage', 'Status', 'Next due'].map((c) =>
          h('th', { scope: 'col' }, c),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...page.rows.map((r) =>
        h(
          'tr',
          {},
          h('td', {}, appLink(r.id)),
          h('td', {}, r.title),
          h('td', {}, `${r.prisonerName} (${r.prisonerId})`),
          h('td', {}, r.site),
          h('td', {}, r.stage),
          h('td', {}, r.closed ? 'Closed' : r.overdue ? h('span', { class: 'overdue' }, 'Overdue') : 'Open'),
          h('td', {}, nzTime(r.nextDue)),
        ),
      ),
    ),
  );
}

export function pager(page: ListPage, query: URLSearchParams): HTMLElement | null {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  if (pages === 1) return null;
  const go = (n: number) => {
    const q = new URLSearchParams(query);
    q.set('page', String(n));
    return `#/applications?${q.toString()}`;
  };
  return h(
    'nav',
    { class: 'pager', 'aria-label': 'Pages' },
    page.page > 1 ? h('a', { href: go(page.page - 1) }, 'Previous page') : null,
    h('span', {}, `Page ${page.page} of ${pages}`),
    page.page < pages ? h('a', { href: go(page.page + 1) }, 'Next page') : null,
  );
}

export function exportButton(api: Api, query: URLSearchParams): HTMLElement {
  const status = h('span', { role: 'status', class: 'subtle' });
  const button = h('button', { type: 'button' }, 'Download CSV') as HTMLButtonElement;
  button.addEventListener('click', () => {
    const q = new URLSearchParams(query);
    q.delete('page');
    button.disabled = true;
    status.textContent = 'Preparing the download…';
    api.exportCsv(q).then(
      ({ blob, filename, rows, truncated }) => {
        const a = h('a', { href: URL.createObjectURL(blob), download: filename }) as HTMLAnchorElement;
        document.body.append(a);
        a.click();
        a.remove();
        const limit = truncated ? ` Only the first ${rows} rows: narrow the filter for the rest.` : '';
        status.textContent = `Downloaded ${filename} (${rows} rows). The export is recorded in the audit trail.${limit}`;
        button.disabled = false;
      },
      (e: unknown) => {
        status.textContent = e instanceof Error ? e.message : 'The download failed.';
        button.disabled = false;
      },
    );
  });
  return h('p', {}, button, ' ', status);
}

function block(b: Block, level: number): HTMLElement {
  switch (b.type) {
    case 'heading':
      return h('p', { class: 'strong' }, b.text);
    case 'text':
      return h('p', b.tone ? { class: b.tone } : {}, b.text);
    case 'facts':
      return h(
        'dl',
        { class: 'facts' },
        ...b.facts.flatMap((f) => [h('dt', {}, f.title), h('dd', {}, f.value)]),
      );
    case 'section':
      return h(
        'section',
        { class: 'block' },
        h(`h${Math.min(level, 6)}`, {}, b.title),
        ...b.blocks.map((x) => block(x, level + 1)),
      );
  }
}

/** The application page: the status card's blocks; its first heading becomes the page's h2. */
export function applicationPage(view: ApplicationView): HTMLElement[] {
  const blocks = [...view.blocks];
  const first = blocks[0]?.type === 'heading' ? blocks.shift() : undefined;
  const title = first && first.type === 'heading' ? first.text : view.title;
  return [
    h('p', {}, h('a', { href: '#/applications' }, 'Back to applications')),
    h('h2', { tabindex: '-1' }, `${title}: ${view.id}`),
    h('p', { class: 'subtle' }, `Stage: ${view.stage}. Decisions and answers are made on the cards in chat.`),
    h('div', { class: 'card' }, ...blocks.map((b) => block(b, 3))),
  ];
}
