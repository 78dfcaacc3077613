import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { c07Cards, c07StartForm } from '../../cards/c07';
import { PureHui, huiPeople, huiStartInput, sentHui, signedOffHui } from '../fixtures/c07';
import { c07Samples } from '../samples/c07';
import { cardRenderers, startForms } from '../../cards/registry';
import type { ActionData, AdaptiveCard } from '../../cards/types';
import { c07Definition } from '../../services/workflows/c07/definition';
import type { HuiState } from '../../services/workflows/c07/model';
import type { CardContext } from '../../cards/types';
import { matchSnapshot as matchSnapshotIn } from '../helpers/snapshot';
import { reservedInputIdIssues, teamsIssues, validateCard, walkCard } from '../helpers/cardSchema';

const SNAPSHOT_DIR = join(__dirname, '__snapshots__');
const { caseManager: cm, caseOfficer, director, otherSiteDirector } = huiPeople;

function matchSnapshot(name: string, card: AdaptiveCard): void {
  matchSnapshotIn(SNAPSHOT_DIR, name, card);
}

function render(
  name: string,
  h: PureHui,
  viewer: CardContext['viewer'],
  extra: Partial<CardContext<HuiState>> = {},
): AdaptiveCard {
  return cardRenderers[name]!({ app: h.app, viewer, now: h.now, params: {}, history: h.history, ...extra });
}

function executeActions(
  card: AdaptiveCard,
): Array<{ title: string; data: ActionData & { refresh?: boolean } }> {
  return walkCard(card)
    .filter((n) => n.node.type === 'Action.Execute')
    .map((n) => ({ title: String(n.node.title), data: n.node.data as ActionData }));
}

function inputIds(card: AdaptiveCard): string[] {
  return walkCard(card)
    .filter((n) => String(n.node.type).startsWith('Input.'))
    .map((n) => String(n.node.id));
}

describe('C.07 cards: every sample', () => {
  it('has unique, file-safe names and covers every registered C.07 card', () => {
    const names = c07Samples.map((s) => s.name);
    assert.equal(new Set(names).size, names.length);
    for (const n of names) assert.match(n, /^[a-z0-9.-]+$/);
    for (const card of Object.keys(c07Cards)) {
      assert.ok(
        names.some((n) => n === card || n.startsWith(`${card}.`)),
        `no sample of ${card}`,
      );
    }
    assert.ok(names.includes('c07.start'));
  });

  for (const sample of c07Samples) {
    describe(sample.name, () => {
      it('is a valid Adaptive Card 1.5 that Teams renders', () => {
        assert.deepEqual(
          [...validateCard(sample.card), ...teamsIssues(sample.card), ...reservedInputIdIssues(sample.card)],
          [],
        );
      });
      it('matches its snapshot', () => {
        matchSnapshot(sample.name, sample.card);
      });
      it('carries only ActionData on its buttons', () => {
        const allowed = ['card', 'applicationId', 'version', 'command', 'args', 'params', 'refresh'];
        for (const a of executeActions(sample.card)) {
          for (const key of Object.keys(a.data)) assert.ok(allowed.includes(key), `${a.title}: ${key}`);
          assert.ok(
            a.data.card === 'start:C07' || a.data.card in cardRenderers,
            `${a.title} → ${a.data.card}`,
          );
          if (a.data.command) assert.match(a.data.command, /^c07\./);
          // Nothing about who someone is travels on a button: roles and people come from the directory.
          assert.doesNotMatch(JSON.stringify(a.data), /aad-|prison-director|case-manager/);
        }
      });
    });
  }
});

describe('C.07 cards: behaviour', () => {
  it('registers the start form and every card under c07.*', () => {
    assert.equal(startForms.C07, c07StartForm);
    assert.ok(cardRenderers['c07.status']);
    for (const n of [
      'c07.status',
      'c07.consent',
      'c07.notification',
      'c07.question',
      'c07.entrypost',
      'c07.outcome',
      'c07.cancel',
      'c07.reschedule',
    ]) {
      assert.equal(typeof cardRenderers[n], 'function', n);
    }
  });

  it('the start form sends what the start schema reads, under the same ids', () => {
    const ids = inputIds(c07StartForm({ viewer: cm, now: new Date() }));
    const input = huiStartInput({
      agency: 'x',
      agencyCoordinator: 'x',
      agencyCoordinatorContact: 'x',
      agencyAttendance: 'avl',
      caseManagerId: 'x',
      sp3Name: 'a',
      sp3Relationship: 'b',
      sp3Contact: 'c',
      sp4Name: 'a',
      sp4Relationship: 'b',
      sp4Contact: 'c',
      pv2Org: 'a',
      pv2Person: 'b',
      pv3Org: 'a',
      pv3Person: 'b',
      rjVictims: 'Ana Rewi — the person harmed',
      protectiveFactors: 'Strong bond with his mother',
    });
    assert.deepEqual([...ids].sort(), Object.keys(input).sort());
    assert.ok(c07Definition.startSchema.safeParse(input).success);
  });

  it('the start form keeps what was typed and shows each error beside its field', () => {
    const card = c07StartForm({
      viewer: cm,
      now: new Date(),
      input: huiStartInput({ purpose: 'Hui mō te whānau' }),
      errors: [{ field: 'time', message: '02:30 does not exist' }],
    });
    const body = walkCard(card);
    const timeIdx = body.findIndex((n) => n.node.id === 'time');
    assert.equal(body[timeIdx + 1]?.node.text, '02:30 does not exist');
    assert.equal(body.find((n) => n.node.id === 'purpose')?.node.value, 'Hui mō te whānau');
  });

  it('gives the site’s manager Ask a question / Require safety measures / Sign off and a refresh; others see no buttons', () => {
    const h = sentHui();
    const forManager = render('c07.notification', h, director);
    assert.deepEqual(
      executeActions(forManager)
        .filter((a) => !a.data.refresh)
        .map((a) => [a.title, a.data.command]),
      [
        ['Ask a question', 'c07.askQuestion'],
        ['Require safety measures', 'c07.requireSafetyMeasures'],
        ['Sign off', 'c07.signOff'],
      ],
    );
    assert.deepEqual(forManager.refresh?.userIds, [director.aadObjectId]);
    for (const viewer of [cm, caseOfficer, otherSiteDirector]) {
      const card = render('c07.notification', h, viewer);
      assert.deepEqual(
        executeActions(card)
          .filter((a) => a.data.command)
          .map((a) => a.title),
        [],
        viewer.name,
      );
    }
    const signed = signedOffHui();
    assert.deepEqual(
      executeActions(render('c07.notification', signed, director)).filter((a) => a.data.command),
      [],
    );
  });

  it('the notification carries everything the notification form holds', () => {
    const h = sentHui();
    const json = JSON.stringify(render('c07.notification', h, director));
    for (const s of [
      'Sun 5 Apr 2026, 10:00 AM',
      'Whānau room, Rimutaka Prison',
      'Tama Ngata (94018832)',
      'Whānau hui to plan',
      'Objectives: Agree who supports Tama',
      'Sam Lee (case officer, unit supervision)',
      'Aroha Smith, Te Whare Hāpai Tangata',
      'Mere Ngata — Mother',
      'Hemi Walker — Uncle',
      'Suitability assessment: Mere Ngata is a stable',
      'Full involvement in the hui and its planning',
      'NOT a private visit',
    ]) {
      assert.ok(json.includes(s), s);
    }
  });

  it('shows the case manager the next consent step for each person, and the organiser nothing they may not do', () => {
    const h = new PureHui();
    const titles = executeActions(render('c07.consent', h, cm)).map((a) => a.title);
    assert.ok(titles.includes('Prisoner consents to contact'));
    assert.ok(!titles.includes('Send for sign-off'));
    const other = executeActions(render('c07.consent', h, director)).filter((a) => a.data.command);
    assert.deepEqual(other, []);
  });

  it('shows contact details and suitability assessments only to those who need them', () => {
    const h = sentHui();
    const forOfficer = JSON.stringify(render('c07.notification', h, caseOfficer));
    assert.ok(forOfficer.includes('Mere Ngata — Mother'));
    assert.ok(!forOfficer.includes('Suitability assessment:'));
    assert.ok(!forOfficer.includes('021 555 0101'));
    assert.ok(JSON.stringify(render('c07.notification', h, director)).includes('Suitability assessment:'));
    const consentForDirector = JSON.stringify(render('c07.consent', h, director));
    assert.ok(!consentForDirector.includes('021 555 0101'));
    assert.ok(JSON.stringify(render('c07.consent', h, cm)).includes('021 555 0101'));
    const personForOfficer = JSON.stringify(
      render('c07.person', h, caseOfficer, { params: { personId: 'sp1' } }),
    );
    assert.ok(!personForOfficer.includes('Third-party contact note'));
  });

  it('the status card shows the timeline from the audit trail', () => {
    const h = signedOffHui();
    const json = JSON.stringify(render('c07.status', h, cm));
    assert.match(json, /Hui organised · Wiremu Parata/);
    assert.match(json, /Signed off; entry staff told · Helen Brown/);
  });

  it('the question card lets only the case manager answer', () => {
    const h = sentHui();
    h.run({ type: 'c07.askQuestion', question: 'Who supervises?' }, director);
    const params = { questionId: h.state.questions[0]!.id };
    const forCm = executeActions(render('c07.question', h, cm, { params }));
    assert.deepEqual(forCm.find((a) => a.data.command)?.data.args, params);
    assert.deepEqual(
      executeActions(render('c07.question', h, caseOfficer, { params })).filter((a) => a.data.command),
      [],
    );
  });
});
