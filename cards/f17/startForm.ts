import { choicesOf } from '../common';
import { CASE_ROLES, PROGRAMME_KINDS } from '../../services/workflows/f17/model';
import type { FieldError } from '../../services/errors';
import { personPicker } from '../personPicker';
import { prisonerInputs, siteInput, ownSite } from '../formFields';
import { drawStartForm, formStep, steppedForm } from '../steps';
import type { CardElement, FormRenderer, PersonChoice } from '../types';

/**
 * Anyone in the directory the viewer may see (at `site`, when given), picked by typing part of
 * their name; the value sent back is the chosen person's aadObjectId, so the domain never matches
 * people by name.
 */
export function peoplePicker(
  id: string,
  label: string,
  value: string | undefined,
  people: PersonChoice[] | undefined,
  errors: FieldError[] | undefined,
  site?: string,
): CardElement[] {
  return personPicker({ id, label, field: 'staff', site, value, people, errors });
}

const prisoner = formStep(
  'prisoner',
  ['site', 'prisonerId', 'prisonerName', 'accusedStatus', 'courtDate', 'gangStatus', 'rmtStatus', 'rmtLevel'],
  (ask, ctx) => [
    ...siteInput(ask, 'Prison site', ownSite(ctx.viewer, CASE_ROLES)),
    ...prisonerInputs(ask, { prn: 'PRN', name: 'Name', prnMax: 20 }),
    ...ask.choice(
      'accusedStatus',
      'Status',
      choicesOf({
        remand: 'Accused (remand)',
        convicted: 'Convicted, awaiting sentence',
        sentenced: 'Sentenced',
      }),
      { required: true },
    ),
    ...ask.date('courtDate', 'Next court date', { required: true }),
    ...ask.text('gangStatus', 'Gang status', { required: true, placeholder: 'Affiliation, or none' }),
    ...ask.text('rmtStatus', 'RMT status', { required: true }),
    ...ask.text('rmtLevel', 'RMT level', { required: true, maxLength: 40 }),
  ],
);

const programme = formStep(
  'programme',
  ['programmeName', 'programmeKind', 'participants', 'facilitatorId', 'facilitatorName', 'location'],
  (ask, ctx) => [
    ...ask.text('programmeName', 'Programme name', { required: true }),
    ...ask.choice(
      'programmeKind',
      'Kind of non-offence based programme',
      PROGRAMME_KINDS.map((k) => ({ title: k[0]?.toUpperCase() + k.slice(1), value: k })),
      { required: true },
    ),
    ...ask.number('participants', 'Number of participants', { required: true, min: 1, max: 200 }),
    ...personPicker({
      id: 'facilitatorId',
      label: 'Programme facilitator (type part of their name)',
      field: 'facilitator',
      site: ask.kept('site'),
      value: ask.kept('facilitatorId'),
      errors: ask.errors,
      people: ctx.people,
    }),
    ...ask.text('facilitatorName', 'Facilitator’s name (type it if they are not in the directory)'),
    ...ask.text('location', 'Where the programme is held', { required: true }),
  ],
);

/** The F.17.Form.01 top section in two steps: the prisoner (court, gang and RMT status), the programme. */
export const f17StartSteps = steppedForm('F17', [prisoner, programme], {
  heading: 'New suitability to mix assessment',
  subtitle:
    'For one accused prisoner and one non-offence based programme (F.17). It is not a blanket approval.',
  startTitle: 'Start assessment',
});

export const f17StartForm: FormRenderer = drawStartForm(f17StartSteps);
