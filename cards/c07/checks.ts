import { choicesOf } from '../common';
import { isHuiCaseManager, isHuiManager, isHuiOrganiser } from '../../services/workflows/c07/access';
import { checkText, relatedChecks } from '../../services/workflows/c07/supportChecks';
import type { SupportCheck } from '../../services/workflows/c07/supportChecks';
import { execute, section, text, inputsFor } from '../kit';
import type { CardElement } from '../types';
import type { HuiCardContext } from './common';
import { act, actionSet } from './common';

export const CHECK_FIELDS = ['matchDecision', 'matchReason'];

// Meaning by a sign and weight, not by coloured text (which fails contrast in Teams' themes).
const TONE: Record<SupportCheck['effect'], 'caution' | undefined> = {
  blocks: 'caution',
  'to-review': 'caution',
  warning: 'caution',
  dismissed: undefined,
};

/** The case manager or the signing manager answers the first open name-only match (issue 14 item 12). */
function reviewForm(ctx: HuiCardContext, card: string, check: SupportCheck): CardElement[] {
  const ask = inputsFor(ctx);
  return [
    text(`Is ${check.personName} the person in ${check.ref}?`, { weight: 'Bolder' }),
    ...ask.radio(
      'matchDecision',
      'Your answer',
      choicesOf({ confirmed: 'Yes: the same person', dismissed: 'No: someone else with the same name' }),
    ),
    ...ask.paragraph('matchReason', 'How you know (e.g. date of birth checked with them)'),
    ...actionSet([
      execute('Record the answer', act(ctx.app, card, 'c07.reviewMatch', { matchKey: check.key })),
    ]),
  ];
}

/**
 * What V.01's prohibition orders and contact restrictions say about the hui's support people, as
 * the engine loaded them; empty when nothing matches. `personId` narrows it to one person.
 */
export function supportChecksSection(ctx: HuiCardContext, card: string, personId?: string): CardElement[] {
  const s = ctx.app.state;
  const checks = relatedChecks(ctx.app).filter((c) => personId === undefined || c.personId === personId);
  const reviewer = isHuiCaseManager(s, ctx.viewer) || isHuiManager(s, ctx.viewer);
  // Who an order or restriction names is for the people running and signing off the hui only.
  if (checks.length === 0 || !(reviewer || isHuiOrganiser(s, ctx.viewer))) return [];
  const open = checks.find((c) => c.effect === 'to-review');
  return [
    section('Support people against V.01 prohibition orders and contact restrictions', [
      ...checks.map((c) => text(checkText(c), TONE[c.effect] ? { tone: TONE[c.effect] } : {})),
      ...(open && reviewer && !ctx.app.closed ? reviewForm(ctx, card, open) : []),
    ]),
  ];
}
