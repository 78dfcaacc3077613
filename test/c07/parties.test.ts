import assert from 'node:assert/strict';
import { cardRenderers } from '../../cards/registry';
import { PureHui, clearAllSupportPeople, huiPeople, huiStartInput } from '../fixtures/c07';
import { isDomainError } from '../../services/errors';
import type { ValidationError } from '../../services/errors';

const cm = huiPeople.caseManager;
const kindOf = (f: () => unknown): string => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return isDomainError(e) ? e.kind : String(e);
  }
};
const fieldsOf = (f: () => unknown): string[] => {
  try {
    f();
    return [];
  } catch (e) {
    return ((e as ValidationError).fieldErrors ?? []).map((x) => x.field);
  }
};

/** C.07: a restorative justice conference "will only go ahead if all parties give their informed consent". */
describe('C.07 restorative justice conference: the victim party and every party’s informed consent', () => {
  const rj = (overrides: Record<string, string | undefined> = {}) =>
    huiStartInput({ huiKind: 'restorative-justice', ...overrides });

  it('cannot be started without a victim party (or their representative)', () => {
    assert.deepEqual(
      fieldsOf(() => new PureHui(rj())),
      ['rjVictims'],
    );
  });

  it('with no providers, is not sent on the prisoner’s consent alone: the victim party must consent', () => {
    const h = new PureHui(
      rj({ rjVictims: 'Ana Rewi — the person harmed', pv1Org: undefined, pv1Person: undefined }),
    );
    assert.deepEqual(h.state.providers, []);
    clearAllSupportPeople(h);
    h.run({ type: 'c07.recordPartyConsent', party: 'prisoner', partyConsent: 'given' }, cm);
    assert.equal(
      kindOf(() => h.run({ type: 'c07.sendForSignOff' }, cm)),
      'CONSENT_REQUIRED',
    );
    const victim = h.state.victimParties![0]!;
    assert.equal(victim.name, 'Ana Rewi');
    assert.equal(victim.description, 'the person harmed');
    h.run({ type: 'c07.recordPartyConsent', party: victim.id, partyConsent: 'given' }, cm);
    h.run({ type: 'c07.sendForSignOff' }, cm);
    assert.equal(h.stage, 'awaiting-sign-off');
  });

  it('a victim party who does not consent stops the conference', () => {
    const h = new PureHui(
      rj({
        rjVictims: 'Ana Rewi — the person harmed\nTipene Rewi — her father',
        pv1Org: undefined,
        pv1Person: undefined,
      }),
    );
    clearAllSupportPeople(h);
    h.run({ type: 'c07.recordPartyConsent', party: 'prisoner', partyConsent: 'given' }, cm);
    h.run(
      { type: 'c07.recordPartyConsent', party: h.state.victimParties![0]!.id, partyConsent: 'given' },
      cm,
    );
    h.run(
      { type: 'c07.recordPartyConsent', party: h.state.victimParties![1]!.id, partyConsent: 'refused' },
      cm,
    );
    assert.equal(
      kindOf(() => h.run({ type: 'c07.sendForSignOff' }, cm)),
      'CONSENT_REQUIRED',
    );
  });

  it('the consent card asks for the victim party’s informed consent', () => {
    const h = new PureHui(rj({ rjVictims: 'Ana Rewi — the person harmed' }));
    const c = JSON.stringify(
      cardRenderers['c07.consent']!({ app: h.app, viewer: cm, now: h.now, params: {} }),
    );
    assert.match(c, /Ana Rewi \(victim party: the person harmed\)/);
  });
});

/** C.07: a family group conference is organised "through Oranga Tamariki Youth Justice Co-ordinator". */
describe('C.07 family group conference: the agency and co-ordinator are kept', () => {
  const fgc = (overrides: Record<string, string | undefined> = {}) =>
    huiStartInput({
      huiKind: 'family-group-conference',
      agency: 'Oranga Tamariki',
      agencyCoordinator: 'Sina Tuilagi (Youth Justice Co-ordinator)',
      agencyCoordinatorContact: '04 555 0303',
      ...overrides,
    });

  it('keeps the agency, the co-ordinator and how to reach them', () => {
    const h = new PureHui(fgc());
    assert.deepEqual(h.state.agency, {
      agency: 'Oranga Tamariki',
      coordinator: 'Sina Tuilagi (Youth Justice Co-ordinator)',
      coordinatorContact: '04 555 0303',
    });
    const c = JSON.stringify(
      cardRenderers['c07.status']!({ app: h.app, viewer: cm, now: h.now, params: {} }),
    );
    assert.match(c, /Sina Tuilagi \(Youth Justice Co-ordinator\)/);
  });

  it('needs the co-ordinator and their contact details', () => {
    assert.deepEqual(
      fieldsOf(() => new PureHui(fgc({ agencyCoordinator: undefined, agencyCoordinatorContact: undefined }))),
      ['agencyCoordinator', 'agencyCoordinatorContact'],
    );
  });
});
