import assert from 'node:assert/strict';
import { stack } from './hooks';

/**
 * V.01.09.8 in the Agents Playground: a visitor application is checked and its decision card is
 * waiting with Approve on it; then a prohibition order is signed against the same visitor for the
 * same prisoner. The Approve click on the card already on screen (a stale or crafted click) is
 * refused with the order named, the card is redrawn with only Decline, and the application's
 * status shows the order with its id and expiry.
 */
describe('V.01 prohibited visitor, clicked through in the Agents Playground', function () {
  it('an order signed while the decision waits: the application is flagged and its Approve refused', async () => {
    const alex = await stack.as();
    const form = await alex.say('new visitor application');
    const started = await alex.fillSteps(
      form,
      [
        {
          'Prison (site)': 'Site-A',
          PRN: 'PRN-20088',
          'Prisoner name': 'Hone Kereama',
          'Does the prisoner have a Child Protection Policy alert in IOMS?': 'No',
        },
        {
          'Visitor type': 'Private visitor (adult)',
          'Full name': 'Tama Kereama',
          'Date of birth': '1975-03-09',
          'Last known address': '3 Totara Street, Porirua',
          'Relationship to the prisoner': 'Brother',
        },
        {},
        { 'Is the visitor the subject of a contact restriction?': 'None' },
      ],
      'Record nomination',
      /Started VIS-\d{4}-\d{5}/,
    );
    const id = /VIS-\d{4}-\d{5}/.exec(started)?.[0] ?? '';
    assert.doesNotMatch(started, /Prohibition order/, 'no order yet');

    await alex.click(form, 'Open: Checklist', /Forms and pre-approval checks/);
    await alex.fillAll(form, { 'Sent to': 'Tama Kereama', How: 'Posted to the last known address' });
    await alex.click(form, 'Record forms sent', /How it came back/);
    await alex.fill(form, 'How it came back', 'By post');
    await alex.click(form, 'Record application received', /Pre-approval checklist/);
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
      await alex.fillAll(form, values);
      await alex.click(form, 'Record as checked', `✔ ${item}`);
    }
    const decision = await alex.cardWithHeading('Visitor application: decision', before);
    assert.match(await decision.innerText(), new RegExp(id));
    assert.equal(await decision.getByRole('button', { name: 'Approve', exact: true }).count(), 1);

    // The reception/movements manager signs an order against the same visitor for this prisoner.
    const order = await alex.say('new prohibition order');
    const signed = await alex.fillSteps(
      order,
      [
        {
          'Prison (site)': 'Site-A',
          'Full name': 'Tama Kereama',
          'Date of birth': '1975-03-09',
          'Last known address': '3 Totara Street, Porirua',
        },
        async (card) => {
          await alex.fillAll(card, {
            'Prohibited from visiting': 'One prisoner',
            'Prisoners (one per line': 'PRN-20088 Hone Kereama',
            'Reasons as the visitor will read them':
              'A visit is likely to affect the good order of the prison.',
            Privacy: 'true',
            'Expiry date': '2030-01-31',
          });
          await alex.tick(
            card,
            'Likely to adversely affect the security, discipline or good order of the prison (V.01.03.5.1)',
          );
        },
      ],
      'Sign and issue order',
      /Started PRO-\d{4}-\d{5}/,
    );
    const orderId = /PRO-\d{4}-\d{5}/.exec(signed)?.[0] ?? '';

    // The Approve on the decision card already on screen is refused, and the card says why.
    await alex.fill(decision, 'Reasons for the decision', 'Checks clear');
    const refused = await alex.click(
      decision,
      'Approve',
      new RegExp(`${orderId}[\\s\\S]*prevents this visit`),
    );
    assert.match(refused, /can be declined or wait until the order ends/);
    assert.doesNotMatch(refused, /Decided by/);
    assert.equal(await decision.getByRole('button', { name: 'Approve', exact: true }).count(), 0);
    assert.equal(await decision.getByRole('button', { name: 'Decline', exact: true }).count(), 1);

    const status = await alex.say(`status ${id}`);
    assert.match(
      await status.innerText(),
      new RegExp(`Prohibition order ${orderId} \\(Site-A\\), in force until`),
    );
  });
});
