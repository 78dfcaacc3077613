import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Actor } from '../../services/directory/person';
import { cardRenderers, startForms } from '../../cards/registry';
import { v01Samples } from '../samples/v01';
import type { AdaptiveCard } from '../../cards/types';
import { matchSnapshot as matchSnapshotIn } from '../helpers/snapshot';
import { walkCard, validateCard, teamsIssues, reservedInputIdIssues } from '../helpers/cardSchema';
import { workflows } from '../../cards/processes';
import { prohibitionDefinition } from '../../services/workflows/prohibition';
import { chatCommands as prohibitionChatCommands } from '../../services/workflows/prohibition/chat';
import { chatCommands as v01ChatCommands } from '../../services/workflows/v01/chat';
import { adultAt, cppChildAt, orderAt, people, steps } from '../fixtures/v01';
import { v01Definition } from '../../services/workflows/v01';

const SNAPSHOTS = join(__dirname, '__snapshots__');

function matchSnapshot(name: string, card: AdaptiveCard): void {
  matchSnapshotIn(SNAPSHOTS, name, card);
}

const executes = (card: AdaptiveCard) =>
  walkCard(card)
    .filter((n) => n.node['type'] === 'Action.Execute')
    .map((n) => n.node['data'] as { card: string; command?: string; args?: Record<string, unknown> });

describe('V.01 cards', () => {
  it('are registered with start forms for V01 and V01P', () => {
    for (const name of [
      'v01.status',
      'v01p.status',
      'v01.decision',
      'v01.panel',
      'v01.review',
      'v01p.review',
      'v01p.order',
      'v01.notices',
    ])
      assert.ok(cardRenderers[name], name);
    assert.ok(startForms.V01);
    assert.ok(startForms.V01P);
    assert.ok(workflows.some((w) => w.kind === 'V01' && w.idPrefix === 'VIS'));
    assert.ok(workflows.some((w) => w.kind === 'V01P' && w.idPrefix === 'PRO'));
  });

  for (const sample of v01Samples) {
    it(`${sample.name}: valid Adaptive Card for Teams, matching its snapshot`, () => {
      assert.deepEqual(validateCard(sample.card), []);
      assert.deepEqual(teamsIssues(sample.card), []);
      assert.deepEqual(reservedInputIdIssues(sample.card), []);
      matchSnapshot(sample.name, sample.card);
    });
  }

  it('every button names a registered card and a command the definitions know', () => {
    const commands = new Set(['v01.', 'v01p.']);
    for (const sample of v01Samples) {
      for (const d of executes(sample.card)) {
        assert.ok(d.card.startsWith('start:') || cardRenderers[d.card], `${sample.name}: ${d.card}`);
        if (d.command)
          assert.ok(
            [...commands].some((p) => d.command!.startsWith(p)),
            `${sample.name}: ${d.command}`,
          );
      }
    }
  });

  it('the GM decision card has no decision buttons until every core member has recorded', () => {
    const waiting = v01Samples.find((s) => s.name === 'v01.decision.outstanding.gm')!;
    assert.deepEqual(
      executes(waiting.card).filter((d) => d.command === 'v01.decide'),
      [],
    );
    assert.match(JSON.stringify(waiting.card), /Outstanding: Priya Shah/);
    const ready = v01Samples.find((s) => s.name === 'v01.decision.ready.gm')!;
    assert.deepEqual(
      executes(ready.card)
        .filter((d) => d.command === 'v01.decide')
        .map((d) => d.args?.['outcome']),
      ['approved', 'approved-with-conditions', 'declined', 'refer-in-person'],
    );
    assert.ok(ready.card.refresh, 'the approver’s card refreshes');
    const other = v01Samples.find((s) => s.name === 'v01.decision.ready.other')!;
    assert.deepEqual(
      executes(other.card).filter((d) => d.command),
      [],
    );
  });

  it('the restriction cards never offer a way to contact the protected person', () => {
    for (const s of v01Samples.filter((x) => x.name.startsWith('v01.restriction'))) {
      const commands = executes(s.card).map((d) => d.command ?? '');
      assert.ok(
        commands.every(
          (c) => !/contact(?!ed)|reach|message|call/i.test(c.replace('recordProtectedPersonContact', '')),
        ),
        s.name,
      );
    }
    const ncc = v01Samples.find((s) => s.name === 'v01.restriction.non-contact.staff')!;
    assert.ok(!executes(ncc.card).some((d) => d.command === 'v01.recordProtectedPersonContact'));
  });

  it('shows the review officer a countdown', () => {
    const s = v01Samples.find((x) => x.name === 'v01.review.open.reviewer')!;
    assert.match(JSON.stringify(s.card), /Review 1: 21 days left/);
  });

  it('redraws a failed submission with the errors beside the fields and the input kept', () => {
    const s = v01Samples.find((x) => x.name === 'v01.checklist.security.errors')!;
    const json = JSON.stringify(s.card);
    assert.match(json, /Answer yes or no/);
    assert.match(json, /"value":"2012–2014"/);
  });

  it('the decline letter states grounds in fixed words and never the decider’s reasons', () => {
    const r = adultAt([
      [
        people.rmm,
        {
          type: 'v01.decide',
          outcome: 'declined',
          grounds: 'information-false',
          rationale: 'Intelligence indicates the address given is false.',
        },
      ],
    ]);
    const card = cardRenderers['v01.notices']!({ app: r.app, viewer: people.staff, now: r.now, params: {} });
    const json = JSON.stringify(card);
    assert.match(json, /information provided with the application is reasonably believed to be false/);
    assert.doesNotMatch(json, /Intelligence indicates/);
  });

  it('the decider’s reasons are shown only to those who process or decide', () => {
    const r = adultAt([steps.managerDecline()]);
    const psychologist: Actor = {
      aadObjectId: 'aad-psy',
      name: 'Sam Psy',
      roles: [{ role: 'psychologist', site: 'Rimutaka' }],
    };
    const seen = (viewer: Actor) =>
      JSON.stringify(cardRenderers['v01.status']!({ app: r.app, viewer, now: r.now, params: {} }));
    assert.doesNotMatch(seen(psychologist), /Intelligence indicates/);
    assert.match(seen(people.staff), /Intelligence indicates/);
  });

  it('a prohibition order’s status says when it is in force and when it has expired (NZ time)', () => {
    const r = orderAt([], { expiresOn: '2026-04-05' });
    const at = (iso: string) =>
      JSON.stringify(
        cardRenderers['v01p.status']!({
          app: r.app,
          viewer: people.staff,
          now: new Date(iso),
          params: {},
          history: r.history,
        }),
      );
    assert.match(at('2026-04-05T11:59:00Z'), /In force until the close of Sun 5 Apr 2026/);
    assert.match(
      at('2026-04-05T12:00:00Z'),
      /Expired at the close of Sun 5 Apr 2026: the visitor may reapply/,
    );
  });

  it('status shows the timeline from the audit trail', () => {
    const r = cppChildAt([
      ...steps.convene(),
      steps.assess(people.core1),
      steps.assess(people.core2),
      steps.gmApproveWithConditions(),
    ]);
    const card = cardRenderers['v01.status']!({
      app: r.app,
      viewer: people.staff,
      now: r.now,
      params: {},
      history: r.history,
    });
    const json = JSON.stringify(card);
    assert.match(json, /Advisory panel convened/);
    assert.match(json, /Decided: approved-with-conditions \(Aroha Ngata\)/);
  });
});

describe('V.01 chat commands', () => {
  const all = [...v01ChatCommands, ...prohibitionChatCommands];
  const match = (text: string) => all.map((c) => c.match(text)).find((x) => x !== null) ?? null;
  const rows: Array<[string, unknown]> = [
    ['new visitor application', { kind: 'start', workflow: 'V01' }],
    ['  New Visitor Application ', { kind: 'start', workflow: 'V01' }],
    ['new prohibition order', { kind: 'start', workflow: 'V01P' }],
    ['request review VIS-2026-00042', { kind: 'card', card: 'v01.review', applicationId: 'VIS-2026-00042' }],
    ['request review pro-2026-00007', { kind: 'card', card: 'v01p.review', applicationId: 'PRO-2026-00007' }],
    ['notices VIS-2026-00042', { kind: 'card', card: 'v01.notices', applicationId: 'VIS-2026-00042' }],
    [
      'restriction vis-2026-00042',
      { kind: 'card', card: 'v01.restriction', applicationId: 'VIS-2026-00042' },
    ],
    ['restriction PRO-2026-00007', null],
    ['notices PRO-2026-00007', { kind: 'card', card: 'v01p.order', applicationId: 'PRO-2026-00007' }],
    ['notices MIX-2026-00001', null],
    ['request review', null],
    ['new visitor application please', null],
  ];
  for (const [text, expected] of rows) it(`"${text}"`, () => assert.deepEqual(match(text), expected));

  it('are listed on the definitions for help', () => {
    assert.deepEqual(
      v01Definition.chatCommands.map((c) => c.usage),
      ['new visitor application', 'request review <id>', 'restriction <id>', 'notices <id>'],
    );
    assert.deepEqual(
      prohibitionDefinition.chatCommands.map((c) => c.usage),
      ['new prohibition order', 'request review <id>', 'notices <id>'],
    );
  });
});
