import { siteInput, prisonerInputs } from '../../../cards/formFields';
import { formStep } from '../../../cards/steps';
import type { SteppedForm } from '../../../cards/steps';

/** One step (the prisoner and what is asked for), then the review and Start. */
export const exampleStartSteps: SteppedForm = {
  kind: 'X01',
  heading: 'New example request',
  subtitle: 'The general manager custodial decides.',
  startTitle: 'Send request',
  steps: [
    formStep('the request', ['site', 'prisonerId', 'prisonerName', 'what'], (ask) => [
      ...siteInput(ask, 'Site'),
      ...prisonerInputs(ask, { prn: 'PRN', name: 'Prisoner name', prnMax: 20 }),
      ...ask.text('what', 'What is asked for', { required: true }),
    ]),
  ],
};
