import type { Actor } from '../../services/directory/person';
import type { CardSample } from './types';
import type { CardContext } from '../../cards/types';
import type { Run, Step } from '../fixtures/v01';
import {
  NOW,
  adultAt,
  childNomination,
  cppChildAt,
  nomination,
  orderAt,
  people,
  runWorkflow,
  steps,
} from '../fixtures/v01';
import { prohibitionCards, prohibitionStartForm } from '../../cards/prohibition';
import { v01Cards, v01StartForm } from '../../cards/v01';
import { v01Definition } from '../../services/workflows/v01';
import type { V01State } from '../../services/workflows/v01/model';
import { recordsOver } from '../../services/workflow/records';

type Case = [
  name: string,
  description: string,
  card: string,
  run: () => Run<unknown>,
  viewer: Actor,
  extra?: Partial<CardContext>,
];

const panelDone = (): Step[] => [...steps.convene(), steps.assess(people.core1), steps.assess(people.core2)];
const declinedAndGiven = (): Step[] => [
  steps.managerDecline(),
  [people.staff, { type: 'v01.recordNoticeGiven', notice: 'decision-visitor', method: 'post' }],
];
const reviewRequested = (): Step[] => [
  ...declinedAndGiven(),
  [
    people.staff,
    {
      type: 'v01.requestReview',
      requestedBy: 'visitor',
      receivedOn: '2026-03-03',
      channel: 'email',
      reasons: 'I have never been involved in contraband and can explain the incident.',
    },
  ],
];
const start =
  (input: Record<string, unknown>, more: Step[] = []) =>
  () =>
    runWorkflow<V01State>(v01Definition, input, people.staff, more);
const noCppChild =
  (more: Step[] = []) =>
  () =>
    cppChildAt(more, { cppAlert: 'no' });

const cases: Case[] = [
  [
    'v01.restriction.protected.staff',
    'Contact restriction: protection order, waiting for the protected person; staff view',
    'v01.restriction',
    start(
      nomination({
        restriction: 'protection-order',
        restrictionDetails: 'Protection order, Porirua District Court, 2025',
      }),
    ),
    people.staff,
  ],
  [
    'v01.restriction.non-contact.staff',
    'Contact restriction: non-contact condition, no exemption; staff view',
    'v01.restriction',
    start(
      nomination({ restriction: 'non-contact-condition', restrictionDetails: 'Bail non-contact condition' }),
    ),
    people.staff,
  ],
  [
    'v01.restriction.exempted.staff',
    'Non-contact condition with a court exemption recorded',
    'v01.restriction',
    start(nomination({ restriction: 'non-contact-condition', restrictionDetails: 'Sentence condition' }), [
      [
        people.staff,
        {
          type: 'v01.recordCourtExemption',
          reference: 'CRI-2025-091-1234',
          details: 'Supervised visits permitted',
        },
      ],
    ]),
    people.staff,
  ],
  [
    'v01.checklist.forms.staff',
    'Checklist: forms to send to the child’s guardian',
    'v01.checklist',
    start(childNomination()),
    people.staff,
  ],
  [
    'v01.checklist.oranga-tamariki.staff',
    'Checklist: child in Oranga Tamariki care, waiting for the child visits team',
    'v01.checklist',
    start(
      childNomination({
        orangaTamarikiCare: 'true',
        consenterKind: '',
        consenterName: '',
        consenterRelationship: '',
        consenterAddress: '',
      }),
    ),
    people.staff,
  ],
  [
    'v01.checklist.security.staff',
    'Checklist: three items done, security checks next',
    'v01.checklist',
    start(nomination(), [...steps.formsOut(), ...steps.checks().slice(0, 4)]),
    people.staff,
  ],
  [
    'v01.checklist.security.errors',
    'Checklist: security checks submitted with an answer missing',
    'v01.checklist',
    start(nomination(), [...steps.formsOut(), ...steps.checks().slice(0, 4)]),
    people.staff,
    {
      errors: [{ field: 'onBail', message: 'Answer yes or no' }],
      input: { everImprisoned: 'yes', imprisonedWhen: '2012–2014' },
    },
  ],
  [
    'v01.routing.risk.staff',
    'Child visitor without a CPP alert: record the check for other risks',
    'v01.routing',
    noCppChild(),
    people.staff,
  ],
  [
    'v01.routing.route.staff',
    'Child visitor without a CPP alert: after consulting, route or recommend',
    'v01.routing',
    noCppChild([
      [
        people.staff,
        {
          type: 'v01.recordRiskCheck',
          otherRiskSigns: 'No alerts, no offending against children, no concerns from the unit.',
        },
      ],
      [
        people.staff,
        {
          type: 'v01.recordManagerConsulted',
          manager: 'Sione Fifita',
          advice: 'no-panel',
          note: 'No need for the panel.',
        },
      ],
    ]),
    people.staff,
  ],
  [
    'v01.panel.convene.staff',
    'Advisory panel to convene (CPP alert, automatic)',
    'v01.panel',
    () => cppChildAt(),
    people.staff,
  ],
  [
    'v01.panel.member.core',
    'Advisory panel: a core member’s assessment form',
    'v01.panel',
    () => cppChildAt(steps.convene()),
    people.core1,
  ],
  [
    'v01.panel.member.guest',
    'Advisory panel: a guest member’s optional assessment',
    'v01.panel',
    () => cppChildAt(steps.convene()),
    people.guest,
  ],
  [
    'v01.panel.recorded.core',
    'Advisory panel: after this core member recorded',
    'v01.panel',
    () => cppChildAt([...steps.convene(), steps.assess(people.core1)]),
    people.core1,
  ],
  [
    'v01.decision.outstanding.gm',
    'GM decision card, closed: one core member outstanding',
    'v01.decision',
    () => cppChildAt([...steps.convene(), steps.assess(people.core1)]),
    people.gm,
  ],
  [
    'v01.decision.ready.gm',
    'GM decision card: every core member has recorded',
    'v01.decision',
    () => cppChildAt(panelDone()),
    people.gm,
  ],
  [
    'v01.decision.in-person.gm',
    'GM records the decision made at the in-person panel',
    'v01.decision',
    () =>
      cppChildAt([
        ...panelDone(),
        [
          people.gm,
          { type: 'v01.decide', outcome: 'refer-in-person', rationale: 'Mixed views on supervision.' },
        ],
      ]),
    people.gm,
  ],
  [
    'v01.decision.ready.other',
    'GM decision card seen by someone who may not decide',
    'v01.decision',
    () => cppChildAt(panelDone()),
    people.staff,
  ],
  [
    'v01.decision.manager.rmm',
    'Adult visitor: reception/movements manager decides (prohibited elsewhere flag)',
    'v01.decision',
    () =>
      adultAt([], { prohibitedElsewhere: 'true', prohibitedSite: 'Arohata', prohibitedUntil: '2026-05-01' }),
    people.rmm,
  ],
  [
    'v01.decision.prohibited.rmm',
    'Adult visitor under a prohibition order for this prisoner: only Decline (V.01.09.8)',
    'v01.decision',
    () =>
      runWorkflow(
        v01Definition,
        nomination(),
        people.staff,
        [...steps.formsOut(), ...steps.checks()],
        NOW,
        recordsOver([
          {
            orderId: 'PRO-2026-00003',
            site: 'Rimutaka',
            visitor: { name: 'Huia Henare', dateOfBirth: '1990-06-14' },
            scope: 'prisoner',
            prisonerIds: ['P1234567'],
            expiresOn: '2026-09-30',
          },
        ]),
      ),
    people.rmm,
  ],
  [
    'v01.decision.decided.gm',
    'Decision card after the GM approved with conditions',
    'v01.decision',
    () => cppChildAt([...panelDone(), steps.gmApproveWithConditions()]),
    people.gm,
  ],
  [
    'v01.response.offer.rmm',
    'Opportunity to respond: offer form',
    'v01.response',
    () => adultAt(),
    people.rmm,
  ],
  [
    'v01.response.waiting.staff',
    'Opportunity to respond: waiting for the response',
    'v01.response',
    () =>
      adultAt([
        [
          people.rmm,
          {
            type: 'v01.offerResponse',
            grounds: 'information-omitted',
            details: 'Asked by letter on 3 March for proof of address, reply by 17 March.',
          },
        ],
      ]),
    people.staff,
  ],
  [
    'v01.notices.child-conditions.staff',
    'Notices after a child approval with conditions',
    'v01.notices',
    () => cppChildAt([...panelDone(), steps.gmApproveWithConditions()]),
    people.staff,
  ],
  [
    'v01.notices.declined.staff',
    'Notices after a decline, visitor letter given',
    'v01.notices',
    () => adultAt(declinedAndGiven()),
    people.staff,
  ],
  [
    'v01.specified.approved.staff',
    'Specified visitor approved: code of conduct, induction, entry card',
    'v01.specified',
    () => adultAt([steps.managerApprove()], { visitorType: 'volunteer' }),
    people.staff,
  ],
  [
    'v01.review.request.staff',
    'Review: staff record a visitor’s request',
    'v01.review',
    () => adultAt(declinedAndGiven()),
    people.staff,
  ],
  [
    'v01.review.open.reviewer',
    'Review: the review officer’s card with the 21-day countdown',
    'v01.review',
    () => adultAt(reviewRequested()),
    people.reviewer,
  ],
  [
    'v01.review.done.staff',
    'Review: reversed',
    'v01.review',
    () =>
      adultAt([
        ...reviewRequested(),
        [
          people.reviewer,
          {
            type: 'v01.decideReview',
            outcome: 'reverse',
            reasons: 'The incident was not shown to involve the visitor.',
          },
        ],
      ]),
    people.staff,
  ],
  [
    'v01.status.child-decided.staff',
    'Status of a CPP-alert child application, decided, with timeline',
    'v01.status',
    () => cppChildAt([...panelDone(), steps.gmApproveWithConditions()]),
    people.staff,
  ],
  [
    'v01.status.restricted.staff',
    'Status while a non-contact condition blocks everything',
    'v01.status',
    start(nomination({ restriction: 'non-contact-condition', restrictionDetails: 'Bail condition' })),
    people.staff,
  ],
  [
    'v01p.order.issued.staff',
    'Prohibition order: text and copies to give',
    'v01p.order',
    () => orderAt(),
    people.staff,
  ],
  [
    'v01p.review.request.staff',
    'Prohibition order: record a review application',
    'v01p.review',
    () => orderAt(),
    people.staff,
  ],
  [
    'v01p.review.open.inspector',
    'Prohibition order: the Chief Inspector’s review with countdown',
    'v01p.review',
    () =>
      orderAt([
        [
          people.staff,
          {
            type: 'v01p.requestReview',
            applicant: 'visitor',
            applicantName: 'Carl Smith',
            receivedOn: '2026-03-03',
            reasons: 'The item was a prescribed medicine.',
          },
        ],
      ]),
    people.inspector,
  ],
  [
    'v01p.status.in-force.staff',
    'Prohibition order status: in force',
    'v01p.status',
    () => orderAt(),
    people.staff,
  ],
];

function render([name, description, cardName, run, viewer, extra]: Case): CardSample {
  const r = run();
  const renderer = v01Cards[cardName] ?? prohibitionCards[cardName];
  if (!renderer) throw new Error(`no card ${cardName}`);
  return {
    name,
    description,
    card: renderer({ app: r.app, viewer, now: r.now, params: {}, history: r.history, ...extra }),
  };
}

/** Every V.01 card in its realistic states and for the viewers that matter, from the real definitions. */
export const v01Samples: CardSample[] = [
  {
    name: 'v01.start.empty',
    description: 'New visitor application form',
    card: v01StartForm({ viewer: people.staff, now: NOW }),
  },
  {
    name: 'v01.start.errors',
    description: 'New visitor application form with errors beside fields and input kept',
    card: v01StartForm({
      viewer: people.staff,
      now: NOW,
      input: childNomination({ visitorType: 'private-adult' }),
      errors: [
        {
          field: 'visitorType',
          message: 'The visitor is under 18 today (2026-03-03): choose "Private visitor (child under 18)"',
        },
      ],
    }),
  },
  {
    name: 'v01p.start.empty',
    description: 'New prohibition order form',
    card: prohibitionStartForm({ viewer: people.rmm, now: NOW }),
  },
  ...cases.map(render),
];
