import assert from 'node:assert/strict';
import { HUI_SITE, PureHui, huiPeople, huiStartInput } from '../fixtures/c07';
import type { Actor } from '../../services/directory/person';
import { isDomainError } from '../../services/errors';
import { createMemoryStore } from '../../services/store/memory/memoryStore';
import type { HuiState } from '../../services/workflows/c07/model';
import { startFields } from '../../services/workflow/serverFields';
import { c07Definition } from '../../services/workflows/c07/definition';

/**
 * C.07.02 / C.07.05: "the prisoner's case manager" is a person the directory says is a case
 * manager at the site. The check is supplied by the server from the directory whatever the card
 * sent (services/workflows/c07/serverFields.ts), and the actor's own roles are checked at every step.
 */
const { caseManager: cm, caseOfficer } = huiPeople;
const check = (found: boolean, roles: Array<{ role: string; site: string }> = []) => ({
  found,
  ...(found ? { name: 'Named Person' } : {}),
  roles,
});
const startAs = (actor: Actor, caseManagerId: string | undefined, caseManagerCheck?: unknown): string => {
  try {
    new PureHui(
      {
        ...huiStartInput(caseManagerId ? { caseManagerId } : {}),
        ...(caseManagerCheck ? { caseManagerCheck } : {}),
      },
      actor,
    );
    return 'ok';
  } catch (e) {
    return isDomainError(e) ? e.kind : String(e);
  }
};

describe('C.07.02 / C.07.05 the case manager is checked against the directory', () => {
  const rows: Array<[string, Actor, string | undefined, unknown, string]> = [
    ['a case manager starts their own hui', cm, undefined, undefined, 'ok'],
    ['a case officer must name the case manager', caseOfficer, undefined, undefined, 'VALIDATION'],
    [
      'a case officer naming a case manager at the site',
      caseOfficer,
      cm.aadObjectId,
      check(true, [{ role: 'case-manager', site: HUI_SITE }]),
      'ok',
    ],
    ['a case officer naming themself', caseOfficer, caseOfficer.aadObjectId, undefined, 'VALIDATION'],
    [
      'a case officer naming themself, with the directory’s answer',
      caseOfficer,
      caseOfficer.aadObjectId,
      check(true, [{ role: 'case-officer', site: HUI_SITE }]),
      'VALIDATION',
    ],
    ['a made-up id', caseOfficer, 'aad-made-up', check(false), 'VALIDATION'],
    ['an id the directory was not asked about', caseOfficer, 'aad-made-up', undefined, 'VALIDATION'],
    [
      'a case manager at another site',
      caseOfficer,
      'aad-cm-elsewhere',
      check(true, [{ role: 'case-manager', site: 'Arohata' }]),
      'VALIDATION',
    ],
  ];
  for (const [name, actor, id, c, expected] of rows)
    it(`${name} → ${expected}`, () => assert.equal(startAs(actor, id, c), expected));

  it('a case officer named as case manager on an older hui cannot record suitability', () => {
    const h = new PureHui(huiStartInput(), cm);
    const state: HuiState = { ...h.app.state, caseManagerId: caseOfficer.aadObjectId };
    h.app = { ...h.app, state };
    h.run({ type: 'c07.recordPrisonerConsent', personId: 'sp1', prisonerConsent: 'given' }, cm);
    h.run({ type: 'c07.recordSupportConsent', personId: 'sp1', supportConsent: 'given' }, cm);
    assert.throws(
      () =>
        h.run(
          {
            type: 'c07.recordSuitability',
            personId: 'sp1',
            suitable: 'yes',
            assessment: 'ok',
            involvement: 'full',
            contactPlan: 'Phone.',
          },
          caseOfficer,
        ),
      (e: unknown) => isDomainError(e) && e.kind === 'FORBIDDEN',
    );
  });

  it('the server answers from the directory, whatever the card sent', async () => {
    const store = createMemoryStore();
    await store.people.replaceAll([
      {
        aadObjectId: cm.aadObjectId,
        name: cm.name,
        email: 'cm@x.example',
        roles: [{ role: 'case-manager', site: HUI_SITE }],
      },
    ]);
    const forged = { found: true, name: 'x', roles: [{ role: 'case-manager', site: HUI_SITE }] };
    assert.deepEqual(
      await startFields(
        c07Definition,
        { caseManagerId: 'aad-made-up', caseManagerCheck: forged },
        store.people,
        cm,
      ),
      { caseManagerCheck: { found: false, roles: [] } },
    );
    assert.deepEqual(await startFields(c07Definition, { caseManagerId: cm.aadObjectId }, store.people, cm), {
      caseManagerCheck: { found: true, name: cm.name, roles: [{ role: 'case-manager', site: HUI_SITE }] },
    });
  });
});
