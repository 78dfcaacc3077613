import type { ApplicationDoc, AuditEvent } from '../../workflow/domain';
import type { Notification } from '../../workflow/types';
import { EV } from './evolve';
import { GM, RESTRICTIONS, REVIEW_OFFICER, checksComplete, decidersFor, isChild } from './model';
import type { Restriction, V01State } from './model';
import { findingsNote, relatedFindings } from './prohibitionCheck';

type App = ApplicationDoc<V01State>;
type Notifier = (app: App, event: AuditEvent) => Notification[];

const ref = (app: App, name: string) => ({ name, applicationId: app._id });
const creator = (app: App): Notification['target'] => ({ kind: 'person', aadObjectId: app.createdBy });

/** What the decider must see at once: an order in force, or a prohibition elsewhere recorded by staff. */
function prohibitionFlag(app: App): string {
  const p = app.state.nomination?.prohibitedElsewhere;
  const staff = p
    ? ` FLAG: the visitor is prohibited at ${p.site}${p.until ? ` until ${p.until}` : ''} (V.01.03.6).`
    : '';
  return `${findingsNote(relatedFindings(app))}${staff}`;
}

const deciders = (app: App): Notification => ({
  key: 'decide',
  target: { kind: 'role', roles: ['reception-movements-manager'], site: app.site },
  text: `${app._id}: ${app.title} is ready for your decision.${prohibitionFlag(app)}`,
  cardRef: ref(app, 'v01.decision'),
});

/** A message to whoever started the application. */
const toCreator = (app: App, key: string, text: string, card: string): Notification => ({
  key,
  target: creator(app),
  text: `${app._id}: ${text}`,
  cardRef: ref(app, card),
});

const checked: Notifier = (app, event) => {
  const p = event.payload as { completes?: boolean; route?: string };
  if (!p.completes) return [];
  if (p.route === 'manager') return [deciders(app)];
  if (p.route === 'panel')
    return [toCreator(app, 'convene', 'checks are complete. Convene the advisory panel.', 'v01.panel')];
  return [
    toCreator(
      app,
      'route',
      'checks are complete. Child visitor: check for other risks and consult the reception/movements manager.',
      'v01.routing',
    ),
  ];
};

const routed: Notifier = (app, event) =>
  (event.payload as { to?: string }).to === 'manager'
    ? [deciders(app)]
    : [toCreator(app, 'convene', 'convene the advisory panel.', 'v01.panel')];

const panelConvened: Notifier = (app, event) => {
  const core = (event.payload as { coreMembers?: Array<{ aadObjectId: string }> }).coreMembers ?? [];
  return [
    ...core.map((m) => ({
      key: `panel-${m.aadObjectId}`,
      target: { kind: 'person' as const, aadObjectId: m.aadObjectId },
      text: `${app._id}: your assessment and recommendation are needed as a core advisory panel member.`,
      cardRef: ref(app, 'v01.panel'),
    })),
    {
      key: 'panel-guests',
      target: { kind: 'role', roles: ['advisory-panel-guest'], site: app.site },
      text: `${app._id}: a child visit application is before the advisory panel; guest members may add an assessment.`,
      cardRef: ref(app, 'v01.panel'),
    },
  ];
};

const panelAssessed: Notifier = (app, event) =>
  (event.payload as { completesPanel?: boolean }).completesPanel
    ? [
        {
          key: 'gm',
          target: { kind: 'role', roles: [...GM], site: app.site },
          text: `${app._id}: every core panel member has recorded their recommendation. Your decision is needed.${prohibitionFlag(app)}`,
          cardRef: ref(app, 'v01.decision'),
        },
      ]
    : [];

const reviewDecided: Notifier = (app) => [
  toCreator(
    app,
    'notices',
    'the review outcome is recorded. Give the review letters to the visitor and the prisoner.',
    'v01.notices',
  ),
  {
    key: 'gm',
    target: { kind: 'role', roles: [...GM], site: app.site },
    text: `${app._id}: the review outcome is recorded (V.01.07.10).`,
    cardRef: ref(app, 'v01.status'),
  },
];

/** A child application already past its checks now belongs to the advisory panel. */
const cppAlertRecorded: Notifier = (app) =>
  isChild(app.state) && checksComplete(app.state) && !app.state.panel
    ? [
        toCreator(
          app,
          'convene',
          'a Child Protection Policy alert was recorded. Convene the advisory panel.',
          'v01.panel',
        ),
      ]
    : [];

/** V.01.01.4: the decision maker learns at once that an approval is suspended, and why. */
const approvalSuspended: Notifier = (app, event) => {
  const p = event.payload as { restriction?: Restriction; details?: string };
  const what = p.restriction ? RESTRICTIONS[p.restriction] : 'A contact restriction';
  return [
    {
      key: 'suspended',
      target: { kind: 'role', roles: [...decidersFor(app.state)], site: app.site },
      text: `${app._id}: APPROVAL SUSPENDED. ${what} was recorded after the decision${p.details ? ` (${p.details})` : ''}. No visits under this approval until you decide again: approve with conditions or decline.`,
      cardRef: ref(app, 'v01.decision'),
    },
  ];
};

const NOTIFIERS: Partial<Record<string, Notifier>> = {
  [EV.approvalSuspended]: approvalSuspended,
  [EV.redecided]: (app, event) => [
    toCreator(
      app,
      'notices',
      `decided again after the new contact restriction (${String(event.payload['outcome'])}). Give the notices to the visitor and the prisoner.`,
      'v01.notices',
    ),
  ],
  [EV.checked]: checked,
  [EV.routed]: routed,
  [EV.panelConvened]: panelConvened,
  [EV.panelAssessed]: panelAssessed,
  [EV.decided]: (app, event) => [
    toCreator(
      app,
      'notices',
      `decided (${String(event.payload['outcome'])}). Give the notices to the visitor and the prisoner.`,
      'v01.notices',
    ),
  ],
  [EV.reviewRequested]: (app) => [
    {
      key: 'review',
      target: { kind: 'role', roles: [...REVIEW_OFFICER], site: '*' },
      text: `${app._id}: a review of the visit decision has been requested.`,
      cardRef: ref(app, 'v01.review'),
    },
  ],
  [EV.reviewDecided]: reviewDecided,
  [EV.cppAlertRecorded]: cppAlertRecorded,
  [EV.withdrawn]: (app) => [toCreator(app, 'notices', 'closed. Tell the prisoner.', 'v01.notices')],
};

/** Who is told what after each event; most events tell nobody. */
export function notifications(app: App, event: AuditEvent): Notification[] {
  return NOTIFIERS[event.type]?.(app, event) ?? [];
}
