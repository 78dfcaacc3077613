import { app, authentication } from '@microsoft/teams-js';
import { Api, ApiError } from './api';
import type { Me } from './api';
import { h } from './dom';
import { applicationPage, exportButton, filterForm, listTable, pager, tasksPage } from './views';

/**
 * The My work tab. In Teams: teams-js gives the context (theme, and the application a deep link
 * opened) and an SSO token for every API call. Outside Teams it says to open it in Teams.
 */
const INIT_TIMEOUT_MS = 8000;

const main = document.getElementById('main')!;

function show(...nodes: HTMLElement[]): void {
  main.replaceChildren(...nodes);
  const target = main.querySelector<HTMLElement>('h2') ?? main;
  target.focus();
}

function outsideTeams(): void {
  document.title = 'Tautoko: open in Microsoft Teams';
  show(
    h('h2', { tabindex: '-1' }, 'Open this page in Microsoft Teams'),
    h(
      'p',
      {},
      'My work signs you in with your Teams account, so it only works inside Teams. In Teams, open the Tautoko app and choose the My work tab.',
    ),
  );
}

function applyTheme(theme: string | undefined): void {
  document.documentElement.dataset.theme = theme === 'dark' || theme === 'contrast' ? theme : 'default';
}

function failure(e: unknown): HTMLElement[] {
  const message =
    e instanceof ApiError ? e.message : 'Tautoko could not be reached. Check your connection and try again.';
  return [
    h(
      'h2',
      { tabindex: '-1' },
      e instanceof ApiError && e.status === 404 ? 'Not found' : 'Something went wrong',
    ),
    h('p', { role: 'alert' }, message),
  ];
}

function markNav(page: string): void {
  for (const a of document.querySelectorAll<HTMLAnchorElement>('#nav a')) {
    if (a.dataset.page === page) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function route(api: Api, me: Me): Promise<void> {
  const hash = location.hash.replace(/^#/, '') || '/tasks';
  const [path = '', search = ''] = hash.split('?');
  const query = new URLSearchParams(search);
  try {
    if (path.startsWith('/application/')) {
      markNav('applications');
      const id = decodeURIComponent(path.slice('/application/'.length));
      const view = await api.application(id);
      document.title = `Tautoko: ${view.id}`;
      show(...applicationPage(view));
    } else if (path === '/applications') {
      markNav('applications');
      document.title = 'Tautoko: applications';
      const page = await api.applications(query);
      show(
        h('h2', { tabindex: '-1' }, 'Applications'),
        filterForm(query, me),
        ...(me.canExport ? [exportButton(api, query)] : []),
        listTable(page),
        ...[pager(page, query)].filter((x): x is HTMLElement => x !== null),
      );
    } else {
      markNav('tasks');
      document.title = 'Tautoko: my tasks';
      show(...tasksPage((await api.tasks()).tasks));
    }
  } catch (e) {
    show(...failure(e));
  }
}

async function start(): Promise<void> {
  if (window.parent === window) return outsideTeams();
  try {
    await Promise.race([
      app.initialize(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no Teams host')), INIT_TIMEOUT_MS)),
    ]);
  } catch {
    return outsideTeams();
  }
  const context = await app.getContext();
  applyTheme(context.app.theme);
  app.registerOnThemeChangeHandler(applyTheme);
  void app.notifySuccess();
  const api = new Api(() => authentication.getAuthToken());
  let me: Me;
  try {
    me = await api.me();
  } catch (e) {
    return show(...failure(e));
  }
  document.getElementById('who')!.textContent = `Signed in as ${me.name}`;
  document.getElementById('nav')!.hidden = false;
  // A deep link ("Open in Tautoko") names the application as the page's sub-page id.
  const subPageId = context.page.subPageId;
  if (subPageId && !location.hash)
    history.replaceState(null, '', `#/application/${encodeURIComponent(subPageId)}`);
  window.addEventListener('hashchange', () => void route(api, me));
  await route(api, me);
}

void start();
