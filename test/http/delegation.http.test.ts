import assert from 'node:assert/strict';
import { SYSTEM_CHAIN } from '../../services/audit/systemLog';
import { verifyChain } from '../../services/audit/hashChain';
import { FixedClock } from '../../services/clock';
import type { Store } from '../../services/store/types';
import { decisionData } from '../../bench/turns';
import { BotHarness, person } from '../helpers/botHarness';
import { cardText } from '../helpers/connectorStub';
import { testMongoOrSkip } from '../helpers/db';
import { assertNoCollectionScans } from '../helpers/indexCheck';
import type { MongoStore } from '../../services/store/mongo/mongoStore';
import type { TestMongo } from '../helpers/db';
import { F17Run, f17Everyone, f17People, SITE } from '../helpers/f17Run';

/**
 * Acting cover end to end, through /api/messages: "GM or delegate". The general manager gives
 * Patti cover, Patti decides, and the decision, its audit event and the cards name her as acting
 * general manager custodial; cover for admin is refused; once cover has ended or been revoked, the
 * same click is refused and nothing changes.
 */
const patti = person('aad-patti', 'Patti Fernandez', [['security-manager', SITE]]);
const siteAdmin = person('aad-admin', 'Ada Admin', [['admin', SITE]]);
const { gm, cm } = f17People;
const ACTING = 'Patti Fernandez, acting general manager custodial';

function run(backend: 'memory' | 'mongodb') {
  describe(`acting cover through /api/messages (${backend} store)`, function () {
    this.timeout(60_000);
    let h: BotHarness;
    let mongo: TestMongo | undefined;
    let store: Store | undefined;
    const clock = new FixedClock(new Date('2026-11-23T00:00:00Z'));

    before(async function () {
      if (backend === 'mongodb') {
        mongo = await testMongoOrSkip(this);
        store = await mongo.open();
      }
      h = await new BotHarness({
        people: [...f17Everyone, patti, siteAdmin],
        clock,
        ...(store ? { store } : {}),
        ...(mongo ? { commands: mongo.commands } : {}),
      }).start();
      for (const p of [gm, cm, patti, siteAdmin]) await h.install(p);
    });
    after(async () => {
      if (h) await h.stop();
      if (mongo) await mongo.close().catch(() => undefined);
    });

    /** An F.17 waiting for the general manager's decision. */
    async function awaitingDecision(prisonerId: string) {
      const f17 = new F17Run(h.app.engine);
      await f17.start(prisonerId);
      await f17.consent();
      await f17.sections();
      await f17.review();
      return (await h.store.applications.get(f17.id))!;
    }

    const systemEvents = async (type: string) =>
      (await h.store.events.list(SYSTEM_CHAIN)).filter((e) => e.type === type);

    it('refuses cover for the admin role, even from an admin, and records nothing', async () => {
      const [answer] = await h.say(siteAdmin, `delegate admin to ${patti.email} at ${SITE} until 2026-12-20`);
      assert.match(cardText(answer), /Admin cannot be delegated/);
      assert.deepEqual(await h.store.delegations.forDelegate(patti.aadObjectId, clock.now()), []);
      assert.equal((await systemEvents('delegation.granted')).length, 0);
    });

    it('refuses cover given by someone who is neither an admin of the site nor a holder of the role', async () => {
      const [answer] = await h.say(
        cm,
        `delegate general manager custodial to ${patti.email} at ${SITE} until 2026-12-20`,
      );
      assert.match(cardText(answer), /Only an admin at Site-A or a general manager custodial at Site-A/);
      assert.equal((await systemEvents('delegation.granted')).length, 0);
    });

    it('a delegate approves: the decision, its audit event and the cards say "acting general manager custodial"', async () => {
      const app = await awaitingDecision('PRN-20001');
      const refused = await h.click(patti, decisionData(app));
      assert.match(cardText(refused.card), /general manager custodial at Site-A/, 'no cover yet: refused');

      const [given] = await h.say(
        gm,
        `delegate general manager custodial to Patti Fernandez at ${SITE} until 2026-11-30`,
      );
      assert.match(cardText(given), /Acting cover given/);
      assert.match(cardText(given), /Patti Fernandez, acting general manager custodial at Site-A/);
      const [granted] = await systemEvents('delegation.granted');
      assert.equal(granted?.actor.name, 'Grace Manager', 'who gave it');
      assert.deepEqual(
        { ...granted?.payload },
        {
          delegationId: 'DEL-2026-00001',
          delegate: patti.aadObjectId,
          delegateName: patti.name,
          role: 'general-manager-custodial',
          site: SITE,
          from: '2026-11-23T00:00:00.000Z',
          until: '2026-11-30T11:00:00.000Z',
          grantedAs: 'role-holder',
        },
      );

      const [tasks] = await h.say(patti, 'my tasks');
      assert.match(cardText(tasks), new RegExp(app._id), "the role's decision is in the delegate's tasks");

      const decided = await h.click(patti, decisionData(app));
      assert.match(cardText(decided.card), new RegExp(ACTING));
      const events = await h.store.events.list(app._id);
      const decision = events.find((e) => e.type === 'f17.decided')!;
      assert.equal(decision.actor.name, ACTING);
      assert.deepEqual(decision.actor.acting, {
        delegationId: 'DEL-2026-00001',
        role: 'general-manager-custodial',
        site: SITE,
      });
      assert.equal(verifyChain(events).ok, true, 'the stamp is inside the hash chain');
      const [status] = await h.say(patti, `status ${app._id}`);
      assert.match(cardText(status), new RegExp(ACTING));
      await h.deliverOutbox();
      const told = h.connector
        .sentTo(h.conversationFor(patti.aadObjectId))
        .map((c) => JSON.stringify(c.body))
        .join('\n');
      assert.match(told, /Grace Manager gave you acting cover as general manager custodial at Site-A/);
    });

    it('while the cover is in force the delegate is told what the role is told: the next F.17 ready for decision reaches her chat', async () => {
      const app = await awaitingDecision('PRN-20009');
      await h.deliverOutbox();
      const decisionCards = (p: typeof gm) =>
        h.connector
          .sentTo(h.conversationFor(p.aadObjectId))
          .map((c) => JSON.stringify(c.body))
          .filter((body) => body.includes(app._id) && body.includes('"f17.decision"'));
      assert.equal(decisionCards(gm).length, 1, 'the general manager is asked to decide');
      assert.equal(decisionCards(patti).length, 1, 'and so is the acting general manager');
    });

    it('once the cover has ended, the same click is refused and nothing changes', async () => {
      const app = await awaitingDecision('PRN-20002');
      clock.set(new Date('2026-11-30T11:00:00Z'));
      const refused = await h.click(patti, decisionData(app));
      assert.match(cardText(refused.card), /general manager custodial at Site-A/);
      assert.equal((await h.store.applications.get(app._id))?.version, app.version);
      const [tasks] = await h.say(patti, 'my tasks');
      assert.doesNotMatch(cardText(tasks), new RegExp(app._id));
    });

    it('revoked cover is refused from the next click on, and the revocation is audited once', async () => {
      clock.set(new Date('2026-12-01T00:00:00Z'));
      const app = await awaitingDecision('PRN-20003');
      const [given] = await h.say(
        siteAdmin,
        `delegate general-manager-custodial to ${patti.email} at ${SITE} until 2026-12-20`,
      );
      const id = /DEL-2026-\d{5}/.exec(cardText(given))![0];
      const [list] = await h.say(patti, 'acting cover');
      assert.match(cardText(list), new RegExp(id));
      const [ended] = await h.say(gm, `revoke cover ${id}`);
      assert.match(cardText(ended), /Acting cover ended/);
      const [again] = await h.say(siteAdmin, `revoke cover ${id}`);
      assert.match(cardText(again), /already ended by Grace Manager/);
      const refused = await h.click(patti, decisionData(app));
      assert.match(cardText(refused.card), /general manager custodial at Site-A/);
      assert.equal((await h.store.applications.get(app._id))?.version, app.version);
      const revoked = await systemEvents('delegation.revoked');
      assert.equal(revoked.length, 1);
      assert.equal(revoked[0]?.actor.name, 'Grace Manager');
      assert.equal(revoked[0]?.payload['delegationId'], id);
    });

    it('a national admin lists cover at every site', async () => {
      const national = person('aad-root', 'Rangi Root', [['admin', '*']]);
      await h.store.people.upsert(national);
      const [list] = await h.say(national, 'acting cover');
      assert.match(cardText(list), /Patti Fernandez, acting general manager custodial at Site-A/);
    });

    if (backend === 'mongodb')
      it('sent only queries MongoDB answers from an index, never a collection scan', async function () {
        await assertNoCollectionScans(mongo!.commands.queryShapes(), (store as MongoStore).db);
      });

    it('help lists the acting cover commands', async () => {
      const [help] = await h.say(patti, 'help');
      assert.match(cardText(help), /delegate <role> to <person> at <site> until <date>/);
      assert.match(cardText(help), /revoke cover <id>/);
    });
  });
}

run('memory');
run('mongodb');
