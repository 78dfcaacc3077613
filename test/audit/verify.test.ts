import assert from 'node:assert/strict';
import { GENESIS_HASH, hashEvent } from '../../services/audit/hashChain';
import { verifyAudit } from '../../services/audit/verify';
import { MemoryStore } from '../../services/store/memory/memoryStore';
import type { MongoStore } from '../../services/store/mongo/mongoStore';
import type { ApplicationDoc, AuditEvent } from '../../services/workflow/domain';
import { report, run } from '../../scripts/audit-verify';
import { testMongoOrSkip } from '../helpers/db';
import type { TestMongo } from '../helpers/db';

const T0 = new Date('2026-05-01T00:00:00.000Z');

function trail(applicationId: string, count: number): AuditEvent[] {
  const out: AuditEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const partial: Omit<AuditEvent, 'hash'> = {
      _id: `${applicationId}#${seq}`,
      applicationId,
      seq,
      type: seq === 1 ? 'started' : 'noted',
      actor: { aadObjectId: 'aad-cm', name: 'Mere Tūhoe' },
      at: new Date(T0.getTime() + seq * 60_000),
      activityId: `activity-${seq}`,
      correlationId: `correlation-${seq}`,
      payload: { text: `whānau hui ${seq}` },
      prevHash,
    };
    const event = { ...partial, hash: hashEvent(partial) };
    out.push(event);
    prevHash = event.hash;
  }
  return out;
}

function snapshot(events: AuditEvent[]): ApplicationDoc {
  const last = events[events.length - 1]!;
  return {
    _id: last.applicationId,
    kind: 'C07',
    site: 'Rimutaka',
    prisonerId: 'P1',
    prisonerName: 'Hēmi',
    title: 'Whānau hui',
    stage: 'planning',
    closed: false,
    version: last.seq,
    notifiedThrough: last.seq,
    lastHash: last.hash,
    createdAt: T0,
    updatedAt: last.at,
    createdBy: 'aad-cm',
    participants: ['aad-cm'],
    openTasks: [],
    taskKeys: [],
    state: {},
  };
}

async function seed(store: MemoryStore | MongoStore, id: string, count: number): Promise<AuditEvent[]> {
  const events = trail(id, count);
  await store.events.append(events);
  await store.applications.insert(snapshot(events));
  return events;
}

describe('audit verify', function () {
  it('passes intact trails, including one whose snapshot lags behind (a crash it repairs later)', async function () {
    const store = new MemoryStore();
    await seed(store, 'HUI-1', 3);
    const lagging = trail('HUI-2', 4);
    await store.events.append(lagging);
    await store.applications.insert(snapshot(lagging.slice(0, 2)));
    assert.deepEqual(await verifyAudit(store), { applications: 2, events: 7, broken: [] });
  });

  it('finds an edited event, a changed actor and a reordered chain', async function () {
    const store = new MemoryStore();
    await seed(store, 'HUI-1', 3);
    await seed(store, 'HUI-2', 3);
    await seed(store, 'HUI-3', 3);
    await seed(store, 'HUI-4', 2);
    store.events.tamper('HUI-1', 2, (e) => {
      e.payload = { text: 'rewritten' };
    });
    store.events.tamper('HUI-2', 3, (e) => {
      e.actor = { aadObjectId: 'aad-someone-else', name: 'Someone Else' };
    });
    // Someone recomputed event 2's hash after editing it: event 3 no longer links to it.
    store.events.tamper('HUI-3', 2, (e) => {
      e.payload = { text: 'rewritten with care' };
      e.hash = hashEvent(e);
    });
    const result = await verifyAudit(store);
    assert.deepEqual(result.broken, [
      { applicationId: 'HUI-1', seq: 2, reason: 'contents do not match its hash (edited)' },
      { applicationId: 'HUI-2', seq: 3, reason: 'contents do not match its hash (edited)' },
      { applicationId: 'HUI-3', seq: 3, reason: 'does not link to the event before it' },
    ]);
    assert.equal(result.applications, 4);
  });

  it('finds a trail cut short or its newest event replaced', async function () {
    const full = trail('HUI-1', 3);
    // HUI-2's third event is hash-valid and links correctly, but is not the one the application recorded.
    const events = new Map([
      ['HUI-1', full.slice(0, 2)],
      ['HUI-2', trail('HUI-2', 3)],
    ]);
    const apps = new Map([
      ['HUI-1', snapshot(full)],
      ['HUI-2', { ...snapshot(trail('HUI-2', 3)), lastHash: 'e'.repeat(64) }],
    ]);
    const store = {
      events: {
        applicationIds: async () => [...events.keys()],
        list: async (id: string) => events.get(id) ?? [],
        append: async () => undefined,
      },
      applications: { get: async (id: string) => apps.get(id) ?? null },
    } as unknown as Parameters<typeof verifyAudit>[0];
    assert.deepEqual((await verifyAudit(store)).broken, [
      {
        applicationId: 'HUI-1',
        seq: 3,
        reason: 'the application records 3 events but only 2 exist (truncated)',
      },
      { applicationId: 'HUI-2', seq: 3, reason: 'does not match the application record (replaced)' },
    ]);
  });

  it('prints a line per broken chain and exits 1; 0 when every chain holds', async function () {
    const store = new MemoryStore();
    await seed(store, 'HUI-1', 2);
    const lines = { out: [] as string[], err: [] as string[] };
    const io = { out: (l: string) => lines.out.push(l), err: (l: string) => lines.err.push(l) };
    assert.equal(await report(store, io), 0);
    assert.deepEqual(lines.out, ['OK: 1 audit trail(s), 2 event(s), every chain intact']);
    store.events.tamper('HUI-1', 1, (e) => {
      e.at = new Date(0);
    });
    assert.equal(await report(store, io), 1);
    assert.deepEqual(lines.err, [
      'BROKEN HUI-1 at event 1: contents do not match its hash (edited)',
      '1 of 1 audit trail(s) broken',
    ]);
    lines.err = [];
    assert.equal(await run({}, io), 2);
    assert.match(lines.err[0]!, /MONGODB_URI is not set/);
  });

  describe('against MongoDB', function () {
    let mongo: TestMongo | undefined;
    before(async function () {
      mongo = await testMongoOrSkip(this);
    });
    after(async function () {
      await mongo?.close();
    });

    it('npm run audit:verify finds an event edited directly in the collection', async function () {
      const store = await mongo!.open();
      await seed(store, 'HUI-1', 3);
      await seed(store, 'HUI-2', 2);
      const env = { MONGODB_URI: mongo!.uri, MONGODB_DB: store.db.databaseName };
      const lines = { out: [] as string[], err: [] as string[] };
      const io = { out: (l: string) => lines.out.push(l), err: (l: string) => lines.err.push(l) };
      assert.equal(await run(env, io), 0);
      await store.db
        .collection<AuditEvent>('events')
        .updateOne({ applicationId: 'HUI-2', seq: 2 }, { $set: { 'actor.name': 'Forged Name' } });
      assert.equal(await run(env, io), 1);
      assert.deepEqual(lines.err, [
        'BROKEN HUI-2 at event 2: contents do not match its hash (edited)',
        '1 of 2 audit trail(s) broken',
      ]);
    });
  });
});
