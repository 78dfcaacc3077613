import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type restify from 'restify';
import { cardRenderers, statusCardName } from '../../cards/registry';
import type { CardLinks } from '../../cards/types';
import type { Clock } from '../../services/clock';
import type { Actor } from '../../services/directory/person';
import { loadActor } from '../../services/directory/delegationAdmin';
import { roleLabel } from '../../services/directory/roles';
import type { ApplicationQueries } from '../../services/queries';
import { ApplicationListQueries, canExport, listFilterSchema } from '../../services/queriesList';
import type { Store } from '../../services/store/types';
import { blocksOfCard } from './statusView';
import { SsoError } from './sso';
import type { SsoValidator } from './sso';

export interface TabApiDeps {
  store: Store;
  queries: ApplicationQueries;
  clock: Clock;
  logger: Logger;
  /** Undefined when single sign-on is not configured: every call is then 503. */
  sso: SsoValidator | undefined;
  links: CardLinks | undefined;
}

type Handler = (req: restify.Request, res: restify.Response, actor: Actor) => Promise<void>;

/**
 * The tab's JSON API under /api/tab. Every call carries the Teams SSO token; the person is looked
 * up in the directory by the token's object id, and every answer comes from the same `services/`
 * queries and access rules as chat. Errors are fixed JSON bodies; nothing is cached by the browser.
 */
export function registerTabApi(server: restify.Server, deps: TabApiDeps): void {
  const lists = new ApplicationListQueries(deps.store);
  const route = (path: string, handler: Handler) =>
    server.get(path, async (req: restify.Request, res: restify.Response) => {
      res.header('Cache-Control', 'no-store');
      try {
        const actor = await authenticate(req, res, deps);
        if (!actor) return;
        await handler(req, res, actor);
      } catch (e) {
        const reference = randomUUID().slice(0, 8);
        deps.logger.error({ err: e, reference, path }, 'tab API request failed');
        res.send(500, { code: 'InternalError', message: 'Something went wrong.', reference });
      }
    });

  route('/api/tab/me', async (_req, res, actor) => {
    res.send(200, {
      name: actor.name,
      roles: actor.roles.map((g) => ({ role: roleLabel(g.role), site: g.site })),
      canExport: canExport(actor),
    });
  });
  route('/api/tab/tasks', (_req, res, actor) => sendTasks(deps, res, actor));
  route('/api/tab/applications', async (req, res, actor) => {
    const filter = listFilterSchema.safeParse(queryOf(req));
    if (!filter.success) return badFilter(res);
    res.send(200, await lists.list(actor, filter.data, deps.clock.now()));
  });
  route('/api/tab/applications/:id', (req, res, actor) => sendApplication(deps, req, res, actor));
  route('/api/tab/export.csv', (req, res, actor) => sendExport(deps, lists, req, res, actor));
}

function badFilter(res: restify.Response): void {
  res.send(400, { code: 'BadRequest', message: 'The filter could not be read.' });
}

/** Every open task for the person (chat's `my tasks` stops at 50 applications), due first. */
async function sendTasks(deps: TabApiDeps, res: restify.Response, actor: Actor): Promise<void> {
  const now = deps.clock.now();
  const rows = await deps.queries.myTasks(actor, now, 1000);
  res.send(200, {
    tasks: rows.map(({ app, task }) => ({
      applicationId: app._id,
      title: app.title,
      prisonerName: app.prisonerName,
      prisonerId: app.prisonerId,
      site: app.site,
      task: task.label,
      dueAt: task.dueAt?.toISOString(),
      overdue: task.dueAt !== undefined && task.dueAt.getTime() < now.getTime(),
    })),
  });
}

/** The status card, drawn for this person exactly as `status <id>` draws it, as blocks. */
async function sendApplication(
  deps: TabApiDeps,
  req: restify.Request,
  res: restify.Response,
  actor: Actor,
): Promise<void> {
  const id = typeof req.params?.id === 'string' ? req.params.id : '';
  const found = id.length <= 100 ? await deps.queries.visibleWithHistory(id, actor) : null;
  // Not there and not allowed are the same answer, as in chat.
  if (!found) {
    res.send(404, { code: 'NotFound', message: 'No application with that id that you can see.' });
    return;
  }
  const render = cardRenderers[statusCardName(found.app.kind)];
  if (!render) throw new Error(`no status card for ${found.app.kind}`);
  const card = render({
    app: found.app,
    viewer: actor,
    now: deps.clock.now(),
    params: {},
    history: found.history,
  });
  res.send(200, {
    id: found.app._id,
    kind: found.app.kind,
    title: found.app.title,
    stage: found.app.stage,
    closed: found.app.closed,
    blocks: blocksOfCard(card),
  });
}

/** The filtered list as a CSV download, for managers; the export is audited before it is sent. */
async function sendExport(
  deps: TabApiDeps,
  lists: ApplicationListQueries,
  req: restify.Request,
  res: restify.Response,
  actor: Actor,
): Promise<void> {
  const filter = listFilterSchema.safeParse(queryOf(req));
  if (!filter.success) return badFilter(res);
  const requestId = randomUUID();
  const out = await lists.exportCsv(actor, filter.data, deps.clock.now(), {
    activityId: `tab-export:${requestId}`,
    correlationId: requestId,
  });
  if (!out) {
    res.send(403, { code: 'Forbidden', message: 'Only managers may export.' });
    return;
  }
  deps.logger.info({ actor: actor.aadObjectId, rows: out.rows, truncated: out.truncated }, 'tab export');
  const day = deps.clock.now().toISOString().slice(0, 10);
  res.writeHead(200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="tautoko-applications-${day}.csv"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'X-Tautoko-Export-Rows': String(out.rows),
    'X-Tautoko-Export-Truncated': String(out.truncated),
  });
  res.end(out.csv);
}

/**
 * 401 for a missing, malformed or refused token (expired, wrongly signed, another audience or tenant,
 * no `access_as_user`); 403 for a valid token of someone the directory does not know.
 */
async function authenticate(
  req: restify.Request,
  res: restify.Response,
  deps: TabApiDeps,
): Promise<Actor | undefined> {
  if (!deps.sso) {
    res.send(503, { code: 'NotConfigured', message: 'Sign-in for the tab is not configured.' });
    return undefined;
  }
  const header = req.header('authorization') ?? '';
  const m = /^Bearer ([A-Za-z0-9_\-.]{1,8192})$/.exec(header);
  if (!m) {
    res.header('WWW-Authenticate', 'Bearer');
    res.send(401, { code: 'Unauthorized', message: 'Not authorised.' });
    return undefined;
  }
  let oid: string;
  try {
    oid = (await deps.sso.verify(m[1]!)).aadObjectId;
  } catch (e) {
    if (!(e instanceof SsoError)) throw e;
    deps.logger.info({ reason: e.reason, path: req.path() }, 'tab token refused');
    res.header('WWW-Authenticate', 'Bearer error="invalid_token"');
    res.send(401, { code: 'Unauthorized', message: 'Not authorised.' });
    return undefined;
  }
  const actor = await loadActor(deps.store, oid, deps.clock.now());
  if (!actor) {
    deps.logger.info({ aadObjectId: oid }, 'tab sign-in by someone not in the directory');
    res.send(403, { code: 'Forbidden', message: 'You are not in the Tautoko staff directory.' });
    return undefined;
  }
  return actor;
}

/** The query string as an object (the server has no query parser; a repeated name keeps its last value). */
function queryOf(req: restify.Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams);
}
