import assert from 'node:assert/strict';
import { cardRenderers } from '../../cards/registry';
import { isDomainError } from '../../services/errors';
import { recordsOver } from '../../services/workflow/records';
import type { ProhibitionRecord, RestrictionRecord } from '../../services/workflow/records';
import type { HuiState } from '../../services/workflows/c07/model';
import {
  FIXTURE_NOW,
  HUI_SITE,
  PureHui,
  clearAllSupportPeople,
  huiPeople,
  huiStartInput,
} from '../fixtures/c07';
import { Driver } from '../helpers/driver';

/**
 * Issue 14 item 12: every support person is checked against V.01's prohibition orders and contact
 * restrictions (read through the engine, never by importing V.01) before the hui goes to the manager
 * and before it is signed off.
 */
const { caseManager: cm, director, caseOfficer } = huiPeople;

/** Hemi Walker, the default hui's second support person, prohibited from the whole prison. */
const order = (overrides: Partial<ProhibitionRecord> = {}): ProhibitionRecord => ({
  orderId: 'PRO-2026-00007',
  site: HUI_SITE,
  visitor: { name: 'Hemi Walker', dateOfBirth: '1972-11-30' },
  scope: 'prison',
  prisonerIds: [],
  expiresOn: '2026-12-31',
  ...overrides,
});

const restriction = (overrides: Partial<RestrictionRecord> = {}): RestrictionRecord => ({
  applicationId: 'VIS-2026-00003',
  site: HUI_SITE,
  prisonerId: '94018832',
  about: { name: 'Mere Ngata', dateOfBirth: '1968-03-02' },
  restriction: 'non-contact-condition',
  ...overrides,
});

const withDobs = (overrides: Record<string, string> = {}) =>
  huiStartInput({ sp1Dob: '1968-03-02', sp2Dob: '1972-11-30', ...overrides });

/** A hui with every consent and assessment in, reading these records. */
function ready(
  orders: ProhibitionRecord[],
  restrictions: RestrictionRecord[] = [],
  input: Record<string, string> = withDobs(),
): PureHui {
  const h = new PureHui(input).withRecords(recordsOver(orders, restrictions));
  clearAllSupportPeople(h);
  return h;
}

const outcome = (fn: () => unknown): string => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return isDomainError(e) ? `${e.kind}: ${e.userMessage}` : String(e);
  }
};

const cardText = (h: PureHui, name: string, viewer = cm, params: Record<string, string> = {}) =>
  JSON.stringify(cardRenderers[name]!({ app: h.app, viewer, now: h.now, params }));

describe('C.07 support people against V.01 prohibition orders and restrictions (issue 14 item 12)', () => {
  it('support people may have a date of birth, checked as a calendar date in the past', () => {
    const h = new PureHui(withDobs());
    assert.deepEqual(
      h.state.supportPeople.map((p) => p.dateOfBirth),
      ['1968-03-02', '1972-11-30'],
    );
    assert.match(
      outcome(() => new PureHui(withDobs({ sp1Dob: '1968-02-30' }))),
      /VALIDATION/,
    );
    assert.match(
      outcome(() => new PureHui(withDobs({ sp1Dob: '2999-01-01' }))),
      /VALIDATION/,
    );
  });

  it('same name and date of birth as an order covering this prison and all its property: not sent, naming the order and its expiry', () => {
    const h = ready([order()]);
    const result = outcome(() => h.run({ type: 'c07.sendForSignOff' }, cm));
    assert.match(result, /^WRONG_STAGE: Not sent: Hemi Walker matches prohibition order PRO-2026-00007/);
    assert.match(result, /in force until Thu 31 Dec 2026/);
    assert.equal(h.stage, 'preparing');
  });

  it('an order issued after the hui was sent stops the sign-off, on every card the manager and case manager see', () => {
    const h = ready([]);
    h.run({ type: 'c07.sendForSignOff' }, cm);
    h.withRecords(recordsOver([order()]));
    const result = outcome(() => h.run({ type: 'c07.signOff' }, director));
    assert.match(
      result,
      /^WRONG_STAGE: Not signed off: Hemi Walker matches prohibition order PRO-2026-00007/,
    );
    assert.equal(h.stage, 'awaiting-sign-off');
    for (const [name, viewer] of [
      ['c07.notification', director],
      ['c07.status', cm],
      ['c07.consent', cm],
    ] as const) {
      const text = cardText(h, name, viewer);
      assert.match(text, /PRO-2026-00007/, name);
      assert.match(text, /cannot attend a hui in this prison/, name);
    }
    assert.match(cardText(h, 'c07.person', cm, { personId: 'sp2' }), /PRO-2026-00007/);
    assert.doesNotMatch(cardText(h, 'c07.person', cm, { personId: 'sp1' }), /PRO-2026-00007/);
  });

  it('removing the prohibited person lets the hui go ahead', () => {
    const h = ready([order()]);
    h.run(
      { type: 'c07.removeSupportPerson', personId: 'sp2', removeReason: 'Prohibited from the prison.' },
      cm,
    );
    h.run({ type: 'c07.sendForSignOff' }, cm);
    h.run({ type: 'c07.signOff' }, director);
    assert.equal(h.stage, 'signed-off');
  });

  it('the same name with a different date of birth is another person', () => {
    const h = ready([order({ visitor: { name: 'Hemi Walker', dateOfBirth: '1980-01-01' } })]);
    h.run({ type: 'c07.sendForSignOff' }, cm);
    h.run({ type: 'c07.signOff' }, director);
    assert.equal(h.stage, 'signed-off');
  });

  describe('a name-only match (no date of birth recorded)', () => {
    const flagged = () => {
      const h = ready([order()], [], huiStartInput());
      h.run({ type: 'c07.sendForSignOff' }, cm);
      return h;
    };
    const key = 'sp2|order|PRO-2026-00007';

    it('is sent, flagged to the manager, and not signed off until someone answers it', () => {
      const h = flagged();
      assert.equal(h.stage, 'awaiting-sign-off');
      const sent = h.history.find((e) => e.type === 'c07.sentForSignOff');
      assert.deepEqual(sent?.payload.supportChecks, [
        { key, person: 'Hemi Walker', ref: 'PRO-2026-00007', match: 'name-only', effect: 'to-review' },
      ]);
      const card = cardText(h, 'c07.notification', director);
      assert.match(card, /no date of birth to compare/);
      assert.match(card, /c07.reviewMatch/);
      assert.match(cardText(h, 'c07.consent', cm), /c07.reviewMatch/, 'the case manager may answer too');
      assert.match(
        outcome(() => h.run({ type: 'c07.signOff' }, director)),
        /^WRONG_STAGE: Not signed off: .*confirms or dismisses/,
      );
    });

    it('dismissed by the manager (audited, who and why): the hui is signed off', () => {
      const h = flagged();
      const [ev] = h.run(
        {
          type: 'c07.reviewMatch',
          matchKey: key,
          matchDecision: 'dismissed',
          matchReason: 'Born 1990; checked with him.',
        },
        director,
      );
      assert.equal(ev?.type, 'c07.matchReviewed');
      assert.equal(ev?.actor.name, director.name);
      assert.equal(ev?.payload.confirmed, false);
      assert.match(
        cardText(h, 'c07.status', cm),
        /Dismissed as not the same person by Helen Brown: Born 1990/,
      );
      h.run({ type: 'c07.signOff' }, director);
      assert.equal(h.stage, 'signed-off');
    });

    it('confirmed by the case manager: the person is kept out and the sign-off refused', () => {
      const h = flagged();
      h.run(
        { type: 'c07.reviewMatch', matchKey: key, matchDecision: 'confirmed', matchReason: 'Same man.' },
        cm,
      );
      assert.match(
        outcome(() => h.run({ type: 'c07.signOff' }, director)),
        /cannot attend a hui in this prison/,
      );
    });

    it('is answered once, only by the case manager or the manager, and only for a match that exists', () => {
      const h = flagged();
      const review = (matchKey: string) => ({
        type: 'c07.reviewMatch',
        matchKey,
        matchDecision: 'dismissed',
        matchReason: 'Checked.',
      });
      assert.match(
        outcome(() => h.run(review(key), caseOfficer)),
        /^FORBIDDEN/,
      );
      assert.match(
        outcome(() => h.run(review('sp1|order|PRO-2026-00099'), cm)),
        /^NOT_FOUND/,
      );
      assert.match(
        outcome(() => h.run({ ...review(key), matchReason: '' }, cm)),
        /^VALIDATION/,
      );
      h.run(review(key), cm);
      assert.match(
        outcome(() => h.run(review(key), director)),
        /^ALREADY_DONE: This match was reviewed by Wiremu Parata/,
      );
    });
  });

  it('an order at another prison, or one naming prisoners, is a warning that does not stop the sign-off', () => {
    const h = ready([
      order({ site: 'Arohata' }),
      order({ orderId: 'PRO-2026-00008', scope: 'prisoner', prisonerIds: ['94018832'] }),
    ]);
    h.run({ type: 'c07.sendForSignOff' }, cm);
    const card = cardText(h, 'c07.notification', director);
    assert.match(card, /PRO-2026-00007/);
    assert.match(card, /PRO-2026-00008/);
    assert.match(card, /Take it into account/);
    h.run({ type: 'c07.signOff' }, director);
    assert.equal(h.stage, 'signed-off');
  });

  it('a hui held outside the prison is not blocked by an order covering the prison', () => {
    const h = ready(
      [order()],
      [],
      withDobs({ locationType: 'service-centre', place: 'Upper Hutt service centre' }),
    );
    h.withRecords(recordsOver([order()]));
    h.run({ type: 'c07.sendForSignOff' }, cm);
    assert.equal(h.stage, 'awaiting-sign-off');
  });

  it('a contact restriction recorded for this prisoner on a visitor application is shown to the manager', () => {
    const h = ready(
      [],
      [restriction(), restriction({ prisonerId: 'OTHER-1', applicationId: 'VIS-2026-00004' })],
    );
    h.run({ type: 'c07.sendForSignOff' }, cm);
    const card = cardText(h, 'c07.notification', director);
    assert.match(
      card,
      /Mere Ngata matches a non-contact condition with this prisoner, recorded on visitor application VIS-2026-00003/,
    );
    assert.doesNotMatch(card, /VIS-2026-00004/, 'a restriction with another prisoner is not about this hui');
    assert.doesNotMatch(cardText(h, 'c07.status', huiPeople.outsider), /VIS-2026-00003/);
  });

  describe('through the engine, with orders and restrictions the V.01 processes recorded', () => {
    async function setUp() {
      const d = await Driver.open({ now: FIXTURE_NOW });
      return { d, engine: d.engine };
    }

    async function readyHui(d: Driver, input: Record<string, string>) {
      const hui = await d.start('C07', input, cm);
      const h = new PureHui(input);
      clearAllSupportPeople(h);
      for (const e of h.history.filter((x) => x.type !== 'c07.started')) {
        const command = commandFor(e.type, e.payload, h.state);
        await d.act(hui._id, command, cm);
      }
      return hui._id;
    }

    it('a V.01 order covering the prison stops the hui being sent; nothing is recorded for the refused click', async () => {
      const { d, engine } = await setUp();
      const issued = await d.start('V01P', {
        visitorName: 'Hemi Walker',
        visitorDob: '1972-11-30',
        scope: 'prison',
        prisoners: '',
        expiresOn: '2026-12-31',
      });
      const id = await readyHui(d, withDobs());
      const loaded = await engine.load(id);
      assert.equal(loaded?.related?.prohibitionOrders[0]?.orderId, issued._id);
      await assert.rejects(
        d.act(id, { type: 'c07.sendForSignOff' }, cm),
        (e: unknown) => isDomainError(e) && e.kind === 'WRONG_STAGE' && e.userMessage.includes(issued._id),
      );
      const history = await engine.history(id);
      assert.ok(!history.some((e) => e.type === 'c07.sentForSignOff'));
    });

    it('a restriction on a V.01 application for the same prisoner reaches the hui’s cards', async () => {
      const { d, engine } = await setUp();
      const application = await d.start('V01', {
        prisonerId: '94018832',
        visitorName: 'Mere Ngata',
        visitorDob: '1968-03-02',
        restriction: 'protection-order',
        restrictionDetails:
          'Protection order, Hutt Valley District Court, 2025; Mere is the protected person.',
      });
      const id = await readyHui(d, withDobs());
      const loaded = await engine.load(id);
      assert.deepEqual(
        loaded?.related?.restrictions?.map((r) => [r.applicationId, r.restriction, r.match]),
        [[application._id, 'protection-order', 'identity']],
      );
      const card = JSON.stringify(
        cardRenderers['c07.status']!({ app: loaded!, viewer: cm, now: FIXTURE_NOW, params: {} }),
      );
      assert.match(
        card,
        new RegExp(
          `protection order protecting them from this prisoner, recorded on visitor application ${application._id}`,
        ),
      );
    });
  });
});

/** The command that recorded a fixture event, to replay it through the engine. */
function commandFor(type: string, payload: Record<string, unknown>, s: HuiState): Record<string, unknown> {
  const personId = String(payload.personId);
  if (type === 'c07.prisonerConsentRecorded')
    return { type: 'c07.recordPrisonerConsent', personId, prisonerConsent: 'given' };
  if (type === 'c07.supportConsentRecorded')
    return { type: 'c07.recordSupportConsent', personId, supportConsent: 'given' };
  const su = s.supportPeople.find((p) => p.id === personId)?.suitability;
  return {
    type: 'c07.recordSuitability',
    personId,
    suitable: 'yes',
    assessment: su?.assessment ?? 'Suitable.',
    involvement: 'full',
    contactPlan: su?.contactPlan ?? 'By phone.',
    iomsRecorded: 'true',
  };
}
