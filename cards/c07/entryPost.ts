import { AGENCY_ATTENDANCE, MODES, NOT_A_PRIVATE_VISIT, huiStage } from '../../services/workflows/c07/model';
import { card, facts, heading, section, text } from '../kit';
import type { AdaptiveCard, CardElement } from '../types';
import type { HuiCardContext } from './common';
import { clearedPeople, formatShort, safetySection, scheduleText, whereText } from './common';
import { openInTautoko } from '../links';
import { statusToChatButton } from '../statusButtons';

/**
 * The copy of the signed-off notification for the site's entry staff (C.07.03): when, where, who
 * attends and the measures. It names participants without contact details or assessments, and the
 * same post is edited when the hui changes or is cancelled.
 */
export function c07EntryPostCard(ctx: HuiCardContext): AdaptiveCard {
  const { app } = ctx;
  const s = app.state;
  const stage = huiStage(s);
  const banner: CardElement[] =
    stage === 'cancelled'
      ? [
          text(
            `CANCELLED by ${s.cancelled?.name ?? ''} (${formatShort(s.cancelled?.at ?? app.updatedAt.toISOString())}). Do not expect this hui.`,
            { weight: 'Bolder', color: 'Attention' },
          ),
        ]
      : s.signOff
        ? [
            text(
              `Signed off by ${s.signOff.name} (${formatShort(s.signOff.at)})${s.signOff.round > 1 ? '. UPDATED: this replaces the earlier details.' : '.'}`,
              { tone: 'done', weight: 'Bolder' },
            ),
          ]
        : [
            text(
              'CHANGED: waiting for sign-off again. Not confirmed; do not admit on these details until this post shows a new sign-off.',
              { weight: 'Bolder', tone: 'caution' },
            ),
          ];
  const people = clearedPeople(s);
  return card(
    [
      ...heading('Support hui: for entry staff', `${app._id} · ${s.site}`),
      ...banner,
      text(NOT_A_PRIVATE_VISIT, { weight: 'Bolder' }),
      facts([
        ['When', scheduleText(s.schedule)],
        ['Where', whereText(s)],
        ['Attending by', MODES[s.mode]],
        ['Prisoner', `${s.prisonerName} (${s.prisonerId})`],
        ['Prisoner attends by', s.agency?.attendance ? AGENCY_ATTENDANCE[s.agency.attendance] : undefined],
        [
          'Organising agency',
          s.agency ? `${s.agency.agency} (co-ordinator ${s.agency.coordinator})` : undefined,
        ],
        ['Organised by', s.organiserName],
      ]),
      section('Who attends', [
        ...(s.correctionsStaff.length ? [text(`Corrections staff: ${s.correctionsStaff.join('; ')}`)] : []),
        ...(s.providers.length
          ? [
              text(
                `Service providers: ${s.providers.map((p) => `${p.person} (${p.organisation})`).join('; ')}`,
              ),
            ]
          : []),
        ...(people.length
          ? [text(`Support people: ${people.map((p) => `${p.name} (${p.relationship})`).join('; ')}`)]
          : []),
      ]),
      ...(s.safetyMeasures.length
        ? safetySection(s)
        : [section('Safety measures', [text('No additional measures.', { subtle: true })])]),
    ],
    [statusToChatButton(app), ...openInTautoko(ctx)],
  );
}
