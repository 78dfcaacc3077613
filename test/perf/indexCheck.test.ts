import assert from 'node:assert/strict';
import { shapeOf } from '../helpers/commandLog';
import { served } from '../helpers/indexCheck';

/** The planner rule the HTTP process tests hold every query to (test/helpers/indexCheck.ts). */
describe('index check: would MongoDB answer this filter from an index?', () => {
  const indexes = [['_id'], ['gen', 'aadObjectId'], ['gen', 'roleKeys'], ['status', 'nextAttemptAt']];
  const cases: Array<[string, Record<string, unknown>, boolean]> = [
    ['point read by _id', { _id: 'x' }, true],
    ['equality on a leading field, more beside it', { gen: 'g1', nameLower: { $regex: 'a' } }, true],
    ['$in on a leading field', { status: { $in: ['pending', 'failed'] } }, true],
    ['a range on a leading field', { status: { $gte: 'a', $lt: 'b' } }, true],
    ['only a second field of a compound index', { aadObjectId: 'a' }, false],
    ['$ne on a leading field (the whole index)', { status: { $ne: 'sent' } }, false],
    ['$exists on a leading field', { status: { $exists: true } }, false],
    ['no indexed field', { leaseOwner: 'w1' }, false],
    ['$or with every branch served', { $or: [{ _id: 'a' }, { gen: 'g' }] }, true],
    ['$or with one branch not served', { $or: [{ _id: 'a' }, { leaseOwner: 'w' }] }, false],
    ['$or not served, beside a served condition', { status: 'pending', $or: [{ a: 1 }, { b: 2 }] }, true],
    ['$and with one served part', { $and: [{ leaseOwner: 'w' }, { gen: 'g' }] }, true],
  ];
  for (const [name, filter, expected] of cases) {
    it(`${name}: ${expected ? 'index' : 'collection scan'}`, () => {
      assert.equal(served(shapeOf(filter), indexes), expected);
    });
  }
});
