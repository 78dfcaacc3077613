import { siteInput, prisonerInputs } from '../../../cards/formFields';
import { formStep, steppedForm } from '../../../cards/steps';

/** One step (the prisoner and what is asked for), then the review and Start. */
const request = formStep('the request', ['site', 'prisonerId', 'prisonerName', 'what'], (ask) => [
  ...siteInput(ask, 'Site'),
  ...prisonerInputs(ask, { prn: 'PRN', name: 'Prisoner name', prnMax: 20 }),
  ...ask.text('what', 'What is asked for', { required: true }),
]);

export const exampleStartSteps = steppedForm('X01', [request], {
  heading: 'New example request',
  subtitle: 'The general manager custodial decides.',
  startTitle: 'Send request',
});
