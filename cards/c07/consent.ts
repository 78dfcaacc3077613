import { huiStage, isRestorativeJustice, outstanding, rjParties } from '../../services/workflows/c07/model';
import type { SupportPerson } from '../../services/workflows/c07/model';
import { card, execute, section, text } from '../kit';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import type { HuiCardContext } from './common';
import { act, actionSet, consentText, open, supportPersonBlock, viewerIs, huiTop } from './common';
import { CHECK_FIELDS, supportChecksSection } from './checks';

const CARD = 'c07.consent';

/** The next step for one support person, in the order C.07.02 requires: prisoner, person, suitability. */
function personActions(ctx: HuiCardContext, p: SupportPerson): CardAction[] {
  const app = ctx.app;
  const args = { personId: p.id };
  if (!p.prisonerConsent) {
    return [
      execute(
        'Prisoner consents to contact',
        act(app, CARD, 'c07.recordPrisonerConsent', { ...args, prisonerConsent: 'given' }),
        {
          validate: false,
          style: 'positive',
        },
      ),
      execute(
        'Prisoner does not consent',
        act(app, CARD, 'c07.recordPrisonerConsent', { ...args, prisonerConsent: 'refused' }),
        { validate: false },
      ),
    ];
  }
  if (p.prisonerConsent.given && !p.consent) {
    return [
      execute(
        `${p.name} consents to take part`,
        act(app, CARD, 'c07.recordSupportConsent', { ...args, supportConsent: 'given' }),
        {
          validate: false,
          style: 'positive',
        },
      ),
      execute(
        `${p.name} declines`,
        act(app, CARD, 'c07.recordSupportConsent', { ...args, supportConsent: 'declined' }),
        { validate: false },
      ),
    ];
  }
  if (p.consent?.given && !p.suitability && viewerIs.caseManager(ctx)) {
    return [open(app, 'Assess suitability', 'c07.person', { personId: p.id })];
  }
  return [
    open(
      app,
      p.suitability?.suitable === false || p.consent?.given === false || !p.prisonerConsent.given
        ? 'Remove from hui'
        : 'Details',
      'c07.person',
      { personId: p.id },
    ),
  ];
}

/** Consent and suitability for every support person, and the way to the manager (C.07.02, C.07.03). */
export function c07ConsentCard(ctx: HuiCardContext): AdaptiveCard {
  const { app } = ctx;
  const s = app.state;
  const canAct = viewerIs.organiser(ctx) && huiStage(s) === 'preparing';
  const missing = outstanding(s);
  const people: CardElement[] = s.supportPeople.length
    ? s.supportPeople.flatMap((p) => [
        supportPersonBlock(p, {
          withContact: viewerIs.organiser(ctx),
          withAssessment: viewerIs.organiser(ctx),
        }),
        ...(canAct ? actionSet(personActions(ctx, p)) : []),
      ])
    : [text('No support people are listed. Add them with Change attendees.', { subtle: true })];
  const rj: CardElement[] = isRestorativeJustice(s)
    ? [
        section('Restorative justice conference: informed consent of every party', [
          text(
            'Taking part is strictly voluntary; the conference goes ahead only if every party gives informed consent.',
            { subtle: true },
          ),
          ...rjParties(s).flatMap((party) => {
            const c = s.partyConsents[party.id];
            const buttons =
              canAct && !c
                ? actionSet([
                    execute(
                      'Informed consent given',
                      act(app, CARD, 'c07.recordPartyConsent', { party: party.id, partyConsent: 'given' }),
                      {
                        validate: false,
                        style: 'positive',
                      },
                    ),
                    execute(
                      'Refused',
                      act(app, CARD, 'c07.recordPartyConsent', { party: party.id, partyConsent: 'refused' }),
                      { validate: false },
                    ),
                  ])
                : [];
            return [
              text(`${party.label}: ${consentText(c, 'informed consent given', 'refused')}`),
              ...buttons,
            ];
          }),
        ]),
      ]
    : [];
  const footer: CardElement[] =
    missing.length > 0
      ? [
          section(
            'Still needed before the manager can be asked',
            missing.map((m) => text(`• ${m}`)),
          ),
        ]
      : huiStage(s) === 'preparing'
        ? [
            text('Everything needed is recorded: the hui can go to the manager for sign-off.', {
              tone: 'done',
            }),
          ]
        : [];
  const actions: CardAction[] = [];
  if (canAct && missing.length === 0 && viewerIs.caseManager(ctx)) {
    actions.push(
      execute('Send for sign-off', act(app, 'c07.status', 'c07.sendForSignOff'), {
        validate: false,
        style: 'positive',
      }),
    );
  }
  if (viewerIs.organiser(ctx) && !app.closed) actions.push(open(app, 'Change attendees', 'c07.attendees'));
  actions.push(open(app, 'Status', 'c07.status'));
  return card(
    [
      ...huiTop(ctx, 'Support hui: consent and suitability', CHECK_FIELDS),
      section('Support people', [
        text(
          'The prisoner consents to each person being contacted first; then each person consents to take part; then the case manager assesses suitability.',
          {
            subtle: true,
          },
        ),
        ...people,
      ]),
      ...supportChecksSection(ctx, CARD),
      ...rj,
      ...footer,
    ],
    actions,
  );
}
