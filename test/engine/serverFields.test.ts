import assert from 'node:assert/strict';
import { createMemoryStore } from '../../services/store/memory/memoryStore';
import type { ApplicationDoc } from '../../services/workflow/domain';
import { person } from '../helpers/botHarness';
import { ValidationError } from '../../services/errors';
import { commandFields, startFields } from '../../services/workflow/serverFields';
import { c07Definition } from '../../services/workflows/c07/definition';
import { f17Definition } from '../../services/workflows/f17/definition';
import { v01Definition } from '../../services/workflows/v01';

const starter = person('aad-starter', 'Sia Starter', [['case-manager', 'Site-A']]);

describe('server-supplied command fields', () => {
  it('fills the advisory panel’s core members from the directory at the application’s site, ignoring the card', async () => {
    const store = createMemoryStore();
    await store.people.replaceAll([
      person('aad-core-1', 'Rāwiri Core', [['advisory-panel-core', 'Site-A']]),
      person('aad-core-2', 'Ana Core', [['advisory-panel-core', 'Site-A']]),
      person('aad-core-b', 'Bea Elsewhere', [['advisory-panel-core', 'Site-B']]),
      person('aad-guest', 'Gus Guest', [['advisory-panel-guest', 'Site-A']]),
    ]);
    const app = { _id: 'VIS-2026-00001', site: 'Site-A' } as ApplicationDoc;
    const fields = await commandFields(v01Definition, 'v01.convenePanel', app, store.people, {}, starter);
    assert.deepEqual(fields, {
      coreMembers: [
        { aadObjectId: 'aad-core-2', name: 'Ana Core' },
        { aadObjectId: 'aad-core-1', name: 'Rāwiri Core' },
      ],
    });
    assert.deepEqual(await commandFields(f17Definition, 'f17.decide', app, store.people, {}, starter), {});
  });

  it('names an F.17 contributor as the directory has them, whatever name the card sent, and refuses one not in it', async () => {
    const store = createMemoryStore();
    await store.people.replaceAll([person('aad-chaplain', 'Matiu Rua', [['health', 'Site-A']])]);
    const app = { _id: 'MIX-2026-00001', site: 'Site-A' } as ApplicationDoc;
    const fields = (input: Record<string, unknown>) =>
      commandFields(f17Definition, 'f17.nameContributor', app, store.people, input, starter);
    assert.deepEqual(await fields({ contributorId: 'aad-chaplain', contributorName: 'Someone Else' }), {
      contributorName: 'Matiu Rua',
    });
    await assert.rejects(
      fields({ contributorId: 'aad-nobody', contributorName: 'Made Up' }),
      (e: unknown) => e instanceof ValidationError && e.fieldErrors.some((f) => f.field === 'contributorId'),
    );
    // No one chosen: the command's own schema asks for the person.
    assert.deepEqual(await fields({ contributorName: 'Made Up' }), {});
  });
});

describe('server-supplied start fields', () => {
  it('stores the F.17 facilitator chosen from the directory under the directory’s name', async () => {
    const store = createMemoryStore();
    await store.people.replaceAll([
      person('aad-facil', 'Rangi Pōmare', [['programme-facilitator', 'Site-A']]),
    ]);
    assert.deepEqual(
      await startFields(
        f17Definition,
        { facilitatorId: 'aad-facil', facilitatorName: 'typed' },
        store.people,
        starter,
      ),
      {
        facilitatorName: 'Rangi Pōmare',
      },
    );
    assert.deepEqual(
      await startFields(f17Definition, { facilitatorName: 'Sam Tutor' }, store.people, starter),
      {},
    );
    assert.deepEqual(
      await startFields(c07Definition, { facilitatorId: 'aad-facil' }, store.people, starter),
      {},
    );
  });

  it('refuses a chosen person the directory does not have, or the starter may not see', async () => {
    const store = createMemoryStore();
    await store.people.replaceAll([
      person('aad-facil-b', 'Bex Elsewhere', [['programme-facilitator', 'Site-B']]),
      person('aad-cm-b', 'Cam Elsewhere', [['case-manager', 'Site-B']]),
    ]);
    for (const id of ['aad-made-up', 'aad-facil-b'])
      await assert.rejects(
        startFields(f17Definition, { facilitatorId: id }, store.people, starter),
        (e: unknown) => e instanceof ValidationError && e.fieldErrors[0]?.field === 'facilitatorId',
      );
    // C.07 records what was found (nobody), and the start refuses it beside the field.
    assert.deepEqual(await startFields(c07Definition, { caseManagerId: 'aad-cm-b' }, store.people, starter), {
      caseManagerCheck: { found: false, roles: [] },
    });
  });
});
