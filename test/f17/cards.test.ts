import assert from 'node:assert/strict';
import path from 'node:path';
import type { F17Fixture } from '../fixtures/f17';
import { INTEL_MARKER, NON_ASSOCIATION_MARKER, fixtures, people } from '../fixtures/f17';
import { f17Samples } from '../samples/f17';
import { cardRenderers, startForms } from '../../cards/registry';
import type { AdaptiveCard, CardContext } from '../../cards/types';
import type { Actor } from '../../services/directory/person';
import { ROLES } from '../../services/directory/roles';
import { buildDisclosure } from '../../services/workflows/f17/disclosure';
import { matchSnapshot } from '../helpers/snapshot';
import { reservedInputIdIssues, teamsIssues, validateCard, walkCard } from '../helpers/cardSchema';

const SNAPSHOT_DIR = path.join(__dirname, '__snapshots__');
const ACTION_DATA_KEYS = ['card', 'applicationId', 'version', 'command', 'args', 'params', 'refresh'];

function render(card: string, f: F17Fixture, viewer: Actor, extra: Partial<CardContext> = {}): AdaptiveCard {
  const r = cardRenderers[card];
  assert.ok(r, `no renderer ${card}`);
  return r({ app: f.app, viewer, now: f.now, params: {}, history: f.history, ...extra });
}
const json = (c: AdaptiveCard) => JSON.stringify(c);
const executes = (c: AdaptiveCard) =>
  [...walkCard(c).map((x) => x.node), ...(c.actions ?? []), ...(c.refresh ? [c.refresh.action] : [])].filter(
    (x) => x['type'] === 'Action.Execute',
  );
const buttons = (c: AdaptiveCard) => (c.actions ?? []).map((a) => String(a['title']));

describe('F.17 cards: snapshots and schema', () => {
  it('samples have unique, file-safe names', () => {
    const names = f17Samples.map((s) => s.name);
    assert.equal(new Set(names).size, names.length);
    for (const n of names) assert.match(n, /^[a-z0-9.-]+$/);
  });

  for (const sample of f17Samples) {
    describe(sample.name, () => {
      it('matches its snapshot', () => {
        matchSnapshot(SNAPSHOT_DIR, sample.name, sample.card);
      });
      it('is a valid Adaptive Card 1.5 that Teams renders', () => {
        assert.deepEqual(validateCard(sample.card), []);
        assert.deepEqual(teamsIssues(sample.card), []);
        assert.deepEqual(reservedInputIdIssues(sample.card), []);
      });
      it('buttons carry names, ids and a version only: never a person or a role', () => {
        const ids = Object.values(people).map((p) => p.aadObjectId);
        for (const a of executes(sample.card)) {
          const data = a['data'] as Record<string, unknown>;
          for (const k of Object.keys(data))
            assert.ok(ACTION_DATA_KEYS.includes(k), `unexpected data key ${k}`);
          const text = JSON.stringify(data);
          for (const id of ids) assert.ok(!text.includes(id), `action data carries ${id}`);
          // A section is named "intelligence" like the role; it says which section, not who may answer.
          const { section: _a, ...args } = (data['args'] ?? {}) as Record<string, unknown>;
          const { section: _p, ...params } = (data['params'] ?? {}) as Record<string, unknown>;
          const rest = JSON.stringify({ ...data, args, params });
          for (const r of ROLES) assert.ok(!rest.includes(`"${r}"`), `action data carries role ${r}`);
        }
      });
      it('does not mark inputs required when the card can save a draft', () => {
        if (!buttons(sample.card).includes('Save draft')) return;
        for (const n of walkCard(sample.card)) assert.notEqual(n.node['isRequired'], true, n.path);
      });
    });
  }
});

describe('F.17 cards: the restricted intelligence section', () => {
  const decided = [fixtures.approved, fixtures.declined, fixtures.closedApproved];
  const everyone = Object.values(people);

  it('never appears in the channel post, for any state', () => {
    for (const f of [...decided, fixtures.awaitingDecision].map((g) => g())) {
      const c = json(render('f17.channelDecision', f, people.stranger));
      assert.ok(!c.includes(INTEL_MARKER) && !c.includes('INTEL-7Q'));
      assert.ok(!c.includes(f.app.state.decision?.reasons ?? '¬'), 'reasons stay out of the channel');
    }
  });

  it('never appears in a disclosure, nor non-association information, for any viewer', () => {
    for (const f of decided.map((g) => g())) {
      const d = JSON.stringify(buildDisclosure(f.app));
      assert.ok(!d.includes('INTEL-7Q') && !d.includes('NONASSOC-3K'));
      for (const viewer of everyone) {
        const c = json(render('f17.disclosure', f, viewer));
        assert.ok(!c.includes('INTEL-7Q') && !c.includes('NONASSOC-3K'), viewer.name);
      }
    }
  });

  it('the disclosure says what was withheld and on which ground', () => {
    const d = buildDisclosure(fixtures.approved().app);
    assert.equal(d.outcome, 'approved');
    assert.equal(d.reasons, fixtures.approved().app.state.decision?.releasableReasons);
    const what = d.withheld.map((w) => w.what).join(' | ');
    assert.match(what, /intelligence/i);
    assert.match(what, /Non-association/);
    assert.ok(d.withheld.every((w) => /Privacy Act 2020/.test(w.ground)));
    assert.match(d.statement, /withheld under the Privacy Act 2020/);
    assert.ok(
      d.sections.some((s) => s.answers.some((a) => a.value === 'No active alerts.')),
      'the prisoner’s own information is given',
    );
    assert.ok(
      d.sections.some((s) => s.answers.some((a) => a.value === 'No' && /without mixing/.test(a.label))),
      'yes/no answers read as words',
    );
  });

  it('a disclosure before any decision, or after withdrawal, gives no reasons', () => {
    assert.equal(buildDisclosure(fixtures.awaitingDecision().app).status, 'undecided');
    const w = buildDisclosure(fixtures.withdrawn().app);
    assert.equal(w.status, 'withdrawn');
    assert.deepEqual(w.sections, []);
  });

  it('only the case manager and the general manager custodial see the disclosure', () => {
    const f = fixtures.approved();
    for (const viewer of [people.caseManager, people.gm])
      assert.ok(json(render('f17.disclosure', f, viewer)).includes(f.app.state.decision!.releasableReasons!));
    for (const viewer of [people.caseOfficer, people.intelligence, people.otherSite, people.stranger]) {
      const c = json(render('f17.disclosure', f, viewer));
      assert.ok(!c.includes(f.app.state.decision!.releasableReasons!), viewer.name);
      assert.match(c, /not available to you/);
    }
  });

  it('the status card shows it to intelligence, reviewers and the GM only', () => {
    const f = fixtures.awaitingDecision();
    for (const viewer of [people.intelligence, people.csm, people.securityManager, people.gm]) {
      assert.ok(json(render('f17.status', f, viewer)).includes('INTEL-7Q'), viewer.name);
    }
    for (const viewer of [
      people.caseManager,
      people.caseOfficer,
      people.pco,
      people.psychologist,
      people.scheduler,
      people.facilitator,
      people.otherSite,
      people.stranger,
    ]) {
      assert.ok(!json(render('f17.status', f, viewer)).includes('INTEL-7Q'), viewer.name);
    }
  });

  it('an answered intelligence section card is restricted for others too', () => {
    const f = fixtures.readyForReview();
    assert.ok(
      !json(render('f17.section', f, people.caseOfficer, { params: { section: 'intelligence' } })).includes(
        'INTEL-7Q',
      ),
    );
    assert.ok(
      json(render('f17.section', f, people.gm, { params: { section: 'intelligence' } })).includes('INTEL-7Q'),
    );
  });

  it('non-association detail is shown to the case team in status but never disclosed', () => {
    const f = fixtures.approved();
    assert.ok(json(render('f17.status', f, people.caseManager)).includes(NON_ASSOCIATION_MARKER));
  });
});

describe('F.17 cards: who sees what', () => {
  it('the approver sees Approve and Decline with a refresh for them; others see no buttons', () => {
    const f = fixtures.awaitingDecision();
    const gm = render('f17.decision', f, people.gm);
    assert.deepEqual(buttons(gm), ['Approve', 'Decline']);
    assert.deepEqual(gm.refresh?.userIds, [people.gm.aadObjectId]);
    const args = (gm.actions ?? []).map((a) => a['data'] as { command: string; args: { outcome: string } });
    assert.deepEqual(
      args.map((a) => [a.command, a.args.outcome]),
      [
        ['f17.decide', 'approved'],
        ['f17.decide', 'declined'],
      ],
    );
    for (const viewer of [people.csm, people.intelligence, people.otherSite, people.stranger]) {
      const c = render('f17.decision', f, viewer);
      assert.deepEqual(buttons(c), [], viewer.name);
      assert.equal(c.refresh, undefined);
    }
    assert.match(
      json(render('f17.decision', f, people.otherSite)),
      /This is for general manager custodial at Arohata\./,
    );
  });

  it('after the decision everyone, the approver included, sees the outcome and no buttons', () => {
    const f = fixtures.approved();
    for (const viewer of [people.gm, people.facilitator, people.caseOfficer]) {
      const c = render('f17.decision', f, viewer);
      assert.deepEqual(buttons(c), []);
      assert.match(json(c), /Approved: the prisoner may mix/);
      assert.match(json(c), /Decided by Kiri Te Rangi/);
    }
    assert.ok(
      !json(render('f17.decision', f, people.facilitator)).includes(f.app.state.decision!.reasons),
      'the facilitator sees the outcome, not the reasons',
    );
  });

  it('a section card is for its role at the site; once answered it shows who and when', () => {
    const f = fixtures.consented();
    const mine = render('f17.section', f, people.caseManager, { params: { section: 'caseManagement' } });
    assert.deepEqual(buttons(mine), ['Save draft', 'Submit']);
    const theirs = render('f17.section', f, people.otherSite, { params: { section: 'caseManagement' } });
    assert.deepEqual(buttons(theirs), []);
    assert.match(json(theirs), /This is for case manager or principal case manager at Arohata\./);
    const answered = render('f17.section', fixtures.partlyAnswered(), people.caseManager2, {
      params: { section: 'caseManagement' },
    });
    assert.deepEqual(buttons(answered), []);
    assert.match(json(answered), /Answered by Aroha Ngata at Tue 3 Mar 2026, 12:00 PM/);
  });

  it('a failed submission comes back with the error beside its field and the answers kept', () => {
    const f = fixtures.consented();
    const c = render('f17.section', f, people.caseOfficer, {
      params: { section: 'unit' },
      input: { observations: 'Kept answer' },
      errors: [{ field: 'behaviour', message: 'Enter an answer for “Behaviour and compliance”.' }],
    });
    const nodes = walkCard(c).map((x) => x.node);
    const i = nodes.findIndex((x) => x['id'] === 'behaviour');
    assert.equal(nodes[i + 1]?.['text'], 'Enter an answer for “Behaviour and compliance”.');
    assert.equal(nodes.find((x) => x['id'] === 'observations')?.['value'], 'Kept answer');
  });

  it('after withdrawal every card says so and offers no buttons', () => {
    const f = fixtures.withdrawn();
    for (const [name, params] of [
      ['f17.section', { section: 'unit' }],
      ['f17.review', {}],
      ['f17.decision', {}],
      ['f17.consent', {}],
      ['f17.withdraw', {}],
      ['f17.contributor', {}],
    ] as const) {
      const c = render(name, f, people.caseOfficer, { params });
      assert.match(json(c), /Consent withdrawn/, name);
      assert.deepEqual(buttons(c), [], name);
    }
  });

  it('the status card offers Withdraw consent to the case team only, an approval included, not after a decline', () => {
    const f = fixtures.partlyAnswered();
    assert.ok(buttons(render('f17.status', f, people.caseOfficer)).includes('Withdraw consent'));
    assert.ok(buttons(render('f17.status', f, people.caseManager)).includes('Withdraw consent'));
    for (const viewer of [people.intelligence, people.gm, people.otherSite])
      assert.ok(!buttons(render('f17.status', f, viewer)).includes('Withdraw consent'));
    assert.ok(
      buttons(render('f17.status', fixtures.approved(), people.caseManager)).includes('Withdraw consent'),
    );
    assert.ok(
      !buttons(render('f17.status', fixtures.declined(), people.caseManager)).includes('Withdraw consent'),
    );
  });

  it('the status card lists who answered and who is outstanding, with the timeline', () => {
    const c = json(render('f17.status', fixtures.partlyAnswered(), people.caseOfficer));
    assert.match(c, /Answered by Aroha Ngata/);
    assert.match(c, /Outstanding: case officer or principal corrections officer at Arohata/);
    assert.match(c, /Outstanding: intelligence at Arohata/);
    assert.match(c, /Prisoner’s consent recorded/);
    assert.match(c, /Section submitted: Case management/);
  });

  it('section answers are for the staff taking part; others see who answered, not what', () => {
    const f = fixtures.approved();
    for (const viewer of [people.caseOfficer, people.psychologist, people.csm])
      assert.ok(json(render('f17.status', f, viewer)).includes('No active alerts.'), viewer.name);
    for (const viewer of [people.scheduler, people.facilitator, people.otherSite]) {
      const c = json(render('f17.status', f, viewer));
      assert.ok(!c.includes('No active alerts.'), viewer.name);
      assert.match(c, /Answered by Mere Wiremu/);
    }
  });

  it('the status card says which step is waiting, and for whom', () => {
    assert.match(
      json(render('f17.status', fixtures.awaitingDecision(), people.caseOfficer)),
      /The decision: general manager custodial at Arohata/,
    );
    assert.match(
      json(render('f17.status', fixtures.declined(), people.gm)),
      /Confirmation that the prisoner was told: case manager, principal case manager or case officer at Arohata/,
    );
    assert.doesNotMatch(json(render('f17.status', fixtures.closedApproved(), people.gm)), /Waiting for/);
  });

  it('every card a task or notification names is registered, and the start form is', () => {
    assert.ok(startForms.F17);
    const named = new Set<string>();
    for (const g of Object.values(fixtures)) {
      const f = g();
      for (const t of f.app.openTasks) if (t.card) named.add(t.card);
      for (const n of f.notified.flatMap((x) => x.notifications)) if (n.cardRef) named.add(n.cardRef.name);
    }
    assert.ok(named.size >= 8);
    for (const name of named) assert.ok(cardRenderers[name], name);
  });
});
