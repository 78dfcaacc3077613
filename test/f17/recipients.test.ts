import assert from 'node:assert/strict';
import { F17Fixture, people, person, SITE } from '../fixtures/f17';
import type { Notification } from '../../services/workflow/types';

/**
 * F.17.03: the decision is communicated to the prisoner's case manager and case officer (and the
 * facilitator): the roles the policy names, not whoever took part. A principal corrections
 * officer who answered the unit section is not the case officer.
 */
const decidedNotifications = (f: F17Fixture): Notification[] =>
  f.notified.filter((n) => n.event.type === 'f17.decided').flatMap((n) => n.notifications);

const tellPrisoner = (ns: Notification[]) =>
  ns
    .filter((n) => n.cardRef?.name === 'f17.informPrisoner')
    .map((n) => (n.target.kind === 'person' ? n.target.aadObjectId : JSON.stringify(n.target)))
    .sort();

describe('F.17.03 decision recipients: the roles the policy names', () => {
  it('a principal corrections officer who answered the unit section does not get “tell the prisoner”; the case officers do', () => {
    const f = F17Fixture.start()
      .consent()
      .submit('caseManagement', people.caseManager)
      .submit('unit', people.pco)
      .submit('intelligence', people.intelligence)
      .reviewed()
      .decided('declined');
    const ns = decidedNotifications(f);
    assert.deepEqual(tellPrisoner(ns), [
      people.caseManager.aadObjectId,
      JSON.stringify({ kind: 'role', roles: ['case-officer'], site: SITE }),
    ]);
  });

  it('when the case manager and the case officer took part, they are told by name', () => {
    const f = F17Fixture.start()
      .consent()
      .submit('caseManagement', people.caseManager)
      .submit('unit', people.caseOfficer)
      .submit('intelligence', people.intelligence)
      .reviewed()
      .decided('approved');
    const ns = decidedNotifications(f);
    assert.deepEqual(
      tellPrisoner(ns),
      [people.caseManager.aadObjectId, people.caseOfficer.aadObjectId].sort(),
    );
    assert.ok(!ns.some((n) => n.target.kind === 'person' && n.target.aadObjectId === people.pco.aadObjectId));
  });

  it('an assessment started by a case officer tells the site’s case managers when none took part', () => {
    const f = F17Fixture.start({}, people.caseOfficer)
      .consent(people.caseOfficer)
      .submit('caseManagement', person('aad-pcm-1', 'Tui Pene', [['principal-case-manager', SITE]]))
      .submit('unit', people.pco)
      .submit('intelligence', people.intelligence)
      .reviewed()
      .decided('declined');
    assert.deepEqual(tellPrisoner(decidedNotifications(f)), [
      people.caseOfficer.aadObjectId,
      JSON.stringify({ kind: 'role', roles: ['case-manager'], site: SITE }),
    ]);
  });
});
