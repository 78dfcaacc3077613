import {
  huiStage,
  isRestorativeJustice,
  needsExternalCopy,
  outstanding,
  rjParties,
} from '../../services/workflows/c07/model';
import { EVENT_LABELS } from '../../services/workflows/c07/evolve';
import type { C07EventType } from '../../services/workflows/c07/evolve';
import type { AuditEvent } from '../../services/workflow/domain';
import {
  alert,
  card,
  execute,
  facts,
  section,
  sectionsDetail,
  text,
  timelineDetail,
  inputsFor,
} from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import type { HuiCardContext } from './common';
import {
  act,
  agencySection,
  consentText,
  formatShort,
  managerLabel,
  open,
  outcomeItems,
  purposeSection,
  questionsSection,
  safetySection,
  signOffText,
  staffAndProviders,
  viewerIs,
  huiTop,
} from './common';
import { openInTautoko } from '../links';
import { CHECK_FIELDS, supportChecksSection } from './checks';

function timeline(history: AuditEvent[] | undefined): CardElement[] {
  return timelineDetail(
    (history ?? []).map((ev): [string, string] => [
      formatShort(ev.at.toISOString()),
      `${EVENT_LABELS[ev.type as C07EventType] ?? ev.type} · ${ev.actor.name}`,
    ]),
  );
}

/**
 * At a provider's or another agency's office the entry staff are not on a Corrections channel: the
 * case manager gives them the signed-off notification and records here who received it (C.07.03).
 */
function externalCopySection(ctx: HuiCardContext): CardElement[] {
  const ask = inputsFor(ctx);
  const { app } = ctx;
  const s = app.state;
  if (!needsExternalCopy(s)) return [];
  const done = s.externalCopies.map((c) =>
    text(
      `Copy given to ${c.to} by ${c.name} (${formatShort(c.at)})${c.round < s.round ? ', before the latest change' : ''}`,
    ),
  );
  const current = s.externalCopies.some((c) => c.round === s.round);
  const form: CardElement[] =
    huiStage(s) === 'signed-off' && !current && viewerIs.organiser(ctx)
      ? [
          ...ask.text('copySentTo', 'Who received the signed-off notification, and how', { maxLength: 500 }),
          {
            type: 'ActionSet',
            actions: [
              execute('Record copy given', act(app, 'c07.status', 'c07.recordExternalCopy'), {
                style: 'positive',
              }),
            ],
          },
        ]
      : [];
  if (!done.length && !form.length) return [];
  return [section(`Entry staff at ${s.place}`, [...done, ...form])];
}

/** What `status <id>` shows: stage, consents, sign-off and the timeline, for anyone allowed to see the hui. */
export function c07StatusCard(ctx: HuiCardContext): AdaptiveCard {
  const { app } = ctx;
  const s = app.state;
  const stage = huiStage(s);
  const missing = stage === 'preparing' ? outstanding(s) : [];
  const consents: CardElement[] = s.supportPeople.map((p) =>
    facts([
      [p.name, p.relationship],
      ['Prisoner consents to contact', consentText(p.prisonerConsent, 'Yes', 'No')],
      ['Consents to take part', consentText(p.consent, 'Yes', 'Declined')],
      [
        'Suitability',
        p.suitability ? (p.suitability.suitable ? 'Suitable' : 'Not suitable') : 'Not assessed yet',
      ],
    ]),
  );
  const rj: CardElement[] = isRestorativeJustice(s)
    ? rjParties(s).map((party) =>
        text(
          `${party.label}: ${consentText(s.partyConsents[party.id], 'informed consent given', 'refused')}`,
        ),
      )
    : [];
  const body: CardElement[] = [
    ...huiTop(ctx, `Support hui ${app._id}`, ['copySentTo', ...CHECK_FIELDS]),
    ...supportChecksSection(ctx, 'c07.status'),
    ...(missing.length
      ? [
          section(
            'Still needed',
            missing.map((m) => text(`• ${m}`)),
          ),
        ]
      : []),
    section(`Sign-off (${managerLabel(s)})`, [
      text(signOffText(s)),
      ...s.signOffs
        .slice(0, -1)
        .map((o) => text(`Earlier sign-off: ${o.name}, ${formatShort(o.at)}`, { subtle: true })),
    ]),
    ...externalCopySection(ctx),
    ...s.reschedules.map((r) =>
      text(
        `Rescheduled by ${r.name} (${formatShort(r.at)}) from ${r.from.date} ${r.from.time}: ${r.reason}`,
        { subtle: true },
      ),
    ),
    ...(s.removedPeople.length
      ? [
          section(
            'Removed support people',
            s.removedPeople.map((p) => text(`${p.name}: ${p.removed.reason} (${p.removed.name})`)),
          ),
        ]
      : []),
    ...(s.cancelled
      ? [alert(`Cancelled by ${s.cancelled.name} (${formatShort(s.cancelled.at)})`, [s.cancelled.reason])]
      : []),
    ...(s.outcome ? [section('Outcome actions', outcomeItems(s.outcome))] : []),
    ...sectionsDetail([
      purposeSection(s),
      ...agencySection(s),
      ...staffAndProviders(s),
      section('Support people and consents', [
        ...(consents.length ? consents : [text('None listed.', { subtle: true })]),
        ...rj,
      ]),
      ...questionsSection(s),
      ...safetySection(s),
    ]),
    ...timeline(ctx.history),
  ];
  const actions: CardAction[] = [];
  if (!app.closed) {
    if (viewerIs.organiser(ctx)) {
      if (stage === 'preparing') actions.push(open(app, 'Consent and suitability', 'c07.consent'));
      actions.push(
        open(app, 'Change attendees', 'c07.attendees'),
        open(app, 'Reschedule', 'c07.reschedule'),
        open(app, 'Cancel', 'c07.cancel'),
      );
    }
    if (viewerIs.manager(ctx) && stage === 'awaiting-sign-off')
      actions.push(open(app, 'Review and sign off', 'c07.notification'));
    if (
      viewerIs.caseManager(ctx) &&
      stage === 'signed-off' &&
      s.schedule &&
      ctx.now.getTime() >= new Date(s.schedule.endsAt).getTime()
    ) {
      actions.push(open(app, 'Record outcome', 'c07.outcome'));
    }
  }
  return card(body, [...actions, ...openInTautoko(ctx)]);
}
