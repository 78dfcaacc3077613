import { siteInput, prisonerInputs } from '../../../cards/formFields';
import { textInput } from '../../../cards/kit';
import { formStep } from '../../../cards/steps';
import type { SteppedForm } from '../../../cards/steps';

/** One step (the prisoner and what is asked for), then the review and Start. */
export const exampleStartSteps: SteppedForm = {
  kind: 'X01',
  heading: 'New example request',
  subtitle: 'The general manager custodial decides.',
  startTitle: 'Send request',
  steps: [
    formStep('the request', ['site', 'prisonerId', 'prisonerName', 'what'], (v, ctx) => [
      ...siteInput('Site', v('site'), ctx.errors),
      ...prisonerInputs(v, ctx.errors, { prn: 'PRN', name: 'Prisoner name', prnMax: 20 }),
      ...textInput({
        id: 'what',
        label: 'What is asked for',
        value: v('what'),
        required: true,
        errors: ctx.errors,
      }),
    ]),
  ],
};
