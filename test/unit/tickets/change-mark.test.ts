// KeptUntilChange (services/tickets/change-mark.ts): a value is kept under its mark, read again when the mark moves
// or once MAX_AGE_MS has passed (what moves no mark: a rename, a calendar day, a late MariaDB commit), and the map
// starts over past its bound. The database is never touched here: `read` is the test's own, and Date.now is set.
import { expect } from 'chai';
import { KeptUntilChange, MAX_AGE_MS } from '../../../server/services/tickets/change-mark.js';
import type { Db } from '../../../server/db/index.js';

const db = {} as Db;

describe('values kept until the tickets change', () => {
  const realNow = Date.now;
  let now = 1_000_000;
  beforeEach(() => { Date.now = () => now; });
  afterEach(() => { Date.now = realNow; });

  it('keeps a value under its mark, and reads again when the mark moves or MAX_AGE_MS has passed', async () => {
    const kept = new KeptUntilChange<number>();
    let reads = 0;
    const read = async () => ++reads;
    expect(await kept.get(db, 'k', '1.1', read)).to.equal(1);
    now += MAX_AGE_MS - 1;
    expect(await kept.get(db, 'k', '1.1', read)).to.equal(1);
    expect(await kept.get(db, 'k', '1.2', read)).to.equal(2);
    now += MAX_AGE_MS;
    expect(await kept.get(db, 'k', '1.2', read)).to.equal(3);
    // another key, or another database, has its own value
    expect(await kept.get(db, 'other', '1.2', read)).to.equal(4);
    expect(await kept.get({} as Db, 'k', '1.2', read)).to.equal(5);
  });

  it('starts over past its bound of keys, and keeps nothing a failed read gave', async () => {
    const kept = new KeptUntilChange<string>(2);
    let reads = 0;
    const read = async () => `v${++reads}`;
    await kept.get(db, 'a', '1.1', read);
    await kept.get(db, 'b', '1.1', read);
    await kept.get(db, 'c', '1.1', read); // the third key clears the two kept
    expect(await kept.get(db, 'a', '1.1', read)).to.equal('v4');
    const failing = kept.get(db, 'd', '1.1', async () => { throw new Error('database gone'); });
    await failing.then(() => expect.fail('a failed read answered'), (e: Error) => expect(e.message).to.equal('database gone'));
    expect(await kept.get(db, 'd', '1.1', read)).to.equal('v5');
  });
});
