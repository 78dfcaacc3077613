import { DateTime } from 'luxon';
import { isHuiCaseManager, isHuiManager, isHuiOrganiser } from '../../services/workflows/c07/access';
import { STAGE_LABELS, huiStage } from '../../services/workflows/c07/model';
import type { HuiApp } from '../../services/workflows/c07/model';
import {
  AGENCY_ATTENDANCE,
  HUI_KINDS,
  LOCATION_TYPES,
  MODES,
  PILLARS,
  isCleared,
  managerRoleFor,
} from '../../services/workflows/c07/model';
import type { ConsentRecord, HuiState, Schedule, SupportPerson } from '../../services/workflows/c07/model';
import { roleLabel } from '../../services/directory/roles';
import { levelLabel } from '../../services/workflows/c07/involvement';
import { NZ_ZONE } from '../../services/time';
import { execute, facts, formErrors, heading, notice, section, text } from '../kit';
import type { ActionData, CardAction, CardContext, CardElement } from '../types';

export type HuiCardContext = CardContext<HuiState>;

/** A support person's date of birth: optional, and what makes a prohibition-order match certain. */
export const DOB_LABEL =
  'Date of birth (optional: support people are checked against prohibition orders, by name only without it)';

export const viewerIs = {
  caseManager: (ctx: HuiCardContext) => isHuiCaseManager(ctx.app.state, ctx.viewer),
  organiser: (ctx: HuiCardContext) => isHuiOrganiser(ctx.app.state, ctx.viewer),
  manager: (ctx: HuiCardContext) => isHuiManager(ctx.app.state, ctx.viewer),
};

export function stageOf(app: HuiApp): string {
  return STAGE_LABELS[huiStage(app.state)];
}

/** "Sun 5 Apr 2026, 10:00 AM – 11:30 AM (1 h 30 min)", always in New Zealand time. */
export function scheduleText(s: Schedule | undefined): string {
  if (!s) return 'Not set';
  const start = DateTime.fromISO(s.startsAt, { zone: NZ_ZONE });
  const end = DateTime.fromISO(s.endsAt, { zone: NZ_ZONE });
  const endText = end.hasSame(start, 'day') ? end.toFormat('h:mm a') : end.toFormat('ccc d LLL yyyy, h:mm a');
  const h = Math.floor(s.durationMinutes / 60);
  const m = s.durationMinutes % 60;
  const length = [h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ');
  return `${start.toFormat('ccc d LLL yyyy, h:mm a')} – ${endText} (${length})`;
}

export function whereText(s: HuiState): string {
  return `${s.place} (${LOCATION_TYPES[s.locationType]})`;
}

export function managerLabel(s: HuiState): string {
  const role = managerRoleFor(s);
  return role === 'prison-director' ? 'prison director (or delegate)' : roleLabel(role);
}

/** The top of a hui's card: its heading over the hui's title, any notice, the form's errors, the hui's facts. */
export function huiTop(ctx: HuiCardContext, title: string, fields: readonly string[]): CardElement[] {
  return [
    ...heading(title, ctx.app.title),
    ...notice(ctx.notice),
    ...formErrors(ctx.errors, [...fields]),
    huiFacts(ctx.app),
  ];
}

export function huiFacts(app: HuiApp): CardElement {
  const s = app.state;
  return facts([
    ['Hui', app._id],
    ['Kind', HUI_KINDS[s.huiKind]],
    ['Prisoner', `${s.prisonerName} (${s.prisonerId})`],
    ['When', scheduleText(s.schedule)],
    ['Where', whereText(s)],
    ['Site', s.site],
    ['Attending by', MODES[s.mode]],
    ['Stage', stageOf(app)],
  ]);
}

export function purposeSection(s: HuiState): CardElement {
  return section('Purpose and objectives', [
    text(s.purpose),
    text(`Objectives: ${s.objectives}`),
    ...(s.protectiveFactors ? [text(`Protective factors: ${s.protectiveFactors}`)] : []),
    ...(s.pillars.length
      ? [text(`Reintegration pillars: ${s.pillars.map((p) => PILLARS[p]).join('; ')}`, { subtle: true })]
      : []),
  ]);
}

/** The outcome actions, and a support planning meeting's support network and safety plan. */
export function outcomeItems(o: NonNullable<HuiState['outcome']>): CardElement[] {
  return [
    text(o.actions),
    ...(o.supportNetwork ? [text(`Support network: ${o.supportNetwork}`)] : []),
    ...(o.safetyPlan ? [text(`Safety plan: ${o.safetyPlan}`)] : []),
  ];
}

export function agencySection(s: HuiState): CardElement[] {
  if (!s.agency) return [];
  return [
    section(
      s.huiKind === 'family-group-conference'
        ? 'Family group conference: organised through the agency’s co-ordinator'
        : 'Organised by another government agency (C.07.04)',
      [
        facts([
          ['Agency', s.agency.agency],
          ['Co-ordinator', `${s.agency.coordinator} (${s.agency.coordinatorContact})`],
          ['Prisoner attends by', s.agency.attendance ? AGENCY_ATTENDANCE[s.agency.attendance] : undefined],
          ['Corrections liaison', s.huiKind === 'other-agency' ? 'Prison director (or delegate)' : undefined],
        ]),
      ],
    ),
  ];
}

function list(items: string[], none: string): CardElement[] {
  return items.length ? items.map((i) => text(`• ${i}`)) : [text(none, { subtle: true })];
}

export function staffAndProviders(s: HuiState): CardElement[] {
  return [
    section('Corrections staff attending', list(s.correctionsStaff, 'None listed.')),
    section(
      'Service providers attending',
      list(
        s.providers.map((p) => `${p.person}, ${p.organisation}`),
        'None listed.',
      ),
    ),
  ];
}

export function consentText(c: ConsentRecord | undefined, yes: string, no: string): string {
  if (!c) return 'Not recorded yet';
  return `${c.given ? yes : no} (recorded by ${c.name}, ${formatShort(c.at)})`;
}

export function formatShort(iso: string): string {
  return DateTime.fromISO(iso, { zone: NZ_ZONE }).toFormat('d LLL yyyy, h:mm a');
}

/** A support person with both consents and the suitability assessment, as the notification form holds it. */
/**
 * Contact details are for the organiser and case manager; the assessment for them and the manager
 * who signs off. Other staff at the site see who is coming and that the consents are in.
 */
export function supportPersonBlock(
  p: SupportPerson,
  opts: { withContact: boolean; withAssessment: boolean },
): CardElement {
  const su = p.suitability;
  return {
    type: 'Container',
    separator: true,
    items: [
      text(`${p.name} — ${p.relationship}`, { weight: 'Bolder' }),
      facts([
        ['Contact', opts.withContact ? p.contact : undefined],
        ['Date of birth', opts.withContact ? p.dateOfBirth : undefined],
        ['Prisoner consents to contact', consentText(p.prisonerConsent, 'Yes', 'No')],
        ['Consents to take part', consentText(p.consent, 'Yes', 'Declined')],
        ['Suitable', su ? (su.suitable ? 'Yes' : 'No') : 'Not assessed yet'],
        [
          'Pro-social involvement (site scale)',
          su ? (su.involvementLabel ?? levelLabel({}, su.involvement)) : undefined,
        ],
        ['Contact plan', opts.withAssessment ? su?.contactPlan : undefined],
      ]),
      ...(su && opts.withAssessment ? [text(`Suitability assessment: ${su.assessment}`)] : []),
    ],
  };
}

export function clearedPeople(s: HuiState): SupportPerson[] {
  return s.supportPeople.filter(isCleared);
}

/** ActionData for a command on this hui, redrawing `card` afterwards. */
export function act(
  app: HuiApp,
  card: string,
  command: string,
  args?: ActionData['args'],
  params?: ActionData['params'],
): ActionData {
  return {
    card,
    applicationId: app._id,
    command,
    ...(args ? { args } : {}),
    ...(params ? { params } : {}),
  };
}

/** A button that only opens another card of this hui. */
export function open(app: HuiApp, title: string, card: string, params?: ActionData['params']): CardAction {
  return execute(title, { card, applicationId: app._id, ...(params ? { params } : {}) }, { validate: false });
}

export function actionSet(actions: CardAction[]): CardElement[] {
  return actions.length ? [{ type: 'ActionSet', actions }] : [];
}

export function safetySection(s: HuiState): CardElement[] {
  if (!s.safetyMeasures.length) return [];
  return [
    section(
      'Safety measures required by the manager',
      s.safetyMeasures.map((m) => text(`• ${m.text} (${m.name}, ${formatShort(m.at)})`)),
    ),
  ];
}

export function questionsSection(s: HuiState): CardElement[] {
  if (!s.questions.length) return [];
  return [
    section(
      'Questions and answers',
      s.questions.flatMap((q) => [
        text(`Q (${q.asked.name}, ${formatShort(q.asked.at)}): ${q.question}`, { weight: 'Bolder' }),
        text(
          q.answered
            ? `A (${q.answered.name}, ${formatShort(q.answered.at)}): ${q.answer ?? ''}`
            : 'Not answered yet.',
          {
            subtle: !q.answered,
          },
        ),
      ]),
    ),
  ];
}

export function signOffText(s: HuiState): string {
  if (s.signOff)
    return `Signed off by ${s.signOff.name}, ${formatShort(s.signOff.at)}${s.signOff.round > 1 ? ` (sign-off ${s.signOff.round})` : ''}`;
  if (s.submitted)
    return s.signOffs.length ? 'Changed since sign-off: waiting for sign-off again' : 'Waiting for sign-off';
  return 'Not sent for sign-off yet';
}
