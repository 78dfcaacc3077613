/**
 * A stand-in for the Teams client around the tab: it frames the tab and answers the teams-js
 * messages the tab sends (initialize, getContext, authentication.getAuthToken). Used by the local
 * development host page (`npm start`, tokens from the development sign-in) and by the browser
 * tests (tokens signed by the test's key). It is not part of the tab.
 */
interface HostMessage {
  id: number;
  uuidAsString?: string;
  func: string;
}

interface HostSettings {
  /** Where the tab is. */
  tabUrl: string;
  /** The sub-page id a deep link would carry (an application id). */
  subPageId: string;
  theme: 'default' | 'dark' | 'contrast';
  userObjectId: string;
  token(): Promise<string>;
}

declare global {
  interface Window {
    /** Set by a test before the host starts; the development page builds its own. */
    tautokoHost?: Partial<HostSettings>;
  }
}

const RUNTIME = {
  apiVersion: 4,
  supports: { appEntity: {}, pages: { appButton: {}, tabs: {} }, teamsCore: {} },
};

function contextFor(s: HostSettings): Record<string, unknown> {
  return {
    entityId: 'mywork',
    subEntityId: s.subPageId,
    locale: 'en-nz',
    theme: s.theme,
    tid: 'local-host',
    userObjectId: s.userObjectId,
    hostClientType: 'web',
    frameContext: 'content',
    appSessionId: 'local-session',
  };
}

export function startHost(settings: HostSettings): HTMLIFrameElement {
  const frame = document.getElementById('tab') as HTMLIFrameElement;
  window.addEventListener('message', (e: MessageEvent) => {
    if (e.source !== frame.contentWindow) return;
    const msg = e.data as HostMessage;
    if (!msg || typeof msg.func !== 'string' || typeof msg.id !== 'number') return;
    const reply = (args: unknown[]) =>
      (e.source as Window).postMessage({ id: msg.id, uuidAsString: msg.uuidAsString, args }, e.origin);
    if (msg.func === 'initialize') reply(['content', 'web', JSON.stringify(RUNTIME), '2.58.0']);
    else if (msg.func === 'getContext') reply([contextFor(settings)]);
    else if (msg.func === 'authentication.getAuthToken')
      settings.token().then(
        (t) => reply([true, t]),
        (err: unknown) => reply([false, String(err)]),
      );
  });
  frame.src = settings.tabUrl;
  return frame;
}

/** The development page: pick a person from the directory; the tab reloads signed in as them. */
async function developmentHost(): Promise<void> {
  const picker = document.getElementById('person') as HTMLSelectElement;
  const params = new URLSearchParams(location.search);
  const res = await fetch('/api/tab/dev/people');
  const { people } = (await res.json()) as { people: Array<{ aadObjectId: string; name: string }> };
  for (const p of people) picker.append(new Option(p.name, p.aadObjectId));
  picker.value = params.get('user') ?? people[0]?.aadObjectId ?? '';
  picker.addEventListener('change', () => {
    params.set('user', picker.value);
    location.search = params.toString();
  });
  startHost({
    tabUrl: '/tab/',
    subPageId: params.get('subPageId') ?? '',
    theme: params.get('theme') === 'dark' ? 'dark' : 'default',
    userObjectId: picker.value,
    token: async () => {
      const r = await fetch(`/api/tab/dev/token?user=${encodeURIComponent(picker.value)}`);
      return ((await r.json()) as { token: string }).token;
    },
  });
}

const injected = window.tautokoHost;
if (injected?.tabUrl && injected.token) {
  startHost({ subPageId: '', theme: 'default', userObjectId: '', ...injected } as HostSettings);
} else {
  void developmentHost();
}
