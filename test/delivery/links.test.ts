import assert from 'node:assert/strict';
import { BotHarness, person } from '../helpers/botHarness';
import { cardOf } from '../helpers/connectorStub';
import { F17Run, f17Everyone, SITE } from '../helpers/f17Run';

const admin = person('aad-admin', 'Ada Admin', [['admin', SITE]]);
const DECISIONS = { id: '19:custodial-decisions@thread.tacv2', type: 'channel' as const };
const TEAMS_APP_ID = '3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f';

/** The channel post's card, drawn at delivery by AdapterDelivery, as Teams would get it. */
async function decisionPost(env: Record<string, string>): Promise<string> {
  const h = await new BotHarness({ people: [...f17Everyone, admin], env }).start();
  try {
    for (const p of f17Everyone) await h.install(p);
    await h.say(admin, 'register channel custodial-decisions Site-A', DECISIONS);
    const run = new F17Run(h.app.engine);
    await run.start();
    await run.consent();
    await run.sections();
    await run.review();
    await run.decide();
    await h.deliverOutbox();
    const posts = h.connector.sentTo(DECISIONS.id).map((c) => JSON.stringify(cardOf(c.body) ?? {}));
    assert.ok(posts.length > 0, 'the decision was posted to the channel');
    return posts.join('\n');
  } finally {
    await h.stop();
  }
}

describe('Open in Tautoko on proactive channel posts (issue 17)', function () {
  this.timeout(60_000);

  it('the decision post delivered to the channel carries the deep link to the tab when TEAMS_APP_ID is set', async () => {
    const posts = await decisionPost({ TEAMS_APP_ID });
    assert.match(posts, /Open in Tautoko/);
    assert.ok(
      posts.includes(`https://teams.microsoft.com/l/entity/${TEAMS_APP_ID}/mywork`),
      posts.slice(0, 400),
    );
  });

  it('and no link without a Teams app id', async () => {
    assert.doesNotMatch(await decisionPost({}), /Open in Tautoko/);
  });
});
