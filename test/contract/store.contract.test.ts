import assert from 'node:assert/strict';
import pino from 'pino';
import { z } from 'zod';
import { hashEvent, verifyChain } from '../../services/audit/hashChain';
import { verifyAudit } from '../../services/audit/verify';
import { FixedClock } from '../../services/clock';
import { DirectoryCache } from '../../services/directory/cache';
import type { Actor, Person } from '../../services/directory/person';
import { AlreadyDoneError, DomainError, UnavailableError } from '../../services/errors';
import { StoreBotStorage } from '../../bot/botStorage';
import { MemoryStore } from '../../services/store/memory/memoryStore';
import { MongoClient, MongoNetworkError, MongoServerError } from 'mongodb';
import { createStore } from '../../services/store';
import { mapMongoError } from '../../services/store/mongo/errors';
import { MONGO_CLIENT_OPTIONS, MongoStore as MongoStoreClass } from '../../services/store/mongo/mongoStore';
import type { MongoStore } from '../../services/store/mongo/mongoStore';
import { DuplicateError } from '../../services/store/types';
import { taskKeysOf } from '../../services/workflow/domain';
import type { OutboxMessage, Store } from '../../services/store/types';
import type { ApplicationDoc, AuditEvent, Task } from '../../services/workflow/domain';
import { WorkflowEngine } from '../../services/workflow/engine';
import type { AppliedEvent, Notification, WorkflowDefinition } from '../../services/workflow/types';
import { testMongoOrSkip } from '../helpers/db';
import type { TestMongo } from '../helpers/db';

/**
 * One suite, run against every Store implementation: whatever the in-memory store promises, the
 * MongoDB store (on MongoDB or FerretDB) must promise too, races included.
 */

interface Harness {
  store: Store;
  /** Edits a stored audit event behind the application's back, as someone with database access could. */
  tamper(applicationId: string, seq: number, change: (e: AuditEvent) => void): Promise<void>;
}

const T0 = new Date('2026-03-02T21:30:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function makeTask(overrides: Partial<Task> = {}): Task {
  return { key: 'assess', label: 'Assess', roles: ['case-manager'], site: 'Rimutaka', ...overrides };
}

function makeApp(overrides: Partial<ApplicationDoc> = {}): ApplicationDoc {
  const openTasks = overrides.openTasks ?? [makeTask()];
  return {
    _id: 'MIX-2026-00001',
    kind: 'F17',
    site: 'Rimutaka',
    prisonerId: 'P100',
    prisonerName: 'Hēmi Te Whānau',
    title: 'Suitability to mix: Tikanga Māori programme',
    stage: 'consent',
    closed: false,
    version: 1,
    notifiedThrough: 0,
    lastHash: 'a'.repeat(64),
    createdAt: T0,
    updatedAt: T0,
    createdBy: 'aad-cm',
    participants: ['aad-cm'],
    openTasks,
    taskKeys: taskKeysOf(openTasks),
    state: { whānau: 'Ngāti Porou', consentAt: T0, answers: { 'programme name': 'Te Ara Māori' } },
    ...overrides,
  };
}

function makeEvent(
  applicationId: string,
  seq: number,
  prevHash: string,
  overrides: Partial<AuditEvent> = {},
): AuditEvent {
  const partial: Omit<AuditEvent, 'hash'> = {
    _id: `${applicationId}#${seq}`,
    applicationId,
    seq,
    type: 'noted',
    actor: { aadObjectId: 'aad-cm', name: 'Mere Tūhoe' },
    at: at(seq),
    activityId: `act-${seq}`,
    correlationId: `corr-${seq}`,
    payload: { text: `kōrero ${seq}` },
    prevHash,
    ...overrides,
  };
  return { ...partial, hash: hashEvent(partial) };
}

function chain(applicationId: string, count: number, from = 1, prevHash = '0'.repeat(64)): AuditEvent[] {
  const out: AuditEvent[] = [];
  let prev = prevHash;
  for (let seq = from; seq < from + count; seq++) {
    const e = makeEvent(applicationId, seq, prev);
    out.push(e);
    prev = e.hash;
  }
  return out;
}

function makeMessage(id: string, overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    _id: id,
    target: { kind: 'person', aadObjectId: 'aad-gm' },
    text: `Kia ora, ${id} needs you`,
    cardRef: {
      name: 'f17.status',
      applicationId: 'MIX-2026-00001',
      params: { section: 'intelligence', urgent: true },
    },
    applicationId: 'MIX-2026-00001',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: T0,
    createdAt: T0,
    ...overrides,
  };
}

const person = (aadObjectId: string, name: string, roles: Person['roles'] = []): Person => ({
  aadObjectId,
  name,
  email: `${aadObjectId}@corrections.example`,
  roles,
});

const sortIds = (people: Person[]) => people.map((p) => p.aadObjectId).sort();

async function rejectsWith(promise: Promise<unknown>, type: new (...args: never[]) => Error): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof type, `expected ${type.name}, got ${String(e)}`);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// A tiny test-only workflow: start, add notes (repeatable), approve (once), with notifications.

interface TinyState {
  programme: string;
  notes: string[];
  approved?: { by: string; name: string; at: Date };
}
type TinyCommand = { type: 'note'; text: string } | { type: 'approve' };
interface TinyInput {
  prisonerId: string;
  prisonerName: string;
  site: string;
  programme: string;
}

const tinyWorkflow: WorkflowDefinition<TinyState, TinyCommand, TinyInput> = {
  kind: 'F17',
  idPrefix: 'TST',
  label: 'test process',
  eventLabels: { started: 'Started', noted: 'Note added', approved: 'Approved' },
  commandSchema: z.discriminatedUnion('type', [
    z.object({ type: z.literal('note'), text: z.string().min(1) }),
    z.object({ type: z.literal('approve') }),
  ]),
  startSchema: z.object({
    prisonerId: z.string().min(1),
    prisonerName: z.string().min(1),
    site: z.string().min(1),
    programme: z.string().min(1),
  }),
  start: (input) => ({
    header: {
      site: input.site,
      prisonerId: input.prisonerId,
      prisonerName: input.prisonerName,
      title: `Test: ${input.programme}`,
      dedupeKey: `${input.prisonerId}|${input.programme}`,
    },
    events: [{ type: 'started', payload: { programme: input.programme } }],
  }),
  initialState: () => ({ programme: '', notes: [] }),
  evolve: (state: TinyState, e: AppliedEvent): TinyState => {
    if (e.type === 'started') return { ...state, programme: String(e.payload.programme) };
    if (e.type === 'noted') return { ...state, notes: [...state.notes, String(e.payload.text)] };
    if (e.type === 'approved')
      return { ...state, approved: { by: e.actor.aadObjectId, name: e.actor.name, at: e.at } };
    return state;
  },
  decide: (app, command) => {
    if (command.type === 'note') return [{ type: 'noted', payload: { text: command.text } }];
    const done = app.state.approved;
    if (done)
      throw new AlreadyDoneError(`Already approved by ${done.name}.`, { name: done.name, at: done.at });
    return [{ type: 'approved', payload: {} }];
  },
  stage: (s) => (s.approved ? 'approved' : 'assessment'),
  closed: (s) => s.approved !== undefined,
  tasks: (app) =>
    app.state.approved
      ? []
      : [
          makeTask({
            key: 'decide',
            label: 'Decide',
            roles: ['general-manager-custodial'],
            site: app.site,
            dueAt: at(60 * 24),
          }),
        ],
  participants: () => [],
  notifications: (app, event): Notification[] => {
    if (event.type === 'started') {
      return [
        {
          key: 'ask',
          target: { kind: 'role', roles: ['general-manager-custodial'], site: app.site },
          text: 'Please decide',
        },
      ];
    }
    if (event.type === 'approved') {
      return [
        { key: 'told', target: { kind: 'person', aadObjectId: app.createdBy }, text: 'Approved' },
        { key: 'post', target: { kind: 'channel', purpose: 'decisions', site: app.site }, text: 'Approved' },
      ];
    }
    return [];
  },
  chatCommands: [],
};

const caseManager: Actor = {
  aadObjectId: 'aad-cm',
  name: 'Mere Tūhoe',
  roles: [{ role: 'case-manager', site: 'Rimutaka' }],
};
const manager: Actor = {
  aadObjectId: 'aad-gm',
  name: 'Ānaru Ngata',
  roles: [{ role: 'general-manager-custodial', site: 'Rimutaka' }],
};
const origin = (n: number) => ({ activityId: `activity-${n}`, correlationId: `correlation-${n}` });
const silent = pino({ level: 'silent' });

// ---------------------------------------------------------------------------------------------

function storeContract(name: string, setup: { open(): Promise<Harness>; cleanup(): Promise<void> }) {
  describe(`Store contract: ${name}`, function () {
    let h: Harness;
    let store: Store;

    beforeEach(async function () {
      h = await setup.open();
      store = h.store;
    });
    afterEach(async function () {
      await setup.cleanup();
    });

    describe('applications', function () {
      it('round-trips a document with Dates, macrons and nested state, and refuses a second insert', async function () {
        const doc = makeApp({
          openTasks: [makeTask({ dueAt: at(90), availableFrom: at(30), params: { n: 1, ok: true } })],
        });
        doc.taskKeys = taskKeysOf(doc.openTasks);
        await store.applications.insert(doc);
        const got = await store.applications.get(doc._id);
        assert.deepEqual(got, doc);
        assert.ok(got!.createdAt instanceof Date);
        assert.ok(got!.openTasks[0]!.dueAt instanceof Date);
        assert.ok((got!.state as { consentAt: unknown }).consentAt instanceof Date);
        assert.equal(got!.prisonerName, 'Hēmi Te Whānau');
        assert.equal(await store.applications.get('missing'), null);
        await rejectsWith(store.applications.insert(doc), DuplicateError);
        assert.equal(await store.applications.count(), 1);
      });

      it('does not let a caller change a stored document by mutating what it read', async function () {
        await store.applications.insert(makeApp());
        const got = await store.applications.get('MIX-2026-00001');
        got!.stage = 'mutated';
        assert.equal((await store.applications.get('MIX-2026-00001'))!.stage, 'consent');
      });

      it('replaces only at the expected version, and of two writers on one version exactly one wins', async function () {
        await store.applications.insert(makeApp({ version: 3 }));
        assert.equal(
          await store.applications.replaceIfVersion(makeApp({ version: 4, stage: 'x' }), 2),
          false,
        );
        const results = await Promise.all(
          ['first', 'second', 'third'].map((stage) =>
            store.applications.replaceIfVersion(makeApp({ version: 4, stage }), 3),
          ),
        );
        assert.equal(results.filter(Boolean).length, 1);
        const winner = ['first', 'second', 'third'][results.indexOf(true)];
        const stored = await store.applications.get('MIX-2026-00001');
        assert.equal(stored!.version, 4);
        assert.equal(stored!.stage, winner);
        assert.equal(
          await store.applications.replaceIfVersion(makeApp({ _id: 'nobody', version: 1 }), 0),
          false,
        );
      });

      it('finds open applications by task key, newest first, limited', async function () {
        const gm = [makeTask({ roles: ['general-manager-custodial'] })];
        const mine = [makeTask({ assignee: 'aad-cm' })];
        await store.applications.insert(
          makeApp({ _id: 'A1', openTasks: gm, taskKeys: taskKeysOf(gm), updatedAt: at(1) }),
        );
        await store.applications.insert(
          makeApp({ _id: 'A2', openTasks: gm, taskKeys: taskKeysOf(gm), updatedAt: at(3) }),
        );
        await store.applications.insert(
          makeApp({ _id: 'A3', openTasks: mine, taskKeys: taskKeysOf(mine), updatedAt: at(2) }),
        );
        await store.applications.insert(
          makeApp({ _id: 'A4', openTasks: gm, taskKeys: taskKeysOf(gm), closed: true, updatedAt: at(4) }),
        );
        const keys = ['role:Rimutaka:general-manager-custodial', 'person:aad-cm'];
        assert.deepEqual(
          (await store.applications.findByTaskKeys(keys, 10)).map((a) => a._id),
          ['A2', 'A3', 'A1'],
        );
        assert.deepEqual(
          (await store.applications.findByTaskKeys(keys, 2)).map((a) => a._id),
          ['A2', 'A3'],
        );
        assert.deepEqual(
          (await store.applications.findByTaskKeys(['person:aad-cm'], 10)).map((a) => a._id),
          ['A3'],
        );
        assert.deepEqual(await store.applications.findByTaskKeys(['role:Arohata:case-manager'], 10), []);
        assert.deepEqual(await store.applications.findByTaskKeys([], 10), []);
      });

      it('finds by prisoner (closed included) and open ones by dedupe key', async function () {
        await store.applications.insert(
          makeApp({ _id: 'B1', updatedAt: at(1), closed: true, dedupeKey: 'P100|tikanga' }),
        );
        await store.applications.insert(makeApp({ _id: 'B2', updatedAt: at(2), dedupeKey: 'P100|tikanga' }));
        await store.applications.insert(
          makeApp({ _id: 'B3', updatedAt: at(3), kind: 'C07', dedupeKey: 'P100|tikanga' }),
        );
        await store.applications.insert(makeApp({ _id: 'B4', prisonerId: 'P200' }));
        assert.deepEqual(
          (await store.applications.findByPrisoner('P100', 10)).map((a) => a._id),
          ['B3', 'B2', 'B1'],
        );
        assert.deepEqual(
          (await store.applications.findByPrisoner('P100', 1)).map((a) => a._id),
          ['B3'],
        );
        assert.equal((await store.applications.findOpenByDedupeKey('F17', 'P100|tikanga'))?._id, 'B2');
        assert.equal(await store.applications.findOpenByDedupeKey('F17', 'P100|other'), null);
        assert.equal(await store.applications.findOpenByDedupeKey('V01', 'P100|tikanga'), null);
        await store.applications.insert(makeApp({ _id: 'B5', kind: 'V01P', prisonerId: '*' }));
        assert.deepEqual(
          (await store.applications.findByKind('V01P', 10)).map((a) => a._id),
          ['B5'],
        );
        assert.equal((await store.applications.findByKind('F17', 2)).length, 2);
      });

      it('finds open applications with a task due by a time', async function () {
        const due = (d: Date) => [makeTask({ dueAt: d }), makeTask({ key: 'later' })];
        await store.applications.insert(makeApp({ _id: 'C1', openTasks: due(at(10)) }));
        await store.applications.insert(makeApp({ _id: 'C2', openTasks: due(at(100)) }));
        await store.applications.insert(makeApp({ _id: 'C3', openTasks: due(at(5)), closed: true }));
        await store.applications.insert(makeApp({ _id: 'C4', openTasks: [makeTask()] }));
        assert.deepEqual(
          (await store.applications.findOpenWithTaskDueBefore(at(10), 10)).map((a) => a._id),
          ['C1'],
        );
        assert.deepEqual(
          (await store.applications.findOpenWithTaskDueBefore(at(200), 10)).map((a) => a._id).sort(),
          ['C1', 'C2'],
        );
        assert.deepEqual(await store.applications.findOpenWithTaskDueBefore(at(9), 10), []);
      });
    });

    describe('events', function () {
      it('appends and lists in order, from a seq, with Dates intact', async function () {
        const events = chain('E1', 3);
        await store.events.append(events.slice(0, 2));
        await store.events.append(events.slice(2));
        await store.events.append(chain('E0', 1));
        await store.events.append([]);
        const listed = await store.events.list('E1');
        assert.deepEqual(listed, events);
        assert.ok(listed[0]!.at instanceof Date);
        assert.deepEqual(
          (await store.events.list('E1', 2)).map((e) => e.seq),
          [2, 3],
        );
        assert.deepEqual(await store.events.list('nothing'), []);
        assert.deepEqual(await store.events.applicationIds(), ['E0', 'E1']);
        assert.deepEqual(verifyChain(listed), { ok: true, count: 3 });
        assert.equal(await store.events.hasEvent(events[2]!._id), true);
        assert.equal(await store.events.hasEvent(`${events[2]!._id}0`), false);
      });

      it('rejects a batch with an existing seq and leaves none of that batch behind', async function () {
        const events = chain('E2', 4);
        await store.events.append(events.slice(0, 2));
        // Clash on the first event of the batch...
        await rejectsWith(store.events.append(events.slice(1, 3)), DuplicateError);
        // ...and on a later one, after an earlier event of the batch would already have gone in.
        await rejectsWith(store.events.append([events[2]!, events[3]!, events[1]!]), DuplicateError);
        assert.deepEqual(
          (await store.events.list('E2')).map((e) => e.seq),
          [1, 2],
        );
        await store.events.append(events.slice(2));
        assert.deepEqual(
          (await store.events.list('E2')).map((e) => e.seq),
          [1, 2, 3, 4],
        );
      });

      it('lets exactly one of several concurrent writers append the same seq', async function () {
        await store.events.append(chain('E3', 1));
        const prev = (await store.events.list('E3'))[0]!.hash;
        const rivals = ['a', 'b', 'c', 'd', 'e'].map((w) => [
          makeEvent('E3', 2, prev, { activityId: `w-${w}` }),
          makeEvent('E3', 3, prev, { activityId: `w-${w}-2` }),
        ]);
        const results = await Promise.allSettled(rivals.map((batch) => store.events.append(batch)));
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof DuplicateError);
        const listed = await store.events.list('E3');
        assert.equal(listed.length, 3);
        assert.equal(
          listed[1]!.activityId.replace(/^w-/, ''),
          listed[2]!.activityId.replace(/^w-(.)-2$/, '$1'),
        );
      });
    });

    describe('people', function () {
      const directory = [
        person('aad-1', 'Aroha Māhina', [{ role: 'case-manager', site: 'Rimutaka' }]),
        person('aad-2', 'Wiremu Pōtae', [
          { role: 'general-manager-custodial', site: 'Rimutaka' },
          { role: 'case-manager', site: 'Arohata' },
        ]),
        person('aad-3', 'Chief Reviewer', [{ role: 'review-officer', site: '*' }]),
        person('aad-4', 'Sam Smith', [{ role: 'case-manager', site: 'Arohata' }]),
      ];

      it('upserts and gets a person, macrons intact', async function () {
        await store.people.upsert(directory[0]!);
        assert.deepEqual(await store.people.get('aad-1'), directory[0]);
        await store.people.upsert({ ...directory[0]!, name: 'Aroha Māhina-Tūhoe' });
        assert.equal((await store.people.get('aad-1'))!.name, 'Aroha Māhina-Tūhoe');
        assert.equal(await store.people.get('nobody'), null);
      });

      it('replaces the whole directory at once', async function () {
        await store.people.upsert(
          person('aad-old', 'Old Timer', [{ role: 'case-manager', site: 'Rimutaka' }]),
        );
        await store.people.replaceAll(directory);
        assert.deepEqual(sortIds(await store.people.all()), ['aad-1', 'aad-2', 'aad-3', 'aad-4']);
        assert.equal(await store.people.get('aad-old'), null);
        assert.deepEqual(sortIds(await store.people.withRole('case-manager', 'Rimutaka')), ['aad-1']);
        await store.people.replaceAll([directory[3]!]);
        assert.deepEqual(sortIds(await store.people.all()), ['aad-4']);
        await store.people.upsert(directory[0]!);
        assert.deepEqual(sortIds(await store.people.all()), ['aad-1', 'aad-4']);
        await store.people.replaceAll([]);
        assert.deepEqual(await store.people.all(), []);
      });

      it('finds holders of a role at a site, national grants ("*") included', async function () {
        await store.people.replaceAll(directory);
        assert.deepEqual(sortIds(await store.people.withRole('case-manager', 'Arohata')), ['aad-2', 'aad-4']);
        assert.deepEqual(sortIds(await store.people.withRole('general-manager-custodial', 'Rimutaka')), [
          'aad-2',
        ]);
        assert.deepEqual(sortIds(await store.people.withRole('general-manager-custodial', 'Arohata')), []);
        assert.deepEqual(sortIds(await store.people.withRole('review-officer', 'Rimutaka')), ['aad-3']);
        assert.deepEqual(sortIds(await store.people.withRole('review-officer', '*')), ['aad-3']);
      });

      it('finds holders of any of several roles in one read, each once, national grants included', async function () {
        await store.people.replaceAll(directory);
        const found = await store.people.withAnyRole([
          { role: 'case-manager', site: 'Arohata' },
          { role: 'general-manager-custodial', site: 'Rimutaka' },
          { role: 'review-officer', site: 'Rimutaka' },
        ]);
        assert.deepEqual(sortIds(found), ['aad-2', 'aad-3', 'aad-4']);
        assert.deepEqual(await store.people.withAnyRole([]), []);
      });

      it('moves the revision on with every change to anyone, and only then', async function () {
        await store.people.replaceAll(directory);
        const keys = [(await store.people.revision()).key];
        const same = async () => assert.equal((await store.people.revision()).key, keys[keys.length - 1]);
        const moved = async () => {
          const key = (await store.people.revision()).key;
          assert.ok(!keys.includes(key), 'a new revision');
          keys.push(key);
        };
        await store.people.get('aad-1');
        await store.people.withRole('case-manager', 'Arohata');
        await same();
        const grant = { role: 'intelligence' as const, site: 'Rimutaka' };
        await store.people.addRole('aad-4', grant);
        await moved();
        await store.people.addRole('aad-4', grant);
        await same();
        await store.people.removeRole('aad-4', grant);
        await moved();
        await store.people.removeRole('aad-4', grant);
        await same();
        await store.people.upsert({ ...directory[0]!, name: 'Aroha Renamed' });
        await moved();
        await store.people.replaceAll(directory);
        await moved();
        const at = await store.people.revision();
        assert.deepEqual(await store.people.get('aad-2', at), directory[1]);
      });

      it('a directory cache answers from memory until the revision moves, then reads again', async function () {
        await store.people.replaceAll(directory);
        const cache = new DirectoryCache(store.people);
        assert.deepEqual(await cache.person('aad-2'), directory[1]);
        assert.equal((await cache.all()).length, 4);
        await store.people.removeRole('aad-2', { role: 'general-manager-custodial', site: 'Rimutaka' });
        assert.deepEqual((await cache.person('aad-2'))!.roles, [{ role: 'case-manager', site: 'Arohata' }]);
        await store.people.replaceAll([directory[0]!]);
        assert.equal(await cache.person('aad-2'), null);
        assert.deepEqual(sortIds(await cache.all()), ['aad-1']);
      });

      it('adds a role once and removes it', async function () {
        await store.people.replaceAll(directory);
        const grant = { role: 'intelligence' as const, site: 'Rimutaka' };
        assert.equal(await store.people.addRole('aad-4', grant), true);
        assert.equal(await store.people.addRole('aad-4', grant), true);
        assert.deepEqual((await store.people.get('aad-4'))!.roles, [
          { role: 'case-manager', site: 'Arohata' },
          grant,
        ]);
        assert.deepEqual(sortIds(await store.people.withRole('intelligence', 'Rimutaka')), ['aad-4']);
        assert.equal(await store.people.addRole('nobody', grant), false);
        assert.equal(await store.people.removeRole('aad-4', grant), true);
        assert.equal(await store.people.removeRole('aad-4', grant), false);
        assert.equal(await store.people.removeRole('nobody', grant), false);
        assert.deepEqual((await store.people.get('aad-4'))!.roles, [
          { role: 'case-manager', site: 'Arohata' },
        ]);
        assert.deepEqual(await store.people.withRole('intelligence', 'Rimutaka'), []);
      });

      it('finds people by email (any case), part of a name (any case, macrons kept) or id', async function () {
        await store.people.replaceAll(directory);
        assert.deepEqual(sortIds(await store.people.findByNameOrEmail('AAD-2@Corrections.Example')), [
          'aad-2',
        ]);
        assert.deepEqual(sortIds(await store.people.findByNameOrEmail('pōtae')), ['aad-2']);
        assert.deepEqual(sortIds(await store.people.findByNameOrEmail('  māhina ')), ['aad-1']);
        assert.deepEqual(sortIds(await store.people.findByNameOrEmail('aad-3')), ['aad-3']);
        assert.deepEqual(sortIds(await store.people.findByNameOrEmail('(Sam.*')), []);
        assert.deepEqual(await store.people.findByNameOrEmail('nobody at all'), []);
      });
    });

    describe('conversations', function () {
      it('keeps personal and channel references, whatever their keys', async function () {
        const ref = {
          conversation: { id: 'a:1', 'odd.key': 1, $weird: true },
          serviceUrl: 'https://smba.example/',
          user: { name: 'Tāne' },
        };
        await store.conversations.savePersonal('aad-1', ref);
        assert.deepEqual(await store.conversations.getPersonal('aad-1'), ref);
        await store.conversations.savePersonal('aad-1', { ...ref, serviceUrl: 'https://other.example/' });
        assert.equal((await store.conversations.getPersonal('aad-1'))!.serviceUrl, 'https://other.example/');
        assert.equal(await store.conversations.getPersonal('nobody'), null);

        await store.conversations.registerChannel('decisions', 'Rimutaka', ref, 'aad-admin');
        await store.conversations.registerChannel('entry', 'Rimutaka', { id: 'c2' }, 'aad-admin');
        await store.conversations.registerChannel('decisions', 'Rimutaka', { id: 'c3' }, 'aad-admin2');
        assert.deepEqual(await store.conversations.getChannel('decisions', 'Rimutaka'), { id: 'c3' });
        assert.equal(await store.conversations.getChannel('decisions', 'Arohata'), null);
        const channels = (await store.conversations.listChannels()).sort((a, b) =>
          a.purpose.localeCompare(b.purpose),
        );
        assert.deepEqual(
          channels.map((c) => [c.purpose, c.site, c.registeredBy]),
          [
            ['decisions', 'Rimutaka', 'aad-admin2'],
            ['entry', 'Rimutaka', 'aad-admin'],
          ],
        );
        assert.ok(channels[0]!.at instanceof Date);
      });
    });

    describe('delivery: references, Teams user ids, held cards, deferral, overdue work, recent events', function () {
      it('forgets a personal reference and records Teams user ids', async function () {
        await store.conversations.savePersonal('aad-1', { conversation: { id: 'a:1' } });
        await store.conversations.removePersonal('aad-1');
        assert.equal(await store.conversations.getPersonal('aad-1'), null);
        await store.conversations.removePersonal('nobody');
        await store.conversations.saveUserId('aad-1', '29:one');
        await store.conversations.saveUserId('aad-2', '29:two');
        await store.conversations.saveUserId('aad-1', '29:one-again');
        const ids = await store.conversations.userIdsOf(['aad-1', 'aad-2', 'aad-3']);
        assert.deepEqual([...ids.entries()].sort(), [
          ['aad-1', '29:one-again'],
          ['aad-2', '29:two'],
        ]);
        assert.equal((await store.conversations.userIdsOf([])).size, 0);
      });

      it('lists the cards people hold (sent, with an id, not edits, not channels), defers without an attempt, reports overdue work', async function () {
        await store.outbox.enqueue([
          makeMessage('held'),
          makeMessage('edit', { updateOf: 'activity-held' }),
          makeMessage('channel', { target: { kind: 'channel', purpose: 'decisions', site: 'Rimutaka' } }),
          makeMessage('later', { nextAttemptAt: at(10) }),
        ]);
        for (let i = 0; i < 3; i++) {
          const m = await store.outbox.claimNext('w1', at(0), at(1));
          await store.outbox.markSent(m!._id, 'w1', at(0), `activity-${m!._id}`);
        }
        assert.deepEqual(
          (await store.outbox.heldCards('MIX-2026-00001')).map((m) => m._id),
          ['held'],
        );
        assert.deepEqual(await store.outbox.heldCards('MIX-2026-99999'), []);
        await store.outbox.enqueue([makeMessage('busy')]);
        const busy = await store.outbox.claimNext('w1', at(0), at(1));
        assert.equal(busy!._id, 'busy');
        await store.outbox.defer('busy', 'w1', at(3));
        const deferred = (await store.outbox.get('busy'))!;
        assert.equal(deferred.attempts, 0, 'deferring is not an attempt');
        assert.deepEqual(deferred.nextAttemptAt, at(3));
        assert.equal(deferred.status, 'pending');
        assert.deepEqual(await store.outbox.overdue(at(2)), { count: 0 });
        const overdue = await store.outbox.overdue(at(20));
        assert.equal(overdue.count, 2);
        assert.deepEqual(overdue.oldestDueAt, at(3));
      });

      it('lists events recorded after a time, oldest first', async function () {
        await store.events.append(chain('MIX-2026-00007', 3));
        await store.events.append(chain('MIX-2026-00008', 1));
        const recent = await store.events.since(at(1), 10);
        assert.deepEqual(
          recent.map((e) => [e.applicationId, e.seq]),
          [
            ['MIX-2026-00007', 2],
            ['MIX-2026-00007', 3],
          ],
        );
        assert.deepEqual(recent[0]!.at, at(2));
        assert.equal((await store.events.since(at(0), 2)).length, 2);
      });
    });

    describe('outbox', function () {
      it('enqueues idempotently: an id already there is left alone', async function () {
        assert.equal(await store.outbox.enqueue([makeMessage('m1'), makeMessage('m2')]), 2);
        const claimed = await store.outbox.claimNext('w1', at(0), at(1));
        await store.outbox.markSent(claimed!._id, 'w1', at(0), 'activity-1');
        assert.equal(
          await store.outbox.enqueue([makeMessage('m1'), makeMessage('m2'), makeMessage('m3')]),
          1,
        );
        assert.equal(await store.outbox.enqueue([]), 0);
        assert.equal((await store.outbox.get(claimed!._id))!.status, 'sent');
        assert.deepEqual(await store.outbox.countByStatus(), { pending: 2, sent: 1, failed: 0 });
        assert.deepEqual(await store.outbox.get('m3'), makeMessage('m3'));
        assert.equal(await store.outbox.get('nothing'), null);
      });

      it('claims due messages oldest first, one holder at a time until the lease ends', async function () {
        await store.outbox.enqueue([
          makeMessage('late', { nextAttemptAt: at(5) }),
          makeMessage('first', { nextAttemptAt: at(-2) }),
          makeMessage('second', { nextAttemptAt: at(-1) }),
        ]);
        const a = await store.outbox.claimNext('w1', at(0), at(1));
        assert.equal(a!._id, 'first');
        assert.equal(a!.leaseOwner, 'w1');
        assert.deepEqual(a!.leaseUntil, at(1));
        assert.equal((await store.outbox.claimNext('w2', at(0), at(1)))!._id, 'second');
        assert.equal(await store.outbox.claimNext('w3', at(0), at(1)), null);
        // w1's lease runs out: the message is due again for someone else.
        assert.equal((await store.outbox.claimNext('w3', at(1), at(2)))!._id, 'first');
        // The old holder can no longer finish it.
        await store.outbox.markSent('first', 'w1', at(1), 'x');
        assert.equal((await store.outbox.get('first'))!.status, 'pending');
        await store.outbox.markSent('first', 'w3', at(1), 'activity-9');
        const sent = await store.outbox.get('first');
        assert.equal(sent!.status, 'sent');
        assert.equal(sent!.attempts, 1);
        assert.equal(sent!.activityId, 'activity-9');
        assert.deepEqual(sent!.sentAt, at(1));
        assert.equal(sent!.leaseOwner, undefined);
        assert.equal(sent!.leaseUntil, undefined);
      });

      it('gives each message to exactly one of several concurrent workers', async function () {
        await store.outbox.enqueue(
          ['m1', 'm2', 'm3', 'm4'].map((id, i) => makeMessage(id, { nextAttemptAt: at(-i) })),
        );
        const claimedBy = new Map<string, string[]>();
        await Promise.all(
          ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'].map(async (w) => {
            for (;;) {
              const m = await store.outbox.claimNext(w, at(0), at(5));
              if (!m) return;
              claimedBy.set(m._id, [...(claimedBy.get(m._id) ?? []), w]);
            }
          }),
        );
        assert.deepEqual([...claimedBy.keys()].sort(), ['m1', 'm2', 'm3', 'm4']);
        for (const [id, owners] of claimedBy) {
          assert.equal(owners.length, 1, `${id} claimed by ${owners.join(', ')}`);
          assert.equal((await store.outbox.get(id))!.leaseOwner, owners[0]);
        }
      });

      it('claims in batches, oldest first, each message by exactly one of several concurrent workers', async function () {
        const ids = Array.from({ length: 30 }, (_, i) => `b${String(i).padStart(2, '0')}`);
        await store.outbox.enqueue(ids.map((id, i) => makeMessage(id, { nextAttemptAt: at(-30 + i) })));
        const first = await store.outbox.claimBatch('w0', at(0), at(5), 4);
        assert.deepEqual(
          first.map((m) => m._id),
          ['b00', 'b01', 'b02', 'b03'],
          'the four longest due, oldest first',
        );
        const claimedBy = new Map<string, string[]>(first.map((m) => [m._id, ['w0']]));
        await Promise.all(
          ['w1', 'w2', 'w3', 'w4'].map(async (w) => {
            for (;;) {
              const batch = await store.outbox.claimBatch(w, at(0), at(5), 7);
              if (batch.length === 0) return;
              for (const m of batch) claimedBy.set(m._id, [...(claimedBy.get(m._id) ?? []), w]);
            }
          }),
        );
        assert.deepEqual([...claimedBy.keys()].sort(), ids);
        for (const [id, owners] of claimedBy)
          assert.equal(owners.length, 1, `${id} claimed by ${owners.join(', ')}`);
        // Finishing many at once (as the worker does): each is recorded for its own holder only.
        await Promise.all(
          [...claimedBy].map(([id, [owner]]) =>
            owner === 'w0'
              ? store.outbox.markSent(id, 'someone-else', at(1), 'x')
              : store.outbox.markSent(id, owner!, at(1), `activity-${id}`),
          ),
        );
        for (const [id, [owner]] of claimedBy) {
          const m = (await store.outbox.get(id))!;
          if (owner === 'w0') assert.equal(m.status, 'pending', `${id}: not finished by a stranger`);
          else assert.deepEqual([m.status, m.activityId, m.attempts], ['sent', `activity-${id}`, 1], id);
        }
      });

      it('retries later, fails for good, and hands back claims on shutdown', async function () {
        await store.outbox.enqueue([
          makeMessage('r'),
          makeMessage('f'),
          makeMessage('h1'),
          makeMessage('h2'),
        ]);
        const owner = new Map<string, string>();
        for (const w of ['w1', 'w1', 'w2', 'w2'])
          owner.set((await store.outbox.claimNext(w, at(0), at(10)))!._id, w);

        await store.outbox.markRetry('r', owner.get('r')!, at(3), 'Teams said 502');
        const retried = await store.outbox.get('r');
        assert.deepEqual(
          [retried!.attempts, retried!.lastError, retried!.leaseOwner],
          [1, 'Teams said 502', undefined],
        );
        assert.deepEqual(retried!.nextAttemptAt, at(3));

        await store.outbox.markFailed('f', owner.get('f')!, 'conversation not found');
        const failed = await store.outbox.listFailed(10);
        assert.deepEqual(
          failed.map((m) => [m._id, m.status, m.attempts, m.lastError]),
          [['f', 'failed', 1, 'conversation not found']],
        );

        const w2 = [...owner].filter(([, w]) => w === 'w2').map(([id]) => id);
        const w2Pending = w2.filter((id) => id !== 'r' && id !== 'f').length;
        assert.equal(await store.outbox.releaseAll('w2'), w2Pending);
        assert.equal(await store.outbox.releaseAll('w2'), 0);

        // Released messages are due again at once; the retried one only at its new time.
        const again: string[] = [];
        for (
          let m = await store.outbox.claimNext('w3', at(1), at(2));
          m;
          m = await store.outbox.claimNext('w3', at(1), at(2))
        ) {
          again.push(m._id);
        }
        assert.deepEqual(again.sort(), w2.filter((id) => id !== 'r' && id !== 'f').sort());
        for (const id of again) await store.outbox.markSent(id, 'w3', at(1), undefined);
        assert.equal(await store.outbox.claimNext('w4', at(2.9), at(4)), null);
        assert.equal((await store.outbox.claimNext('w4', at(3), at(4)))!._id, 'r');
        assert.deepEqual(await store.outbox.countByStatus(), {
          pending: 3 - again.length,
          sent: again.length,
          failed: 1,
        });
      });

      it('remembers the first delivered activity of a thread', async function () {
        const target = { kind: 'channel' as const, purpose: 'decisions', site: 'Rimutaka' };
        assert.equal(await store.outbox.threadActivity('t1'), null);
        await store.outbox.saveThreadActivity('t1', target, 'activity-1');
        await store.outbox.saveThreadActivity('t1', target, 'activity-2');
        assert.deepEqual(await store.outbox.threadActivity('t1'), { activityId: 'activity-1', target });
      });
    });

    describe('counters, claims, leases', function () {
      it('counts from 1 per name, unique under 100 concurrent calls', async function () {
        assert.equal(await store.counters.next('MIX-2026'), 1);
        assert.equal(await store.counters.next('MIX-2026'), 2);
        const values = await Promise.all(Array.from({ length: 100 }, () => store.counters.next('HUI-2026')));
        assert.deepEqual(
          [...values].sort((a, b) => a - b),
          Array.from({ length: 100 }, (_, i) => i + 1),
        );
        assert.equal(await store.counters.next('MIX-2026'), 3);
      });

      it('gives a claim to one holder until released', async function () {
        assert.deepEqual(await store.claims.claim('F17:P1|tikanga', 'MIX-1'), { ok: true });
        assert.deepEqual(await store.claims.claim('F17:P1|tikanga', 'MIX-1'), { ok: true });
        assert.deepEqual(await store.claims.claim('F17:P1|tikanga', 'MIX-2'), { ok: false, holder: 'MIX-1' });
        await store.claims.release('F17:P1|tikanga', 'MIX-2');
        assert.deepEqual(await store.claims.claim('F17:P1|tikanga', 'MIX-2'), { ok: false, holder: 'MIX-1' });
        await store.claims.release('F17:P1|tikanga', 'MIX-1');
        assert.deepEqual(await store.claims.claim('F17:P1|tikanga', 'MIX-2'), { ok: true });
        const results = await Promise.all(
          ['a', 'b', 'c', 'd', 'e'].map((h) => store.claims.claim('race', h)),
        );
        const winners = results.filter((r) => r.ok);
        assert.equal(winners.length, 1);
        const holder = ['a', 'b', 'c', 'd', 'e'][results.indexOf(winners[0]!)];
        for (const r of results) if (!r.ok) assert.equal(r.holder, holder);
      });

      it('holds a lease exclusively until it expires, renewable by its owner', async function () {
        assert.equal(await store.leases.acquire('reminders', 'i1', at(0), at(1)), true);
        assert.equal(await store.leases.acquire('reminders', 'i2', at(0.5), at(1.5)), false);
        assert.equal(await store.leases.acquire('reminders', 'i1', at(0.9), at(2)), true);
        assert.equal(await store.leases.acquire('reminders', 'i2', at(1.5), at(2.5)), false);
        assert.equal(await store.leases.acquire('reminders', 'i2', at(2), at(3)), true);
        await store.leases.release('reminders', 'i1');
        assert.equal(await store.leases.acquire('reminders', 'i1', at(2.5), at(3.5)), false);
        await store.leases.release('reminders', 'i2');
        assert.equal(await store.leases.acquire('reminders', 'i1', at(2.5), at(3.5)), true);
        const results = await Promise.all(
          ['a', 'b', 'c', 'd', 'e'].map((o) => store.leases.acquire('outbox', o, at(0), at(1))),
        );
        assert.equal(results.filter(Boolean).length, 1);
      });
    });

    describe('state (botbuilder storage)', function () {
      it('writes with eTag concurrency: stale refused, "*" and none overwrite', async function () {
        assert.equal(await store.state.write('k1', '{"a":1}', 'e1', undefined), true);
        assert.equal(await store.state.write('k1', '{"a":2}', 'e2', 'e1'), true);
        assert.equal(await store.state.write('k1', '{"a":3}', 'e3', 'e1'), false);
        assert.equal(await store.state.write('k2', '{}', 'e4', 'e9'), false);
        assert.deepEqual(await store.state.read(['k1', 'k2']), [{ _id: 'k1', eTag: 'e2', data: '{"a":2}' }]);
        assert.equal(await store.state.write('k1', '{"a":4}', 'e5', '*'), true);
        const racers = await Promise.all(
          ['x', 'y', 'z'].map((w) => store.state.write('k1', `"${w}"`, `e-${w}`, 'e5')),
        );
        assert.equal(racers.filter(Boolean).length, 1);
        await store.state.delete(['k1', 'k-none']);
        assert.deepEqual(await store.state.read(['k1']), []);
      });

      it('backs botbuilder Storage: new eTag per write, a stale one throws', async function () {
        const storage = new StoreBotStorage(store.state);
        await storage.write({ 'msteams/conv/1': { dialogStack: [{ id: 'start' }], name: 'Tūī' } });
        const first = await storage.read(['msteams/conv/1', 'absent']);
        assert.deepEqual(Object.keys(first), ['msteams/conv/1']);
        const item = first['msteams/conv/1'] as { eTag: string; name: string };
        assert.equal(item.name, 'Tūī');
        await storage.write({ 'msteams/conv/1': { ...item, name: 'Kererū' } });
        const second = (await storage.read(['msteams/conv/1']))['msteams/conv/1'] as {
          eTag: string;
          name: string;
        };
        assert.notEqual(second.eTag, item.eTag);
        await rejectsWith(storage.write({ 'msteams/conv/1': { ...item, name: 'stale' } }), DomainError);
        await storage.write({ 'msteams/conv/1': { ...item, name: 'forced', eTag: '*' } });
        assert.equal(
          ((await storage.read(['msteams/conv/1']))['msteams/conv/1'] as { name: string }).name,
          'forced',
        );
        await storage.delete(['msteams/conv/1']);
        assert.deepEqual(await storage.read(['msteams/conv/1']), {});
      });
    });

    describe('audit trail and the workflow engine', function () {
      let clock: FixedClock;
      let engine: WorkflowEngine;
      const input = {
        prisonerId: 'P100',
        prisonerName: 'Hēmi Te Whānau',
        site: 'Rimutaka',
        programme: 'Tikanga Māori',
      };

      beforeEach(async function () {
        clock = new FixedClock(T0);
        engine = new WorkflowEngine(store, [tinyWorkflow], clock, silent);
        await store.people.replaceAll([
          person('aad-gm', 'Ānaru Ngata', [{ role: 'general-manager-custodial', site: 'Rimutaka' }]),
          person('aad-gm2', 'National GM', [{ role: 'general-manager-custodial', site: '*' }]),
          person('aad-cm', 'Mere Tūhoe', [{ role: 'case-manager', site: 'Rimutaka' }]),
        ]);
      });

      it('starts, executes, refuses a duplicate, and keeps a verifiable chain', async function () {
        const app = await engine.start('F17', input, caseManager, origin(1));
        assert.match(app._id, /^TST-2026-00001$/);
        assert.deepEqual([app.version, app.stage, app.closed], [1, 'assessment', false]);
        assert.deepEqual(app.taskKeys, ['role:Rimutaka:general-manager-custodial']);
        const stored = await store.applications.get(app._id);
        assert.equal(stored!.version, 1);
        assert.equal(stored!.notifiedThrough, 1);
        assert.equal((await store.applications.findByTaskKeys(app.taskKeys, 10))[0]?._id, app._id);

        await assert.rejects(engine.start('F17', input, caseManager, origin(2)), (e: unknown) => {
          assert.ok(e instanceof DomainError && e.kind === 'DUPLICATE');
          return true;
        });

        clock.advance(60_000);
        const noted = await engine.execute(
          app._id,
          { type: 'note', text: 'Kōrero with whānau' },
          caseManager,
          origin(3),
        );
        assert.deepEqual(noted.app.state, { programme: 'Tikanga Māori', notes: ['Kōrero with whānau'] });
        const history = await engine.history(app._id);
        assert.deepEqual(
          history.map((e) => [e.seq, e.type, e.activityId]),
          [
            [1, 'started', 'activity-1'],
            [2, 'noted', 'activity-3'],
          ],
        );
        assert.deepEqual(verifyChain(history), { ok: true, count: 2 });
        assert.deepEqual(await verifyAudit(store), { applications: 1, events: 2, broken: [] });
      });

      it('records a one-time decision once when several people click at the same moment', async function () {
        const app = await engine.start('F17', input, caseManager, origin(1));
        const clicks = await Promise.allSettled(
          [1, 2, 3, 4, 5].map((n) => engine.execute(app._id, { type: 'approve' }, manager, origin(10 + n))),
        );
        const won = clicks.filter((c) => c.status === 'fulfilled');
        assert.equal(won.length, 1);
        for (const c of clicks)
          if (c.status === 'rejected') assert.ok(c.reason instanceof AlreadyDoneError, String(c.reason));
        const events = await store.events.list(app._id);
        assert.deepEqual(
          events.map((e) => e.type),
          ['started', 'approved'],
        );
        const stored = await store.applications.get(app._id);
        assert.deepEqual([stored!.version, stored!.closed, stored!.taskKeys], [2, true, []]);
        // Closing released the "one open per prisoner and programme" claim.
        const next = await engine.start('F17', input, caseManager, origin(20));
        assert.notEqual(next._id, app._id);
      });

      it('repairs a snapshot left behind by a crash and sends its notifications exactly once', async function () {
        const app = await engine.start('F17', input, caseManager, origin(1));
        // Started: both GMs for Rimutaka (one of them national) are asked.
        assert.deepEqual(await store.outbox.countByStatus(), { pending: 2, sent: 0, failed: 0 });
        assert.ok(await store.outbox.get(`${app._id}#1:ask:aad-gm2`));

        // A writer appended the decision, then died before saving the snapshot or the outbox.
        const approved = makeEvent(app._id, 2, app.lastHash, {
          type: 'approved',
          payload: {},
          actor: { aadObjectId: manager.aadObjectId, name: manager.name },
        });
        await store.events.append([approved]);
        assert.equal((await store.applications.get(app._id))!.version, 1);

        // A read shows the application as its trail says, and writes nothing.
        const read = await engine.load(app._id);
        assert.deepEqual([read!.version, read!.stage, read!.closed], [2, 'approved', true]);
        assert.equal(read!.lastHash, approved.hash);
        assert.equal((await store.applications.get(app._id))!.version, 1);
        assert.equal((await engine.loadWithHistory(app._id))!.app.stage, 'approved');
        assert.equal((await store.applications.get(app._id))!.version, 1);
        assert.deepEqual(await store.outbox.countByStatus(), { pending: 2, sent: 0, failed: 0 });

        // The reconcile sweep's repair stores the snapshot and sends the notifications.
        const repaired = await engine.repair(app._id);
        assert.deepEqual([repaired!.version, repaired!.stage, repaired!.closed], [2, 'approved', true]);
        const stored = await store.applications.get(app._id);
        assert.deepEqual([stored!.version, stored!.notifiedThrough, stored!.stage], [2, 2, 'approved']);
        assert.deepEqual(await store.outbox.countByStatus(), { pending: 4, sent: 0, failed: 0 });
        assert.equal((await store.outbox.get(`${app._id}#2:told:aad-cm`))!.target.kind, 'person');
        assert.ok(await store.outbox.get(`${app._id}#2:post:decisions@Rimutaka`));

        // A snapshot whose mark is behind (written before the mark travelled with the snapshot):
        // repairing notifies again, which adds nothing, and never writes the snapshot for it.
        assert.equal(await store.applications.replaceIfVersion({ ...stored!, notifiedThrough: 0 }, 2), true);
        await engine.repair(app._id);
        await engine.repair(app._id);
        assert.deepEqual(await store.outbox.countByStatus(), { pending: 4, sent: 0, failed: 0 });

        // A later command builds on the repaired state: it is already decided.
        await rejectsWith(engine.execute(app._id, { type: 'approve' }, manager, origin(9)), AlreadyDoneError);
        assert.deepEqual(await verifyAudit(store), { applications: 1, events: 2, broken: [] });
      });

      it('folds a snapshot of an older state shape again from its trail; reads never store it', async function () {
        const app = await engine.start('F17', input, caseManager, origin(1));
        await engine.execute(app._id, { type: 'note', text: 'first' }, caseManager, origin(2));
        // The process changes its state's shape: notes become objects, and says so.
        type Shape2 = { programme: string; notes: Array<{ text: string; by: string }> };
        const reshaped = {
          ...tinyWorkflow,
          stateVersion: 2,
          initialState: (): Shape2 => ({ programme: '', notes: [] }),
          evolve: (state: Shape2, e: AppliedEvent): Shape2 =>
            e.type === 'noted'
              ? { ...state, notes: [...state.notes, { text: String(e.payload.text), by: e.actor.name }] }
              : e.type === 'started'
                ? { ...state, programme: String(e.payload.programme) }
                : state,
        } as unknown as WorkflowDefinition<unknown, TinyCommand, TinyInput>;
        const upgraded = new WorkflowEngine(store, [reshaped], clock, silent);

        const read = await upgraded.load(app._id);
        assert.deepEqual(read!.state, {
          programme: 'Tikanga Māori',
          notes: [{ text: 'first', by: caseManager.name }],
        });
        assert.equal(read!.stateVersion, 2);
        assert.equal((await upgraded.loadWithHistory(app._id))!.app.stateVersion, 2);
        assert.equal((await store.applications.get(app._id))!.stateVersion, undefined);

        // A snapshot only ever moves out of its version, so the folded state is stored with the next change.
        assert.deepEqual((await upgraded.repair(app._id))!.state, read!.state);
        assert.equal((await store.applications.get(app._id))!.stateVersion, undefined);
        await upgraded.execute(app._id, { type: 'note', text: 'second' }, caseManager, origin(3));
        const stored = await store.applications.get(app._id);
        assert.deepEqual([stored!.stateVersion, stored!.version, stored!.notifiedThrough], [2, 3, 3]);
        assert.deepEqual((await store.applications.get(app._id))!.state, {
          programme: 'Tikanga Māori',
          notes: [
            { text: 'first', by: caseManager.name },
            { text: 'second', by: caseManager.name },
          ],
        });
        assert.deepEqual(await verifyAudit(store), { applications: 1, events: 3, broken: [] });
      });

      it('detects an audit event edited in the database', async function () {
        const app = await engine.start('F17', input, caseManager, origin(1));
        await engine.execute(app._id, { type: 'note', text: 'first' }, caseManager, origin(2));
        await engine.execute(app._id, { type: 'note', text: 'second' }, caseManager, origin(3));
        const other = await engine.start('F17', { ...input, programme: 'Te reo' }, caseManager, origin(4));
        assert.deepEqual((await verifyAudit(store)).broken, []);

        await h.tamper(app._id, 2, (e) => {
          e.payload = { text: 'rewritten' };
        });
        const tampered = await store.events.list(app._id);
        assert.deepEqual(tampered[1]!.payload, { text: 'rewritten' });
        assert.deepEqual(verifyChain(tampered), {
          ok: false,
          seq: 2,
          reason: 'contents do not match its hash (edited)',
        });
        const report = await verifyAudit(store);
        assert.deepEqual(report.broken, [
          { applicationId: app._id, seq: 2, reason: 'contents do not match its hash (edited)' },
        ]);
        assert.equal(report.applications, 2);
        assert.equal(report.events, 4);
        assert.ok(!report.broken.some((b) => b.applicationId === other._id));
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------

storeContract('memory', {
  async open() {
    const store = new MemoryStore();
    return { store, tamper: async (id, seq, change) => store.events.tamper(id, seq, change) };
  },
  async cleanup() {},
});

describe('Store contract: mongodb', function () {
  let mongo: TestMongo | undefined;
  /** One database for the whole suite, emptied before each test. */
  let shared: MongoStore | undefined;

  before(async function () {
    mongo = await testMongoOrSkip(this);
  });
  after(async function () {
    await mongo?.close();
  });

  storeContract('mongodb (MONGODB_URI)', {
    async open() {
      if (shared) await mongo!.clean(shared);
      else shared = await mongo!.open();
      const store: MongoStore = shared;
      return {
        store,
        async tamper(applicationId, seq, change) {
          const events = store.db.collection<AuditEvent>('events');
          const doc = await events.findOne({ applicationId, seq });
          assert.ok(doc, `no event ${applicationId}#${seq} to tamper with`);
          change(doc);
          await events.replaceOne({ _id: doc._id }, doc);
        },
      };
    },
    async cleanup() {},
  });

  describe('MongoDB specifics', function () {
    afterEach(async function () {
      await mongo?.dropAll();
    });

    it('keeps numbers unique across two bot processes sharing the database', async function () {
      const first = await mongo!.open();
      const second = new MongoStoreClass(mongo!.client, first.db);
      const values = await Promise.all(
        Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? first : second).counters.next('MIX-2026')),
      );
      assert.equal(new Set(values).size, 60);
      assert.deepEqual(
        [...values].sort((a, b) => a - b),
        Array.from({ length: 60 }, (_, i) => i + 1),
      );
    });

    it('hides a half-written event batch from readers and clears it once abandoned', async function () {
      const store = await mongo!.open();
      const events = chain('H1', 3);
      await store.events.append(events.slice(0, 1));
      // A writer died after the first event of a two-event batch reached the database.
      const raw = store.db.collection<AuditEvent & { batchId: string; batchLast: number; writtenAt: Date }>(
        'events',
      );
      await raw.insertOne({
        ...events[1]!,
        batchId: 'dead',
        batchLast: 3,
        writtenAt: new Date(Date.now() - 120_000),
      });
      assert.deepEqual(
        (await store.events.list('H1')).map((e) => e.seq),
        [1],
      );
      await store.events.append(events.slice(1));
      assert.deepEqual(
        (await store.events.list('H1')).map((e) => e.seq),
        [1, 2, 3],
      );
      assert.equal(await raw.countDocuments({ batchId: 'dead' }), 0);
    });

    it('keeps the live directory when an import dies part-way', async function () {
      const store = await mongo!.open();
      await store.people.replaceAll([person('aad-1', 'Aroha Māhina')]);
      // The second aad-2 fails half-way through writing the new generation.
      await rejectsWith(
        store.people.replaceAll([
          person('aad-2', 'Wiremu'),
          person('aad-3', 'Mere'),
          person('aad-2', 'Wiremu again'),
        ]),
        DuplicateError,
      );
      assert.deepEqual(sortIds(await store.people.all()), ['aad-1']);
      assert.equal(await store.people.get('aad-2'), null);
      await store.people.replaceAll([person('aad-4', 'Tama')]);
      assert.deepEqual(sortIds(await store.people.all()), ['aad-4']);
    });

    it('creates its indexes, including the unique one on (applicationId, seq)', async function () {
      const store = await mongo!.open();
      const indexes = await store.db.collection('events').indexes();
      const unique = indexes.find((i) => i.key.applicationId === 1 && i.key.seq === 1);
      assert.equal(unique?.unique, true);
      const apps = (await store.db.collection('applications').indexes()).map((i) =>
        Object.keys(i.key).join(','),
      );
      assert.ok(apps.includes('taskKeys,updatedAt'));
      assert.ok(apps.includes('closed,openTasks.dueAt'));
      await store.ping();
      // A restart runs it again over the existing indexes (FerretDB once dropped the connection here).
      await store.ensureIndexes();
      await store.ping();
    });

    it('connects through createStore, and runs on memory without a URI', async function () {
      const dbName = mongo!.newDbName();
      const store = await createStore({ mongodbUri: mongo!.uri, dbName }, silent);
      try {
        assert.equal(store.kind, 'mongodb');
        await store.ping();
        assert.equal(await store.counters.next('x'), 1);
      } finally {
        await store.close();
      }
      const memory = await createStore({ dbName }, silent);
      assert.equal(memory.kind, 'memory');
    });
  });
});

describe('MongoStore when the database cannot be reached', function () {
  it('reports UnavailableError quickly, so the user hears "not saved, try again"', async function () {
    // Nothing listens on port 9 (discard) on a test machine; the client gives up after server selection.
    const client = new MongoClient('mongodb://127.0.0.1:9/', {
      ...MONGO_CLIENT_OPTIONS,
      serverSelectionTimeoutMS: 300,
    });
    const store = new MongoStoreClass(client, client.db('unreachable'));
    try {
      const started = Date.now();
      await rejectsWith(store.applications.get('MIX-2026-00001'), UnavailableError);
      await rejectsWith(store.events.append(chain('U1', 1)), UnavailableError);
      await rejectsWith(store.counters.next('MIX-2026'), UnavailableError);
      await rejectsWith(store.ping(), UnavailableError);
      assert.ok(Date.now() - started < 5000);
    } finally {
      await store.close();
    }
  });

  it('maps driver errors to the contract errors', function () {
    assert.ok(
      mapMongoError(new MongoServerError({ code: 11000, errmsg: 'E11000 duplicate key' })) instanceof
        DuplicateError,
    );
    assert.ok(
      mapMongoError(new MongoServerError({ code: 91, errmsg: 'shutting down' })) instanceof UnavailableError,
    );
    assert.ok(mapMongoError(new MongoNetworkError('socket hang up')) instanceof UnavailableError);
    const other = new MongoServerError({ code: 2, errmsg: 'bad value' });
    assert.equal(mapMongoError(other), other);
  });
});
