import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Person } from '../../services/directory/person';
import {
  formatImportError,
  importDirectory,
  importDirectoryFile,
  parseDirectory,
} from '../../services/directory/import';
import { MemoryStore } from '../../services/store/memory/memoryStore';
import { MongoStore } from '../../services/store/mongo/mongoStore';
import type { Store } from '../../services/store/types';
import { run } from '../../scripts/directory-import';
import { testMongoOrSkip } from '../helpers/db';
import type { TestMongo } from '../helpers/db';

const BAD_YAML = `# three people, five mistakes
people:
  - aadObjectId: aad-1
    name: Aroha Māhina
    email: not-an-email
    roles:
      - { role: case-manager, site: Rimutaka }
  - aadObjectId: aad-1
    name: Somebody Else
    email: else@corrections.example
  - name: No Id
    email: noid@corrections.example
    rolse: []
    roles:
      - { role: chef, site: Rimutaka }
`;

const GOOD_YAML = `people:
  - aadObjectId: aad-10
    name: Hēmi Pōtae
    email: hemi@corrections.example
    roles:
      - { role: general-manager-custodial, site: Rimutaka }
  - aadObjectId: aad-11
    name: Chief Reviewer
    email: reviewer@corrections.example
    roles:
      - { role: review-officer, site: '*' }
  - aadObjectId: aad-12
    name: Mere Tūhoe
    email: mere@corrections.example
`;

const EXPECTED_BAD = [
  { path: 'people[0].email', line: 5, message: 'Invalid email' },
  {
    path: 'people[1].aadObjectId',
    line: 8,
    message: 'duplicate aadObjectId aad-1 (first in people[0], line 3)',
  },
  { path: 'people[2].aadObjectId', line: 11, message: 'Required' },
  { path: 'people[2].rolse', line: 13, message: 'unknown field "rolse"' },
  { path: 'people[2].roles[0].role', line: 15, message: '"chef" is not a known role' },
];

const existing: Person[] = [
  {
    aadObjectId: 'aad-old',
    name: 'Already Here',
    email: 'old@corrections.example',
    roles: [{ role: 'admin', site: '*' }],
  },
];

const ids = (people: Person[]) => people.map((p) => p.aadObjectId).sort();

function importBehaviour(open: () => Promise<Store>) {
  it('reports every error in a bad file with its path and line, and changes nothing', async function () {
    const store = await open();
    await store.people.replaceAll(existing);
    const result = await importDirectory(store.people, BAD_YAML);
    assert.deepEqual(result, { ok: false, errors: EXPECTED_BAD });
    assert.deepEqual(await store.people.all(), existing);
  });

  it('replaces the whole directory from a good file, macrons and national roles intact', async function () {
    const store = await open();
    await store.people.replaceAll(existing);
    assert.deepEqual(await importDirectory(store.people, GOOD_YAML), { ok: true, count: 3 });
    assert.deepEqual(ids(await store.people.all()), ['aad-10', 'aad-11', 'aad-12']);
    assert.equal((await store.people.get('aad-12'))!.name, 'Mere Tūhoe');
    assert.deepEqual((await store.people.get('aad-12'))!.roles, []);
    assert.deepEqual(ids(await store.people.withRole('review-officer', 'Rimutaka')), ['aad-11']);
    assert.equal(await store.people.get('aad-old'), null);
  });
}

describe('directory import', function () {
  describe('on the memory store', function () {
    importBehaviour(async () => new MemoryStore());
  });

  describe('on MongoDB', function () {
    let mongo: TestMongo | undefined;
    before(async function () {
      mongo = await testMongoOrSkip(this);
    });
    after(async function () {
      await mongo?.close();
    });
    importBehaviour(() => mongo!.open());
  });

  describe('parsing', function () {
    it('accepts JSON, a top-level list, and reports where JSON is broken', function () {
      const json = JSON.stringify(
        { people: [{ aadObjectId: 'a', name: 'Tāne', email: 'tane@corrections.example' }] },
        null,
        2,
      );
      assert.deepEqual(parseDirectory(json, 'json'), {
        people: [{ aadObjectId: 'a', name: 'Tāne', email: 'tane@corrections.example', roles: [] }],
        errors: [],
      });
      const list = parseDirectory('- { aadObjectId: b, name: B, email: b@corrections.example }\n');
      assert.deepEqual(list.errors, []);
      assert.equal(list.people.length, 1);
      const broken = parseDirectory('{"people": [\n  {"aadObjectId": "a",,}\n]}', 'json');
      assert.equal(broken.people.length, 0);
      assert.equal(broken.errors.length, 1);
      assert.match(broken.errors[0]!.message, /^not valid JSON/);
    });

    it('reports YAML syntax errors and duplicate keys with their lines', function () {
      const dupKey = parseDirectory(
        'people:\n  - aadObjectId: a\n    aadObjectId: b\n    name: A\n    email: a@x.example\n',
      );
      assert.equal(dupKey.errors.length, 1);
      assert.equal(dupKey.errors[0]!.line, 3);
      assert.match(dupKey.errors[0]!.message, /unique/);
      const badIndent = parseDirectory('people:\n  - aadObjectId: a\n name: A\n');
      assert.ok(badIndent.errors.length >= 1);
      assert.ok(badIndent.errors.every((e) => typeof e.line === 'number'));
    });

    it('refuses an empty directory, a wrong shape and unknown top-level keys', function () {
      assert.deepEqual(parseDirectory('people: []\n').errors, [
        { path: 'people', line: 1, message: 'the directory is empty; refusing to remove everyone' },
      ]);
      assert.deepEqual(parseDirectory('staff: 3\n').errors, [
        { path: '', line: 1, message: 'expected a list of people, or a "people:" list' },
      ]);
      const extra = parseDirectory(`version: 2\n${GOOD_YAML}`);
      assert.deepEqual(extra.errors, [
        { path: 'version', line: 1, message: 'unknown top-level key (expected only "people")' },
      ]);
    });

    it('formats errors as file:line: path: message', function () {
      assert.equal(
        formatImportError('staff.yaml', EXPECTED_BAD[0]!),
        'staff.yaml:5: people[0].email: Invalid email',
      );
      assert.equal(
        formatImportError('staff.json', { path: '', line: undefined, message: 'file not found' }),
        'staff.json: file not found',
      );
    });
  });

  describe('files and the command line', function () {
    let dir: string;
    const lines = { out: [] as string[], err: [] as string[] };
    const io = { out: (l: string) => lines.out.push(l), err: (l: string) => lines.err.push(l) };

    beforeEach(async function () {
      dir = await mkdtemp(join(tmpdir(), 'tautoko-directory-'));
      lines.out = [];
      lines.err = [];
    });
    afterEach(async function () {
      await rm(dir, { recursive: true, force: true });
    });

    it('reads a file by its extension and reports a missing one', async function () {
      const store = new MemoryStore();
      await writeFile(join(dir, 'staff.yml'), GOOD_YAML);
      assert.deepEqual(await importDirectoryFile(store.people, join(dir, 'staff.yml')), {
        ok: true,
        count: 3,
      });
      assert.deepEqual(await importDirectoryFile(store.people, join(dir, 'nope.yaml')), {
        ok: false,
        errors: [{ path: '', line: undefined, message: 'file not found' }],
      });
    });

    it('--check prints each error on its own line and exits 1; a good file exits 0', async function () {
      const bad = join(dir, 'bad.yaml');
      await writeFile(bad, BAD_YAML);
      assert.equal(await run([bad, '--check'], {}, io), 1);
      assert.deepEqual(
        lines.err,
        EXPECTED_BAD.map((e) => formatImportError(bad, e)),
      );
      lines.err = [];
      const good = join(dir, 'good.yaml');
      await writeFile(good, GOOD_YAML);
      assert.equal(await run([good, '--check'], {}, io), 0);
      assert.deepEqual(lines.err, []);
      assert.match(lines.out[0]!, /3 people, no errors/);
    });

    it('needs a file and a database', async function () {
      assert.equal(await run([], {}, io), 2);
      assert.match(lines.err[0]!, /^usage:/);
      await writeFile(join(dir, 'good.yaml'), GOOD_YAML);
      assert.equal(await run([join(dir, 'good.yaml')], {}, io), 2);
      assert.match(lines.err[1]!, /MONGODB_URI is not set/);
    });

    describe('against MongoDB', function () {
      let mongo: TestMongo | undefined;
      before(async function () {
        mongo = await testMongoOrSkip(this);
      });
      after(async function () {
        await mongo?.close();
      });

      it('imports a good file, and a bad one changes nothing and exits 1', async function () {
        const dbName = mongo!.newDbName();
        const env = { MONGODB_URI: mongo!.uri, MONGODB_DB: dbName };
        const good = join(dir, 'good.yaml');
        const bad = join(dir, 'bad.yaml');
        await writeFile(good, GOOD_YAML);
        await writeFile(bad, BAD_YAML);
        assert.equal(await run([good], env, io), 0);
        assert.match(lines.out[0]!, /Imported 3 people/);
        assert.equal(await run([bad], env, io), 1);
        assert.deepEqual(lines.err, [
          ...EXPECTED_BAD.map((e) => formatImportError(bad, e)),
          '5 error(s); the directory was not changed',
        ]);
        const store = new MongoStore(mongo!.client, mongo!.client.db(dbName));
        assert.deepEqual(ids(await store.people.all()), ['aad-10', 'aad-11', 'aad-12']);
      });
    });
  });
});
