import {
  card,
  execute,
  formErrors,
  heading,
  notice,
  refreshFor,
  section,
  sectionsDetail,
  text,
} from '../kit';
import { openStatusButton } from '../statusButtons';
import type { AdaptiveCard, CardAction, CardElement } from '../types';
import type { HuiCardContext } from './common';
import {
  act,
  agencySection,
  clearedPeople,
  huiFacts,
  managerLabel,
  purposeSection,
  questionsSection,
  safetySection,
  signOffText,
  staffAndProviders,
  supportPersonBlock,
  viewerIs,
  hui,
} from './common';
import { NOT_A_PRIVATE_VISIT, huiStage } from '../../services/workflows/c07/model';

import { CHECK_FIELDS, supportChecksSection } from './checks';

const CARD = 'c07.notification';

/**
 * C.07.03.Form.01 Support Hui – Notification, as the relevant manager sees it: the whole proposal,
 * with Ask a question / Require safety measures / Sign off while it waits for them. Everyone else
 * gets the same record without the buttons.
 */
export function c07NotificationCard(ctx: HuiCardContext): AdaptiveCard {
  const { app, s, ask } = hui(ctx);
  const e = ctx.errors;
  const deciding = viewerIs.manager(ctx) && huiStage(s) === 'awaiting-sign-off';
  const people = clearedPeople(s);
  const body: CardElement[] = [
    ...heading('Support hui notification', `${app.title}: for sign-off by the ${managerLabel(s)}`),
    ...notice(ctx.notice),
    ...formErrors(e, ['question', 'measures', ...CHECK_FIELDS]),
    text(NOT_A_PRIVATE_VISIT, { weight: 'Bolder' }),
    huiFacts(app),
    text(`Organised by ${s.organiserName}.`, { subtle: true }),
    // Who is coming is part of the summary; each person's assessment is behind "Show sections".
    text(`Support people: ${people.map((p) => `${p.name} (${p.relationship})`).join(', ') || 'none'}.`),
    ...supportChecksSection(ctx, CARD),
    section('Sign-off', [text(signOffText(s))]),
    ...sectionsDetail([
      purposeSection(s),
      ...agencySection(s),
      ...staffAndProviders(s),
      section(
        'Support participants and their suitability assessments',
        people.length
          ? people.map((p) =>
              supportPersonBlock(p, {
                withContact: false,
                withAssessment: viewerIs.manager(ctx) || viewerIs.organiser(ctx),
              }),
            )
          : [text('No support people.', { subtle: true })],
      ),
      ...questionsSection(s),
      ...safetySection(s),
    ]),
  ];
  const actions: CardAction[] = [];
  if (deciding) {
    body.push(
      section('Your response', [
        ...ask.paragraph('question', 'A question for the case manager'),
        ...ask.paragraph(
          'measures',
          'Safety measures for staff, participants and the security of the prison',
        ),
      ]),
    );
    actions.push(
      execute('Ask a question', act(app, CARD, 'c07.askQuestion')),
      execute('Require safety measures', act(app, CARD, 'c07.requireSafetyMeasures')),
      execute('Sign off', act(app, CARD, 'c07.signOff'), { style: 'positive' }),
    );
  } else {
    actions.push(openStatusButton(app));
  }
  const refresh = viewerIs.manager(ctx)
    ? refreshFor({ card: CARD, applicationId: app._id }, [ctx.viewer.aadObjectId])
    : undefined;
  return card(body, actions, refresh);
}
