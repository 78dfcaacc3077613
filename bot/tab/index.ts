import type restify from 'restify';
import type { Logger } from 'pino';
import type { Clock } from '../../services/clock';
import type { ApplicationQueries } from '../../services/queries';
import type { Store } from '../../services/store/types';
import type { Config } from '../config';
import { registerTabApi } from './api';
import { createDevSignIn } from './devSignIn';
import { defaultTabDir, registerTabPages } from './pages';
import { SsoValidator } from './sso';

export interface TabDeps {
  store: Store;
  queries: ApplicationQueries;
  clock: Clock;
  logger: Logger;
  /** Where the built front end is (tests may point elsewhere); default dist/tab. */
  tabDir?: string;
}

/**
 * The My work tab: its pages under /tab/ and its API under /api/tab/. With Bot Framework
 * authentication off (local development) it also serves the development host page and its sign-in.
 */
export async function registerTab(server: restify.Server, config: Config, deps: TabDeps): Promise<void> {
  // Configured single sign-on always wins; the development host exists only without it, and without bot authentication.
  const devHost = !config.authEnabled && config.localDev && !config.tab.sso;
  const dev = devHost ? await createDevSignIn() : undefined;
  const ssoSettings =
    dev?.settings ?? (config.tab.sso ? { ...config.tab.sso, jwksUrl: config.tab.sso.jwksUrl } : undefined);
  if (!ssoSettings)
    deps.logger.warn(
      'the My work tab is closed: set MicrosoftAppTenantId and BOT_DOMAIN (or TAB_SSO_APP_ID_URI)',
    );
  registerTabApi(server, {
    ...deps,
    sso: ssoSettings ? new SsoValidator(ssoSettings) : undefined,
    links: config.tab.teamsAppId ? { teamsAppId: config.tab.teamsAppId } : undefined,
  });
  dev?.register(server, deps.store);
  registerTabPages(server, { tabDir: deps.tabDir ?? defaultTabDir(), devHost });
}
