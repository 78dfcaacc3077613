import assert from 'node:assert/strict';
import type { Person } from '../../services/directory/person';
import { BotHarness, person } from '../helpers/botHarness';

const cmA = person('aad-cm-a', 'Mere Case', [['case-manager', 'Site-A']]);
const cmB = person('aad-cm-b', 'Bo Case', [['case-manager', 'Site-B']]);
const nationalReviewer = person('aad-review', 'Rewi Review', [['review-officer', '*']]);
const noRole = person('aad-norole', 'Nora Nobody', []);
const stranger = { aadObjectId: 'aad-not-in-directory', name: 'Not Listed' };
/** Twenty facilitators at Site-A (more than a typeahead answer holds), one at Site-B. */
const facilitatorsA = Array.from({ length: 20 }, (_, i) =>
  person(`aad-fac-${String(i).padStart(2, '0')}`, `Tui Facilitator ${String(i).padStart(2, '0')}`, [
    ['programme-facilitator', 'Site-A'],
  ]),
);
const megan = person('aad-megan', 'Megan Bowen', [
  ['programme-facilitator', 'Site-A'],
  ['case-manager', 'Site-A'],
]);
const facilitatorB = person('aad-fac-b', 'Tui Elsewhere', [['programme-facilitator', 'Site-B']]);
const hemi = person('aad-hemi', 'Hēmi Tāne', [['case-officer', 'Site-A']]);
const people: Person[] = [cmA, cmB, nationalReviewer, noRole, ...facilitatorsA, megan, facilitatorB, hemi];

type Results = Array<{ title: string; value: string }>;

describe('HTTP: application/search (people pickers’ typeahead) through CloudAdapter', function () {
  this.timeout(30_000);
  let h: BotHarness;
  before(async () => {
    h = await new BotHarness({ people }).start();
  });
  after(async () => h.stop());

  async function search(
    who: Pick<Person, 'aadObjectId' | 'name'>,
    queryText: string,
    dataset: string,
    queryOptions: Record<string, number> = { skip: 0, top: 15 },
  ) {
    const res = await h.post({
      ...h.baseActivity(who as Person),
      type: 'invoke',
      name: 'application/search',
      value: { queryText, queryOptions, dataset },
    });
    const body = res.body as { type?: string; value?: { results?: Results } } | undefined;
    return { status: res.status, type: body?.type, results: body?.value?.results ?? [] };
  }

  it('answers in Teams’ search response shape: the name to show, the aadObjectId as the value', async () => {
    const res = await search(cmA, 'meg', 'facilitator:Site-A');
    assert.equal(res.status, 200);
    assert.equal(res.type, 'application/vnd.microsoft.search.searchResponse');
    assert.deepEqual(res.results, [
      { title: 'Megan Bowen (programme facilitator, Site-A)', value: megan.aadObjectId },
    ]);
  });

  it('finds by the start of any word of the name, in any order, ignoring case and macrons', async () => {
    assert.deepEqual(
      (await search(cmA, 'BOW meg', 'staff')).results.map((r) => r.value),
      [megan.aadObjectId],
    );
    assert.equal((await search(cmA, 'owen', 'staff')).results.length, 0, 'not the middle of a word');
    assert.deepEqual(
      (await search(cmA, 'hemi TA', 'staff')).results.map((r) => r.value),
      [hemi.aadObjectId],
    );
  });

  it('filters by the field’s role and site', async () => {
    const cms = await search(cmA, '', 'case-manager:Site-A');
    assert.deepEqual(
      cms.results.map((r) => r.value),
      [megan.aadObjectId, cmA.aadObjectId],
    );
    const tui = await search(nationalReviewer, 'tui', 'facilitator:Site-B');
    assert.deepEqual(
      tui.results.map((r) => r.value),
      [facilitatorB.aadObjectId],
    );
  });

  it('gives at most 15 people, and the next ones on the next page', async () => {
    const first = await search(cmA, 'tui', 'facilitator:Site-A');
    assert.equal(first.results.length, 15);
    const asked = await search(cmA, 'tui', 'facilitator:Site-A', { skip: 0, top: 500 });
    assert.equal(asked.results.length, 15, 'asking for more is still 15');
    const next = await search(cmA, 'tui', 'facilitator:Site-A', { skip: 15, top: 15 });
    assert.deepEqual(
      next.results.map((r) => r.value),
      facilitatorsA.slice(15).map((p) => p.aadObjectId),
    );
  });

  it('finds only what the searcher may see of the directory', async () => {
    // Someone at Site-B does not find Site-A's staff, even asking for Site-A's list.
    assert.deepEqual((await search(cmB, 'tui', 'facilitator:Site-A')).results, []);
    assert.deepEqual(
      (await search(cmB, 'tui', 'facilitator')).results.map((r) => r.value),
      [facilitatorB.aadObjectId],
    );
    // An all-sites role sees everyone; no role, or not in the directory, sees no one.
    assert.equal((await search(nationalReviewer, 'tui', 'facilitator')).results.length, 15);
    assert.deepEqual((await search(noRole, 'tui', 'staff')).results, []);
    assert.deepEqual((await search(stranger, 'tui', 'staff')).results, []);
  });

  it('refuses a list it does not have with 400 and a reason', async () => {
    for (const dataset of ['everyone', 'staff:*', 'staff:Site A$', '']) {
      const res = await search(cmA, 'tui', dataset);
      assert.equal(res.status, 400, dataset);
    }
  });
});
