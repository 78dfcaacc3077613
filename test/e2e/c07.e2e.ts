import assert from 'node:assert/strict';
import { stack } from './hooks';

/**
 * C.07 support hui from the start form to the prison director's sign-off, as Alex Wilber, who is
 * the case manager and the prison director at Site-A in directory/demo.yaml. The consent and
 * suitability card is one message the bot redraws in place after every click, so it is held by
 * its position, not looked up again by its (changing) heading.
 */
describe('C.07 support hui, clicked through in the Agents Playground', function () {
  it('new hui → start form → consents and suitability in place → send for sign-off → Sign off', async () => {
    const alex = await stack.as();
    const form = await alex.say('new hui');
    assert.match(await form.innerText(), /Organise a support hui/);
    const started = await alex.fillSteps(
      form,
      [
        {
          'Prisoner PRN': '94018832',
          'Prisoner name': 'Tama Ngata',
          'Site where the hui is held': 'Site-A',
          'Kind of hui': 'Whānau hui',
          Purpose: 'Whānau hui to plan Tama’s support on release.',
          Objectives: 'Agree who supports Tama in the first month after release.',
        },
        {
          'Date (New Zealand)': '2027-03-05',
          'Start time (New Zealand)': '10:00 AM',
          'Duration (minutes)': '90',
          Location: 'Prison',
          'Place (room, address or office)': 'Whānau room, Site-A',
          'Participants attend': 'In person',
        },
        // The case manager, picked among Site-A's case managers by typing part of the name.
        (card) => alex.pick(card, 'The prisoner’s case manager', 'ale', 'Alex Wilber'),
        // The first "Name" on the step is support person 1's.
        { Name: 'Mere Ngata', 'Relationship to the prisoner': 'Mother', 'Contact details': '021 555 0101' },
        {},
        {},
      ],
      'Create hui',
      /Started HUI-\d{4}-\d{5}/,
      /Alex Wilber \(case manager, Site-A\)/,
    );
    const id = /HUI-\d{4}-\d{5}/.exec(started)?.[0] ?? '';
    assert.match(
      started,
      /Fri 5 Mar 2027, 10:00 AM – 11:30 AM/,
      'the date and time typed into the pickers arrived',
    );
    assert.match(started, /Preparing: consents and suitability/);

    await alex.click(form, 'Consent and suitability', /Support hui: consent and suitability/);
    await alex.click(
      form,
      'Prisoner consents to contact',
      /Prisoner consents to contact\s+Yes \(recorded by Alex Wilber/,
    );
    await alex.click(
      form,
      'Mere Ngata consents to take part',
      /Consents to take part\s+Yes \(recorded by Alex Wilber/,
    );
    await alex.click(form, 'Assess suitability', /Support person: Mere Ngata/);
    await alex.fillAll(form, {
      'Is this person suitable to take part?': 'Suitable',
      'Suitability assessment': 'A stable, pro-social support with no current concerns.',
      'Level of pro-social involvement': 'Full involvement in the hui and its planning',
      'When and how contact with them should occur': 'By phone before the hui.',
      IOMS: 'true',
    });
    await alex.click(form, 'Save suitability', /Everything needed is recorded/);
    const before = await alex.cardCount();
    await alex.click(form, 'Send for sign-off', /Waiting for sign-off|sent for sign-off|Sign-off/i);

    // The sign-off request reaches the prison director (Alex again) through the outbox.
    const request = await alex.cardWithButton('Sign off', before);
    assert.match(await request.innerText(), /Mere Ngata/);
    const signedOff = await alex.click(request, 'Sign off', /Signed off by Alex Wilber/);
    assert.match(signedOff, new RegExp(id));
    assert.equal(
      await request.getByRole('button', { name: 'Sign off', exact: true }).count(),
      0,
      'no Sign off button once signed off',
    );
  });
});
