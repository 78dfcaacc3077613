import type { Actor } from '../../services/directory/person';
import type { CardSample } from './types';
import type { AdaptiveCard, CardContext } from '../../cards/types';
import type { F17Fixture } from '../fixtures/f17';
import { directoryChoices, fixtures, people } from '../fixtures/f17';
import { f17Cards, f17StartForm } from '../../cards/f17';

/** Sample names are file-name safe: lower case, digits, dots and hyphens. */
function safeName(name: string): string {
  return name
    .replace(/\//g, '.')
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

function render(
  cardName: string,
  f: F17Fixture,
  viewer: Actor,
  extra: Partial<Omit<CardContext, 'app' | 'viewer'>> = {},
): AdaptiveCard {
  const renderer = f17Cards[cardName];
  if (!renderer) throw new Error(`no card ${cardName}`);
  return renderer({ app: f.app, viewer, now: f.now, params: {}, history: f.history, ...extra });
}

type Case = [
  name: string,
  description: string,
  card: string,
  fixture: () => F17Fixture,
  viewer: Actor,
  extra?: Partial<CardContext>,
];

const section = (s: string) => ({ params: { section: s } });

const cases: Case[] = [
  [
    'f17.consent/awaiting/case-manager',
    'Consent form for the case manager',
    'f17.consent',
    fixtures.awaitingConsent,
    people.caseManager,
  ],
  [
    'f17.consent/awaiting/stranger',
    'Consent card seen by someone without the role',
    'f17.consent',
    fixtures.awaitingConsent,
    people.stranger,
  ],
  ['f17.consent/recorded', 'Consent recorded', 'f17.consent', fixtures.consented, people.caseOfficer],
  [
    'f17.consent/errors',
    'Consent form returned with errors beside the fields and the input kept',
    'f17.consent',
    fixtures.awaitingConsent,
    people.caseManager,
    {
      errors: [{ field: 'consentFormReference', message: 'Enter the consent form’s reference.' }],
      input: { consentObtainedBy: 'Aroha Ngata', consentDate: '2026-03-02', consentFormReference: '' },
    },
  ],
  [
    'f17.section/caseManagement/stakeholder',
    'Case management section for the case manager',
    'f17.section',
    fixtures.consented,
    people.caseManager,
    section('caseManagement'),
  ],
  [
    'f17.section/unit/draft',
    'Unit section with a saved draft',
    'f17.section',
    fixtures.withDraft,
    people.caseOfficer,
    section('unit'),
  ],
  [
    'f17.section/intelligence/stakeholder',
    'Restricted intelligence section for intelligence',
    'f17.section',
    fixtures.consented,
    people.intelligence,
    section('intelligence'),
  ],
  [
    'f17.section/intelligence/other-site',
    'Intelligence section for intelligence at another site',
    'f17.section',
    fixtures.consented,
    people.otherSite,
    section('intelligence'),
  ],
  [
    'f17.section/caseManagement/answered',
    'Case management section after it was answered',
    'f17.section',
    fixtures.partlyAnswered,
    people.caseManager2,
    section('caseManagement'),
  ],
  [
    'f17.section/intelligence/answered-case-officer',
    'Answered intelligence section seen by a case officer (restricted)',
    'f17.section',
    fixtures.readyForReview,
    people.caseOfficer,
    section('intelligence'),
  ],
  [
    'f17.section/other/contributor',
    'Further input for a person the case manager named',
    'f17.section',
    fixtures.withContributor,
    people.chaplain,
    section('other'),
  ],
  [
    'f17.section/psychology/withdrawn',
    'Optional section after consent was withdrawn',
    'f17.section',
    fixtures.withdrawn,
    people.psychologist,
    section('psychology'),
  ],
  [
    'f17.contributor/case-manager',
    'Ask someone else for input',
    'f17.contributor',
    fixtures.withContributor,
    people.caseManager,
    { people: directoryChoices },
  ],
  [
    'f17.review/waiting',
    'Review card while sections are outstanding',
    'f17.review',
    fixtures.partlyAnswered,
    people.csm,
  ],
  [
    'f17.review/reviewer',
    'Review card for the custodial systems manager',
    'f17.review',
    fixtures.readyForReview,
    people.securityManager,
  ],
  [
    'f17.review/stranger',
    'Review card for someone without the role',
    'f17.review',
    fixtures.readyForReview,
    people.caseOfficer,
  ],
  ['f17.review/done', 'Review submitted', 'f17.review', fixtures.awaitingDecision, people.csm],
  [
    'f17.decision/approver',
    'Decision card with Approve and Decline for the general manager custodial',
    'f17.decision',
    fixtures.awaitingDecision,
    people.gm,
  ],
  [
    'f17.decision/other-site-gm',
    'Decision card for a general manager custodial at another site',
    'f17.decision',
    fixtures.awaitingDecision,
    people.otherSite,
  ],
  [
    'f17.decision/stakeholder',
    'Decision card for a stakeholder while waiting',
    'f17.decision',
    fixtures.awaitingDecision,
    people.intelligence,
  ],
  [
    'f17.decision/approved/approver',
    'Decision card redrawn for the approver after approving',
    'f17.decision',
    fixtures.approved,
    people.gm,
    {
      notice: {
        text: 'Approved. The case manager, case officer and facilitator have been told.',
        tone: 'good',
      },
    },
  ],
  [
    'f17.decision/approved/facilitator',
    'Outcome for the programme facilitator',
    'f17.decision',
    fixtures.approved,
    people.facilitator,
  ],
  [
    'f17.decision/declined/case-officer',
    'Declined outcome for the case officer',
    'f17.decision',
    fixtures.declined,
    people.caseOfficer,
  ],
  [
    'f17.status/awaiting-consent',
    'Status before consent',
    'f17.status',
    fixtures.awaitingConsent,
    people.caseManager,
  ],
  [
    'f17.status/input/case-officer',
    'Status during input for the case officer',
    'f17.status',
    fixtures.partlyAnswered,
    people.caseOfficer,
  ],
  [
    'f17.status/decision/gm',
    'Status for the general manager custodial (intelligence shown)',
    'f17.status',
    fixtures.awaitingDecision,
    people.gm,
  ],
  [
    'f17.status/decision/case-officer',
    'Status for the case officer (intelligence withheld)',
    'f17.status',
    fixtures.awaitingDecision,
    people.caseOfficer,
  ],
  [
    'f17.status/approved/case-manager',
    'Status after approval with follow-ups',
    'f17.status',
    fixtures.approved,
    people.caseManager,
  ],
  [
    'f17.status/closed',
    'Status once every follow-up is done',
    'f17.status',
    fixtures.closedApproved,
    people.scheduler,
  ],
  [
    'f17.status/withdrawn',
    'Status after consent was withdrawn',
    'f17.status',
    fixtures.withdrawn,
    people.caseManager,
  ],
  [
    'f17.channelDecision/approved',
    'Custodial-decisions channel post, approved',
    'f17.channelDecision',
    fixtures.approved,
    people.stranger,
  ],
  [
    'f17.channelDecision/declined',
    'Custodial-decisions channel post, declined',
    'f17.channelDecision',
    fixtures.declined,
    people.stranger,
  ],
  [
    'f17.scheduling/approved',
    'Scheduling coordinator: can now be scheduled',
    'f17.scheduling',
    fixtures.approved,
    people.scheduler,
  ],
  [
    'f17.disclosure/approved/case-manager',
    'Privacy Act disclosure for the case manager',
    'f17.disclosure',
    fixtures.approved,
    people.caseManager,
  ],
  [
    'f17.disclosure/declined/gm',
    'Privacy Act disclosure of a decline for the general manager custodial',
    'f17.disclosure',
    fixtures.declined,
    people.gm,
  ],
  [
    'f17.disclosure/approved/case-officer',
    'Disclosure requested by someone it is not available to',
    'f17.disclosure',
    fixtures.approved,
    people.caseOfficer,
  ],
  [
    'f17.withdraw/form',
    'Withdraw consent form for the case officer',
    'f17.withdraw',
    fixtures.partlyAnswered,
    people.caseOfficer,
  ],
  [
    'f17.withdraw/stranger',
    'Withdraw consent for someone without the role',
    'f17.withdraw',
    fixtures.partlyAnswered,
    people.intelligence,
  ],
  [
    'f17.withdraw/done',
    'Consent withdrawn (what everyone involved is sent)',
    'f17.withdraw',
    fixtures.withdrawn,
    people.intelligence,
  ],
  [
    'f17.withdraw/after-decision',
    'Withdraw after the decision',
    'f17.withdraw',
    fixtures.approved,
    people.caseManager,
  ],
  [
    'f17.informPrisoner/declined/case-manager',
    'Tell the prisoner (declined), the case manager’s task',
    'f17.informPrisoner',
    fixtures.declined,
    people.caseManager,
  ],
  [
    'f17.informPrisoner/done',
    'Prisoner told',
    'f17.informPrisoner',
    fixtures.closedApproved,
    people.caseManager,
  ],
  [
    'f17.informPrisoner/stranger',
    'Tell the prisoner, seen by a facilitator',
    'f17.informPrisoner',
    fixtures.approved,
    people.facilitator,
  ],
  [
    'f17.consentForm/approved',
    'Confirm the consent to mix form is in IOMS',
    'f17.consentForm',
    fixtures.approved,
    people.caseManager,
  ],
  [
    'f17.consentForm/done',
    'Consent to mix form confirmed',
    'f17.consentForm',
    fixtures.closedApproved,
    people.caseOfficer,
  ],
];

function build(): CardSample[] {
  const out: CardSample[] = [
    {
      name: 'f17.start.empty',
      description: 'Start form for a case manager',
      card: f17StartForm({
        viewer: people.caseManager,
        now: fixtures.awaitingConsent().now,
        people: directoryChoices,
      }),
    },
    {
      name: 'f17.start.errors',
      description: 'Start form returned with errors beside the fields and the input kept',
      card: f17StartForm({
        viewer: people.caseManager,
        now: fixtures.awaitingConsent().now,
        people: directoryChoices,
        input: {
          prisonerId: '80012345',
          prisonerName: 'Tama Rāwiri',
          accusedStatus: 'sentenced',
          participants: '0',
        },
        errors: [
          {
            field: 'accusedStatus',
            message:
              'A suitability to mix assessment is only for accused (remand) prisoners; convicted and sentenced prisoners already mix.',
          },
          { field: 'participants', message: 'There must be at least one participant.' },
          { field: 'facilitatorName', message: 'Choose the programme facilitator or type their name.' },
        ],
      }),
    },
  ];
  for (const [name, description, cardName, fixture, viewer, extra] of cases) {
    out.push({ name: safeName(name), description, card: render(cardName, fixture(), viewer, extra) });
  }
  return out;
}

/** Every F.17 card in each state and for each kind of viewer, from a fixture run through the real workflow. */
export const f17Samples: CardSample[] = build();
