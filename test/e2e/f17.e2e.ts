import assert from 'node:assert/strict';
import { stack } from './hooks';
import { nzDate, WorkingCalendar } from '../../services/scheduler/calendar';
import { DEFAULT_DEADLINE_SETTINGS } from '../../services/scheduler/settings';
import { LYNNE } from './stack';

/**
 * F.17 from the start form to the decision, as Alex Wilber: the playground's current user holds
 * every Site-A role in directory/demo.yaml, so every card the process sends lands in Alex's chat
 * and is clicked there. The one step that needs a different person (someone at another site who
 * must not see the assessment) uses a second playground instance whose config names Lynne
 * Robbins as the current user. We chose a second instance over the playground's "Mock an
 * Activity" custom activities because a mocked activity is typed JSON, not a rendered card or a
 * click, and the playground page has no way to change the signed-in user at run time.
 */
describe('F.17 suitability to mix, clicked through in the Agents Playground', function () {
  let id = '';

  it('new mix assessment: the start form, filled and submitted, is replaced in place by the status card', async () => {
    const alex = await stack.as();
    const form = await alex.say('new mix assessment');
    assert.match(await form.innerText(), /New suitability to mix assessment/);
    await alex.fillAll(form, {
      PRN: 'PRN-10042',
      Name: 'Wiremu Tāne',
      Status: 'Accused (remand)',
      'Next court date': '2027-02-14',
      'Gang status': 'none',
      'RMT status': 'assessed',
      'RMT level': 'low',
      'Programme name': 'Te Reo Māori level 1',
      'Kind of non-offence based programme': 'Te ao Māori',
      'Number of participants': '8',
      'Programme facilitator': 'Alex Wilber',
      'Where the programme is held': 'Education block',
    });
    const text = await alex.click(form, 'Start assessment', /Started MIX-\d{4}-\d{5}/);
    id = /MIX-\d{4}-\d{5}/.exec(text)?.[0] ?? '';
    assert.match(text, /Suitability to mix assessment/);
    assert.match(text, /Awaiting the prisoner’s consent/);
    // The prisoner's details are behind "Show sections" (Action.ToggleVisibility, drawn by the client).
    await form.getByRole('button', { name: 'Show sections' }).click();
    assert.match(await form.innerText(), /Sun 14 Feb 2027/, 'the date typed into the date picker arrived');
  });

  it('status for the new id shows it to Alex, and not to Lynne at Site-B (a second playground)', async () => {
    const alex = await stack.as();
    const status = await alex.say(`status ${id}`);
    const text = await status.innerText();
    assert.match(text, new RegExp(id));
    assert.match(text, /Wiremu Tāne/);
    const lynne = await stack.as(LYNNE);
    const hidden = await lynne.say(`status ${id}`);
    assert.match(
      await hidden.innerText(),
      new RegExp(`Not found[\\s\\S]*There is no application ${id} that you can see`),
    );
  });

  it('my tasks → Open gives the consent card in place; Record consent sends each section card', async () => {
    const alex = await stack.as();
    const tasks = await alex.say('my tasks');
    assert.match(await tasks.innerText(), new RegExp(`consent[\\s\\S]*${id}`));
    await alex.click(tasks, 'Open', /Consulted by/, { near: id });
    const before = await alex.cardCount();
    await alex.fillAll(tasks, {
      'Consulted by': 'Alex Wilber',
      'Date consent was given': '2026-11-20',
      'Consent form reference': 'IOMS-DOC-5531',
    });
    await alex.click(tasks, 'Record consent', /Recorded by Alex Wilber/);
    // The section requests arrive through the outbox as new messages in the same chat.
    for (const heading of ['Case management', 'Unit staff', 'Intelligence (restricted)'])
      await alex.cardWithHeading(heading, before);
  });

  it('each required section card is filled and submitted in place, which sends the review card', async () => {
    const alex = await stack.as();
    const before = await alex.cardCount();
    const cm = await alex.cardWithHeading('Case management');
    await alex.fillAll(cm, {
      'Categories and classifications': 'Sentenced, minimum security',
      'Can the prisoner complete': 'No',
      'Why (or why not)': 'Only one class runs',
      'Consent and motivation': 'Keen to learn te reo',
      'Reintegration needs': 'Education, whānau connection',
      'How the programme will promote': 'Builds identity and connection to whānau',
    });
    await alex.click(cm, 'Submit', /Answered by Alex Wilber[\s\S]*Keen to learn te reo/);
    const unit = await alex.cardWithHeading('Unit staff');
    await alex.fillAll(unit, {
      'Unit staff observations': 'Settled',
      'Behaviour and compliance': 'Compliant',
      'Misconducts and incidents': 'None',
      'Relevant alerts': 'None',
    });
    await alex.click(unit, 'Submit', /Answered by Alex Wilber[\s\S]*Compliant/);
    const intel = await alex.cardWithHeading('Intelligence (restricted)');
    await alex.fillAll(intel, {
      'Risks identified': 'Known associate of a rival group in Unit 4',
      'Risks with other prisoners': 'None known',
    });
    await alex.click(intel, 'Submit', /Answered by Alex Wilber[\s\S]*None known/);
    await alex.cardWithHeading('Review: suitability to mix', before);
  });

  it('the review is submitted in place and the decision card arrives; Approve replaces it in place with the outcome', async () => {
    const alex = await stack.as();
    const before = await alex.cardCount();
    const review = await alex.cardWithHeading('Review: suitability to mix');
    await alex.fillAll(review, {
      'Summary of the information': 'All inputs received',
      'Risks identified': 'Low',
      'How each risk will be managed': 'Unit staff escort',
      'Is mixing supported?': 'Supported',
    });
    await alex.click(review, 'Submit to the general manager custodial', /All inputs received/);
    const decision = await alex.cardWithHeading('Decision: suitability to mix', before);
    await alex.fillAll(decision, {
      'Internal: your consideration and opinion': 'Supported by security',
      'Internal: reasons for the decision': 'Low risk; programme supports reintegration',
      'Reasons that may be released to the prisoner': 'The programme supports your reintegration',
      Privacy: 'true',
    });
    const outcome = await alex.click(decision, 'Approve', /Approved/);
    assert.match(outcome, /Low risk; programme supports reintegration/);
    assert.equal(
      await decision.getByRole('button', { name: 'Approve', exact: true }).count(),
      0,
      'no Approve button after the decision',
    );
    assert.equal(
      await decision.getByRole('button', { name: 'Decline', exact: true }).count(),
      0,
      'no Decline button after the decision',
    );
    const status = await alex.say(`status ${id}`);
    assert.match(await status.innerText(), /Approved/);
  });

  it('dev clock: a week on, the overdue notice to tell the prisoner arrives with its card (local development only)', async () => {
    const alex = await stack.as();
    const before = await alex.cardCount();
    await alex.say(`dev clock ${workingMorningAWeekOn()}`);
    // Proactive messages may land before the answer: find each by what it is, not by position.
    const answer = await alex.cardWithHeading('Development clock', before);
    assert.match(await answer.innerText(), /The scheduler ran: [1-9]\d* message\(s\) queued/);
    await alex.cardWithHeading('Tell the prisoner the decision', before);
    await alex.page
      .getByText(/Overdue: Tell Wiremu Tāne .* was due/)
      .first()
      .waitFor({ timeout: 30_000 });
    const beforeReset = await alex.cardCount();
    await alex.say('dev clock reset');
    const reset = await alex.cardWithHeading('Development clock', beforeReset);
    assert.match(await reset.innerText(), /\(\+0 h from real time\)/);
  });
});

/** 10:00 in New Zealand on the first working day at least a week from now, as `dev clock` takes it. */
function workingMorningAWeekOn(): string {
  const cal = new WorkingCalendar(DEFAULT_DEADLINE_SETTINGS.calendar);
  const day = cal.workingDayAfter(nzDate(new Date(Date.now() + 7 * 24 * 3600_000)), 0, '*');
  return `${day}T10:00`;
}
