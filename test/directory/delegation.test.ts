import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  actingIn,
  actingName,
  actorWithCover,
  checkGrant,
  decideUnderCover,
  isActive,
  mayRevoke,
  parseDate,
  parseRole,
} from '../../services/directory/delegation';
import type { DelegationRecord } from '../../services/directory/delegation';
import { hasAnyRole } from '../../services/directory/person';
import type { Actor, Person, RoleGrant } from '../../services/directory/person';
import { ROLE_LABELS, ROLES } from '../../services/directory/roles';
import type { Role } from '../../services/directory/roles';
import { DomainError, ForbiddenError } from '../../services/errors';

const SITES = ['Site-A', 'Site-B', '*'];
const T0 = Date.parse('2026-11-23T00:00:00Z');
const DAY = 86_400_000;

const role = fc.constantFrom(...ROLES);
const grant: fc.Arbitrary<RoleGrant> = fc.record({ role, site: fc.constantFrom(...SITES) });
const personArb = (id: string): fc.Arbitrary<Person> =>
  fc.record({
    aadObjectId: fc.constant(id),
    name: fc.constant(`Person ${id}`),
    email: fc.constant(`${id}@example.govt.nz`),
    roles: fc.array(grant, { maxLength: 4 }),
  });
const delegation = (over: Partial<DelegationRecord>): DelegationRecord => ({
  _id: 'DEL-2026-00001',
  delegate: 'p',
  delegateName: 'Patti Fernandez',
  role: 'general-manager-custodial',
  site: 'Site-A',
  from: new Date(T0),
  until: new Date(T0 + 7 * DAY),
  grantedBy: { aadObjectId: 'gm', name: 'Grace Manager' },
  grantedAt: new Date(T0),
  grantedAs: 'role-holder',
  requestKey: 'grant:act-1',
  ...over,
});
/** Any grant to "p", in force or not at T0 + 3 days: begun or not, ended or not, revoked or not. */
const anyDelegation: fc.Arbitrary<DelegationRecord> = fc
  .record({
    n: fc.nat({ max: 99 }),
    role,
    site: fc.constantFrom('Site-A', 'Site-B'),
    fromDay: fc.integer({ min: 0, max: 6 }),
    days: fc.integer({ min: 1, max: 6 }),
    revoked: fc.boolean(),
  })
  .map(({ n, role: r, site, fromDay, days, revoked }) =>
    delegation({
      _id: `DEL-2026-${String(n).padStart(5, '0')}`,
      role: r,
      site,
      from: new Date(T0 + fromDay * DAY),
      until: new Date(T0 + (fromDay + days) * DAY),
      ...(revoked
        ? { revoked: { delegationId: 'x', by: { aadObjectId: 'gm', name: 'G' }, at: new Date(T0) } }
        : {}),
    }),
  );
const NOW = new Date(T0 + 3 * DAY);

/** A step only holders of `needed` at `site` may take, as every workflow's role check does. */
const step =
  (needed: Role, site: string) =>
  ({ actor: a }: { actor: Actor }) => {
    if (!hasAnyRole(a, [needed], site)) throw new ForbiddenError(`This is for ${needed} at ${site}.`);
    return `done by ${a.name}`;
  };

describe('acting cover: the rules (services/directory/delegation.ts)', () => {
  const ask = (grantor: Actor, delegate: Person, r: Role, site = 'Site-A') =>
    checkGrant({
      grantor,
      delegate,
      role: r,
      site,
      from: new Date(T0),
      until: new Date(T0 + 7 * DAY),
      now: new Date(T0),
    });

  it('never gives cover for admin, whoever asks', () => {
    fc.assert(
      fc.property(personArb('g'), personArb('p'), (grantor, delegate) => {
        assert.throws(() => ask(grantor, delegate, 'admin'), ForbiddenError);
      }),
    );
  });

  it('is given only by an admin of the site or a holder of the role there, in their own right', () => {
    fc.assert(
      fc.property(personArb('g'), personArb('p'), role, (grantor, delegate, r) => {
        fc.pre(r !== 'admin' && !hasAnyRole(delegate, [r], 'Site-A'));
        const entitled = hasAnyRole(grantor, ['admin'], 'Site-A') || hasAnyRole(grantor, [r], 'Site-A');
        if (entitled) assert.ok(['admin', 'role-holder'].includes(ask(grantor, delegate, r)));
        else assert.throws(() => ask(grantor, delegate, r), ForbiddenError);
      }),
    );
  });

  it('is not passed on: cover the grantor holds does not let them give it', () => {
    const holder = { aadObjectId: 'g', name: 'G', email: 'g@x.nz', roles: [] };
    const covered = actorWithCover(holder, [delegation({ delegate: 'g' })], NOW);
    assert.ok(hasAnyRole(covered, ['general-manager-custodial'], 'Site-A'), 'the cover counts for acting');
    const patti = { aadObjectId: 'p', name: 'P', email: 'p@x.nz', roles: [] };
    assert.throws(() => ask(covered, patti, 'general-manager-custodial'), /Only an admin at Site-A/);
  });

  it('refuses cover to oneself, to someone who holds the role, at every site (*), backwards or over a year', () => {
    const gm: Person = {
      aadObjectId: 'g',
      name: 'G',
      email: 'g@x.nz',
      roles: [{ role: 'general-manager-custodial', site: 'Site-A' }],
    };
    const other: Person = { ...gm, aadObjectId: 'h', name: 'H' };
    const p: Person = { aadObjectId: 'p', name: 'P', email: 'p@x.nz', roles: [] };
    assert.throws(() => ask(gm, gm, 'general-manager-custodial'), /to yourself/);
    assert.throws(() => ask(gm, other, 'general-manager-custodial'), /already a general manager custodial/);
    assert.throws(() => ask(gm, p, 'general-manager-custodial', '*'), /one site/);
    const period = (from: number, until: number, now = T0) =>
      checkGrant({
        grantor: gm,
        delegate: p,
        role: 'general-manager-custodial',
        site: 'Site-A',
        from: new Date(from),
        until: new Date(until),
        now: new Date(now),
      });
    assert.throws(() => period(T0, T0), /end after it begins/);
    assert.throws(() => period(T0 - 9 * DAY, T0 - DAY), /already have ended/);
    assert.throws(() => period(T0, T0 + 400 * DAY), /at most 366 days/);
  });

  it('counts only cover in force: begun, not ended, not revoked', () => {
    fc.assert(
      fc.property(fc.array(anyDelegation, { maxLength: 6 }), (ds) => {
        const p: Person = { aadObjectId: 'p', name: 'Patti', email: 'p@x.nz', roles: [] };
        const actor = actorWithCover(p, ds, NOW);
        for (const r of ROLES)
          for (const site of ['Site-A', 'Site-B'])
            assert.equal(
              hasAnyRole(actor, [r], site),
              ds.some((d) => d.role === r && d.site === site && isActive(d, NOW)),
              `${r} at ${site}`,
            );
      }),
    );
  });

  it('decides in the actor’s own right when it can, else under the cover that allows it, stamped; else refuses', () => {
    fc.assert(
      fc.property(personArb('p'), fc.array(anyDelegation, { maxLength: 5 }), role, (p, ds, needed) => {
        const actor = actorWithCover(p, ds, NOW);
        const own = hasAnyRole(p, [needed], 'Site-A');
        const cover = ds.find((d) => d.role === needed && d.site === 'Site-A' && isActive(d, NOW));
        if (own) {
          const r = decideUnderCover({ actor, now: NOW }, 'Site-A', step(needed, 'Site-A'));
          assert.equal(r.actor.acting, undefined);
          assert.equal(r.result, `done by ${p.name}`);
        } else if (cover) {
          const r = decideUnderCover({ actor, now: NOW }, 'Site-A', step(needed, 'Site-A'));
          assert.equal(r.actor.acting?.role, needed);
          assert.equal(r.actor.name, actingName(p.name, needed));
        } else {
          assert.throws(
            () => decideUnderCover({ actor, now: NOW }, 'Site-A', step(needed, 'Site-A')),
            DomainError,
          );
        }
      }),
    );
  });

  it('refuses at decision time cover that was in force when the actor was looked up but has ended since', () => {
    const p: Person = { aadObjectId: 'p', name: 'Patti Fernandez', email: 'p@x.nz', roles: [] };
    const d = delegation({ until: new Date(NOW.getTime() + 1000) });
    const actor = actorWithCover(p, [d], NOW);
    const later = new Date(NOW.getTime() + 1000);
    assert.throws(
      () => decideUnderCover({ actor, now: later }, 'Site-A', step('general-manager-custodial', 'Site-A')),
      ForbiddenError,
    );
    const r = decideUnderCover({ actor, now: NOW }, 'Site-A', step('general-manager-custodial', 'Site-A'));
    assert.equal(r.result, 'done by Patti Fernandez, acting general manager custodial');
  });

  it('is ended by its grantor, its delegate, an admin of the site or a holder of the role; nobody else', () => {
    const d = delegation({});
    const who = (id: string, roles: RoleGrant[] = []): Actor => ({ aadObjectId: id, name: id, roles });
    assert.ok(mayRevoke(who('gm'), d));
    assert.ok(mayRevoke(who('p'), d));
    assert.ok(mayRevoke(who('a', [{ role: 'admin', site: 'Site-A' }]), d));
    assert.ok(mayRevoke(who('h', [{ role: 'general-manager-custodial', site: 'Site-A' }]), d));
    assert.ok(!mayRevoke(who('x', [{ role: 'admin', site: 'Site-B' }]), d));
    assert.ok(!mayRevoke(who('y', [{ role: 'case-manager', site: 'Site-A' }]), d));
  });

  it('reads roles by id or by label, and dates as ISO or day/month/year', () => {
    for (const r of ROLES) {
      assert.equal(parseRole(r), r);
      assert.equal(parseRole(ROLE_LABELS[r].toUpperCase()), r);
    }
    assert.equal(parseRole('general manager'), undefined);
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (dt) => {
          const iso = dt.toISOString().slice(0, 10);
          const [y, m, d] = iso.split('-');
          assert.equal(parseDate(iso), iso);
          assert.equal(parseDate(`${Number(d)}/${Number(m)}/${y}`), iso);
        },
      ),
    );
    for (const bad of ['2026-02-30', '31/4/2026', '2026-13-01', 'tomorrow', '12/20/2026'])
      assert.equal(parseDate(bad), undefined, bad);
  });

  it('who is acting in a role at a site, for telling them what the role is told: in force, that role, that site (or national)', () => {
    const gm: Role[] = ['general-manager-custodial'];
    const cover = [
      delegation({ _id: 'in-force', delegate: 'patti' }),
      delegation({ _id: 'other-site', delegate: 'bea', site: 'Site-B' }),
      delegation({ _id: 'other-role', delegate: 'sam', role: 'security-manager' }),
      delegation({ _id: 'not-begun', delegate: 'later', from: new Date(T0 + 5 * DAY) }),
      delegation({ _id: 'ended', delegate: 'earlier', until: new Date(T0 + DAY) }),
      delegation({ _id: 'national', delegate: 'nat', site: '*' }),
    ];
    assert.deepEqual(actingIn(cover, gm, 'Site-A', NOW), ['patti', 'nat']);
    assert.deepEqual(actingIn(cover, gm, 'Site-B', NOW), ['bea', 'nat']);
    assert.deepEqual(actingIn(cover, ['health'], 'Site-A', NOW), []);
    const revoked = delegation({
      delegate: 'gone',
      revoked: { by: { aadObjectId: 'gm', name: 'Grace Manager' }, at: new Date(T0 + DAY) },
    } as Partial<DelegationRecord>);
    assert.deepEqual(actingIn([revoked], gm, 'Site-A', NOW), []);
  });
});
