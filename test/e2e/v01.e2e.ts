import assert from 'node:assert/strict';
import { stack } from './hooks';

/**
 * V.01 visitor application from the nomination to the decision, as Alex Wilber, who is the
 * reception/movements manager (the checks) and the general manager custodial (the decision) at
 * Site-A in directory/demo.yaml. The checklist is one message redrawn in place after each
 * click; each item's "Record as checked" must tick that item.
 */
describe('V.01 visitor application, clicked through in the Agents Playground', function () {
  it('new visitor application → forms sent and received → every pre-approval check → Approve in place', async () => {
    const alex = await stack.as();
    const card = await alex.say('new visitor application');
    assert.match(await card.innerText(), /New visitor application/);
    const started = await alex.fillSteps(
      card,
      [
        {
          'Prison (site)': 'Site-A',
          PRN: 'PRN-20077',
          'Prisoner name': 'Rawiri Tipene',
          'Does the prisoner have a Child Protection Policy alert in IOMS?': 'No',
        },
        {
          'Visitor type': 'Private visitor (adult)',
          'Full name': 'Huia Henare',
          'Date of birth': '1980-06-01',
          'Last known address': '12 Rata Street, Porirua',
          'Relationship to the prisoner': 'Sister',
        },
        {},
        { 'Is the visitor the subject of a contact restriction?': 'None' },
      ],
      'Record nomination',
      /Started VIS-\d{4}-\d{5}/,
    );
    const id = /VIS-\d{4}-\d{5}/.exec(started)?.[0] ?? '';
    assert.match(started, /Huia Henare, born Sun 1 Jun 1980/);

    await alex.click(card, 'Open: Checklist', /Forms and pre-approval checks/);
    await alex.fillAll(card, { 'Sent to': 'Huia Henare', How: 'Posted to the last known address' });
    await alex.click(card, 'Record forms sent', /How it came back/);
    await alex.fill(card, 'How it came back', 'By post');
    await alex.click(card, 'Record application received', /Pre-approval checklist/);

    const checks: Array<[string, Record<string, string>]> = [
      ['The application form is fully completed', {}],
      ['The correct identification evidence has been provided', {}],
      ['Authority to access official records has been given', { 'Did the visitor give authority': 'Yes' }],
      ['The visitor’s details are entered in IOMS', {}],
      [
        'Security checks in IOMS visitor records',
        {
          'Has the visitor ever served a sentence': 'No',
          'Is the visitor currently on bail?': 'No',
          'Convicted of an offence in the last 2 years?': 'No',
        },
      ],
      ['Relevant identities found with Query Identity', {}],
      ['Conviction History and Active Charges checked', {}],
      [
        'Matters needing further information or investigation identified',
        { 'Does anything need further information': 'No' },
      ],
    ];
    const before = await alex.cardCount();
    for (const [item, values] of checks) {
      await alex.fillAll(card, values);
      await alex.click(card, 'Record as checked', `✔ ${item}`);
    }
    assert.match(await card.innerText(), /All checks are recorded/);

    // The decision request reaches the decision maker (Alex again) through the outbox.
    const decision = await alex.cardWithHeading('Visitor application: decision', before);
    assert.match(await decision.innerText(), new RegExp(id));
    await alex.fill(decision, 'Reasons for the decision', 'Checks clear; supports whānau connection');
    const outcome = await alex.click(decision, 'Approve', /Decided by Alex Wilber/);
    assert.match(outcome, /Approved[\s\S]*Checks clear; supports whānau connection/);
    assert.equal(
      await decision.getByRole('button', { name: 'Approve', exact: true }).count(),
      0,
      'no Approve button after the decision',
    );
  });
});
