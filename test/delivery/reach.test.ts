import assert from 'node:assert/strict';
import { BotHarness, TENANT } from '../helpers/botHarness';
import { cardOf, cardText } from '../helpers/connectorStub';
import { F17Run, f17Everyone, f17People } from '../helpers/f17Run';
import { GraphStub } from '../helpers/graphStub';

const { cm, intel } = f17People;
const admin = {
  ...f17People.cm,
  aadObjectId: 'aad-admin',
  name: 'Ada Admin',
  roles: [{ role: 'admin' as const, site: 'Site-A' }],
};
const CATALOG_APP_ID = 'c0ffee00-0000-4000-8000-00000000ca7a';

/**
 * A stakeholder who has never chatted with the bot: the bot installs itself for them with Graph
 * (local Graph and token stubs), creates the 1:1 conversation through the connector stub, and
 * delivers their section card — through the real CloudAdapter, AdapterDelivery and OutboxWorker.
 */
describe('Reaching people who have not chatted with the bot yet (Graph install + createConversation)', function () {
  this.timeout(30_000);
  let h: BotHarness;
  const graph = new GraphStub();

  before(async () => {
    await graph.start();
    h = await new BotHarness({
      people: [...f17Everyone, admin],
      env: (connectorUrl) => ({
        MicrosoftAppTenantId: TENANT,
        TEAMS_CATALOG_APP_ID: CATALOG_APP_ID,
        GRAPH_ENDPOINT: graph.graphEndpoint,
        GRAPH_TOKEN_ENDPOINT: graph.tokenEndpoint,
        TEAMS_SERVICE_URL: connectorUrl,
      }),
    }).start();
    for (const p of [...f17Everyone, admin]) if (p !== intel) await h.install(p);
  });
  after(async () => {
    await h?.stop();
    await graph.stop();
  });

  it('installs the app for the intelligence officer, opens the chat, and delivers her section card', async () => {
    const run = new F17Run(h.app.engine);
    await run.start();
    await run.consent();
    assert.equal(await h.store.conversations.getPersonal(intel.aadObjectId), null, 'no conversation before');
    await h.deliverOutbox();
    assert.equal(graph.tokenRequests.length, 1, 'one app-only token');
    assert.equal(graph.tokenRequests[0]!.get('grant_type'), 'client_credentials');
    const install = graph.calls.find((c) => c.method === 'POST');
    assert.equal(install?.path, `/v1.0/users/${intel.aadObjectId}/teamwork/installedApps`);
    assert.deepEqual(install?.body, {
      'teamsApp@odata.bind': `${graph.graphEndpoint}/appCatalogs/teamsApps/${CATALOG_APP_ID}`,
    });
    const [created] = h.connector.created;
    assert.ok(created, 'a conversation was created');
    assert.deepEqual(
      (created.members as Array<{ id: string }>).map((m) => m.id),
      [intel.aadObjectId],
    );
    assert.equal(created.tenantId, TENANT);
    assert.equal(created.isGroup, false);
    const cards = h.connector.sentTo('a:created-1').map((c) => cardOf(c.body));
    assert.ok(
      cards.some((c) => cardText(c).includes(run.id) && JSON.stringify(c).includes('f17.submitSection')),
      'the section card arrived in the new chat',
    );
    assert.ok(await h.store.conversations.getPersonal(intel.aadObjectId), 'the reference is kept');
    const sent = (await h.store.outbox.countByStatus()).failed;
    assert.equal(sent, 0);
  });

  it('already installed (409): checks the installation, then delivers', async () => {
    await h.store.conversations.removePersonal(intel.aadObjectId);
    const before = h.connector.created.length;
    const run = new F17Run(h.app.engine);
    await run.start('PRN-30001');
    await run.consent();
    await h.deliverOutbox();
    const posts = graph.calls.filter((c) => c.method === 'POST');
    assert.ok(posts.length >= 2);
    assert.ok(
      graph.calls.some((c) => c.method === 'GET' && c.path.includes('installedApps?')),
      'looked before deciding',
    );
    assert.equal(h.connector.created.length, before + 1);
    const cards = h.connector.sentTo(`a:created-${before + 1}`).map((c) => cardText(cardOf(c.body)));
    assert.ok(cards.some((t) => t.includes(run.id)));
  });

  it('not allowed (403, no consent): failed with that reason, the requester told who was not reached, listed in outbox failed', async () => {
    await h.store.conversations.removePersonal(intel.aadObjectId);
    graph.installed.clear();
    graph.installAnswer = () => ({ status: 403, code: 'Forbidden' });
    const run = new F17Run(h.app.engine);
    await run.start('PRN-40001');
    await run.consent();
    await h.deliverOutbox();
    graph.installAnswer = undefined;
    const failed = (await h.store.outbox.listFailed(50)).filter(
      (m) =>
        m.applicationId === run.id &&
        m.target.kind === 'person' &&
        m.target.aadObjectId === intel.aadObjectId,
    );
    assert.equal(failed.length, 1);
    assert.match(
      failed[0]!.lastError ?? '',
      /Graph answered HTTP 403 Forbidden: Tautoko may not install itself/,
    );
    assert.match(failed[0]!.lastError ?? '', /TeamsAppInstallation\.ReadWriteSelfForUser\.All/);
    assert.equal(failed[0]!.attempts, 1, 'failed at once');
    const told = h.connector
      .sentTo(h.conversationFor(cm.aadObjectId))
      .map((c) => String(c.body.text ?? ''))
      .filter((t) => t.includes('could not reach Ira Intel') && t.includes(run.id));
    assert.equal(told.length, 1, 'the case manager who recorded consent was told, once');
    const [card] = await h.say(admin, 'outbox failed');
    assert.match(cardText(card), /TeamsAppInstallation/);
  });
});
