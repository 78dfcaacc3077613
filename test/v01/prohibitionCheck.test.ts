import assert from 'node:assert/strict';
import { DomainError } from '../../services/errors';
import { matchPerson, recordsOver } from '../../services/workflow/records';
import type { ProhibitionRecord } from '../../services/workflow/records';
import { v01Definition } from '../../services/workflows/v01';
import type { V01State } from '../../services/workflows/v01/model';
import { cardRenderers } from '../../cards/registry';
import type { Step } from '../fixtures/v01';
import { NOW, nomination, people, runWorkflow, steps } from '../fixtures/v01';
import { Driver } from '../helpers/driver';
import { attempt } from './helpers';

/** V.01.09.8 / V.01.03.6: an order in force against the visitor blocks approval or is flagged. */

const order = (overrides: Partial<ProhibitionRecord> = {}): ProhibitionRecord => ({
  orderId: 'PRO-2026-00001',
  site: 'Rimutaka',
  visitor: { name: 'Huia Henare', dateOfBirth: '1990-06-14' },
  scope: 'prisoner',
  prisonerIds: ['P1234567'],
  expiresOn: '2026-12-31',
  ...overrides,
});

const checked = (o: ProhibitionRecord[], extra: Step[] = [], overrides: Record<string, unknown> = {}) =>
  runWorkflow<V01State>(
    v01Definition,
    nomination(overrides),
    people.staff,
    [...steps.formsOut(), ...steps.checks(), ...extra],
    NOW,
    recordsOver(o),
  );

const approve = { type: 'v01.decide', outcome: 'approved', rationale: 'Checks clear.' };
const decline = {
  type: 'v01.decide',
  outcome: 'declined',
  grounds: 'security-good-order',
  rationale: 'Prohibited.',
};

describe('V.01.09.8 a prohibition order prevents the visit: decision table', () => {
  const rows: Array<[string, ProhibitionRecord[], Record<string, unknown>, string]> = [
    ['no order: approve', [], approve, 'v01.decided'],
    ['order naming this prisoner: approve refused', [order()], approve, 'WRONG_STAGE'],
    ['order naming this prisoner: decline allowed', [order()], decline, 'v01.decided'],
    [
      'order naming this prisoner, at another prison: still refused',
      [order({ site: 'Arohata' })],
      approve,
      'WRONG_STAGE',
    ],
    [
      'order covering this prison: approve refused',
      [order({ scope: 'prison', prisonerIds: [] })],
      approve,
      'WRONG_STAGE',
    ],
    [
      'order covering another prison: flagged, not blocking',
      [order({ scope: 'prison', prisonerIds: [], site: 'Arohata' })],
      approve,
      'v01.decided',
    ],
    [
      'order for other prisoners here: not blocking',
      [order({ prisonerIds: ['P9999999'] })],
      approve,
      'v01.decided',
    ],
    [
      'same name, another date of birth: another person',
      [order({ visitor: { name: 'Huia Henare', dateOfBirth: '1991-06-14' } })],
      approve,
      'v01.decided',
    ],
    [
      'name spaced and cased differently: the same person',
      [order({ visitor: { name: '  huia   HENARE ', dateOfBirth: '1990-06-14' } })],
      approve,
      'WRONG_STAGE',
    ],
    [
      'approve with conditions is an approval too',
      [order()],
      {
        type: 'v01.decide',
        outcome: 'approved-with-conditions',
        conditions: 'avl',
        rationale: 'x',
      },
      'WRONG_STAGE',
    ],
  ];
  for (const [name, orders, command, expected] of rows)
    it(`${name} → ${expected}`, () => {
      const r = checked(orders);
      const actor = command['outcome'] === 'approved-with-conditions' ? people.gm : people.rmm;
      assert.equal(attempt(v01Definition, r, actor, command, undefined, recordsOver(orders)), expected);
    });

  it('matches on the IOMS visitor id even when the name is spelt differently', () => {
    const o = order({ visitor: { name: 'Huia Hēnare', dateOfBirth: '1990-06-14', visitorId: 'V-778' } });
    const r = checked([o], [], { visitorId: 'v-778' });
    assert.equal(attempt(v01Definition, r, people.rmm, approve, undefined, recordsOver([o])), 'WRONG_STAGE');
  });

  it('two different visitor ids are two people, whatever the names', () => {
    assert.equal(
      matchPerson(
        { name: 'Huia Henare', dateOfBirth: '1990-06-14', visitorId: 'V-1' },
        { name: 'Huia Henare', dateOfBirth: '1990-06-14', visitorId: 'V-2' },
      ),
      undefined,
    );
  });

  it('records the orders found when the application starts, with their effect (audited)', () => {
    const r = checked([order(), order({ orderId: 'PRO-2026-00002', site: 'Arohata', prisonerIds: [] })]);
    assert.deepEqual(
      r.app.state.nomination?.ordersAtStart?.map((f) => [f.orderId, f.effect]),
      [
        ['PRO-2026-00001', 'blocks'],
        ['PRO-2026-00002', 'elsewhere'],
      ],
    );
    assert.deepEqual(r.history[0]?.payload['nomination'], r.app.state.nomination);
  });

  it('a review cannot reverse a decline into an approval while the order is in force', () => {
    const r = checked(
      [order()],
      [
        [people.rmm, decline],
        [people.staff, { type: 'v01.recordNoticeGiven', notice: 'decision-visitor', method: 'post' }],
        [
          people.staff,
          {
            type: 'v01.requestReview',
            requestedBy: 'visitor',
            receivedOn: '2026-03-02',
            channel: 'email',
            reasons: 'I want to visit',
          },
        ],
      ],
    );
    const reverse = { type: 'v01.decideReview', outcome: 'reverse', reasons: 'Reversed.' };
    assert.equal(
      attempt(v01Definition, r, people.reviewer, reverse, undefined, recordsOver([order()])),
      'WRONG_STAGE',
    );
    const confirm = { type: 'v01.decideReview', outcome: 'confirm', reasons: 'Confirmed.' };
    assert.equal(
      attempt(v01Definition, r, people.reviewer, confirm, undefined, recordsOver([order()])),
      'v01.reviewDecided',
    );
  });
});

describe('V.01.09.8 the order on every card of the application', () => {
  const texts = (c: unknown): string => JSON.stringify(c);
  const r = checked([order()]);
  for (const name of ['v01.decision', 'v01.status', 'v01.checklist', 'v01.notices']) {
    it(`${name} shows the order id and expiry`, () => {
      const render = cardRenderers[name]!;
      const c = texts(render({ app: r.app, viewer: people.rmm, now: r.now, params: {} }));
      assert.match(c, /PRO-2026-00001/);
      assert.match(c, /in force until Thu 31 Dec 2026, 11:59 PM/);
      assert.match(c, /cannot be approved/);
    });
  }

  it('the decision card offers only Decline (no Approve, no Approve with conditions)', () => {
    const c = cardRenderers['v01.decision']!({ app: r.app, viewer: people.gm, now: r.now, params: {} });
    const titles = (c.actions ?? []).map((a) => a['title']);
    assert.deepEqual(titles, ['Decline']);
  });

  it('an order at another prison is a warning, and Approve stays', () => {
    const other = checked([order({ site: 'Arohata', scope: 'prison', prisonerIds: [] })]);
    const c = cardRenderers['v01.decision']!({
      app: other.app,
      viewer: people.rmm,
      now: other.now,
      params: {},
    });
    assert.match(texts(c), /prohibited at another prison and may be excluded here \(V\.01\.03\.6/);
    assert.ok((c.actions ?? []).some((a) => a['title'] === 'Approve'));
  });
});

describe('V.01 and V01P through the engine: the read interface', () => {
  it('an order issued at the prison flags a new application and refuses a crafted Approve', async () => {
    const d = await Driver.open({ people: Object.values(people), now: NOW, step: 60_000 });
    const { store, engine } = d;
    const issued = await d.start(
      'V01P',
      { visitorName: 'Huia Henare', visitorDob: '1990-06-14', visitorId: 'V-778' },
      people.rmm.aadObjectId,
    );
    const app = await d.start('V01', {}, people.staff.aadObjectId);
    assert.deepEqual(
      app.related?.prohibitionOrders.map((o) => [o.orderId, o.match]),
      [[issued._id, 'identity']],
    );
    const state = app.state as V01State;
    assert.equal(state.nomination?.ordersAtStart?.[0]?.effect, 'blocks');
    for (const [who, command] of [...steps.formsOut(), ...steps.checks()])
      await d.act(app._id, command, who.aadObjectId);
    const texts = (await d.drain(new Date('2030-01-01')))
      .filter((m) => m.applicationId === app._id)
      .map((m) => m.text);
    assert.ok(
      texts.some((t) => t.includes(`BLOCKED: prohibition order ${issued._id} prevents this visit`)),
      `the decider is told: ${texts.join(' | ')}`,
    );
    const loaded = await engine.load(app._id);
    assert.equal(loaded?.related?.prohibitionOrders[0]?.orderId, issued._id);
    const stored = await store.applications.get(app._id);
    assert.equal(stored?.related, undefined, 'related records are never stored');
    await assert.rejects(
      d.act(app._id, approve, people.rmm.aadObjectId),
      (e: unknown) =>
        e instanceof DomainError && e.kind === 'WRONG_STAGE' && /PRO-2026-00001/.test(e.userMessage),
    );
    const history = await engine.history(app._id);
    assert.ok(!history.some((e) => e.type === 'v01.decided'), 'nothing recorded for the refused click');
    const done = await d.act(app._id, decline, people.rmm.aadObjectId);
    assert.equal(done.events[0]?.type, 'v01.decided');
  });

  it('an expired order no longer blocks', async () => {
    const d = await Driver.open({ now: NOW });
    await d.start('V01P', { visitorName: 'Huia Henare', visitorDob: '1990-06-14', expiresOn: '2026-03-05' });
    d.clock.set(new Date('2026-03-05T11:30:00Z')); // 05 Mar 2026 00:30 NZDT next day
    const app = await d.start('V01', {}, people.staff);
    assert.deepEqual(app.related?.prohibitionOrders, []);
  });
});
