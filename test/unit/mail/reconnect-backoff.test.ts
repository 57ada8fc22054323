import { expect } from 'chai';
import { nextReconnectAttempt, reconnectDelayMs, RECONNECT_MAX_MS, STABLE_CONNECTION_MS } from '../../../server/mail/reconnect-backoff.js';

describe('IMAP reconnect backoff', () => {
  const table: [number, number][] = [[0, 0], [1, 2_000], [2, 4_000], [3, 8_000], [8, 256_000], [9, RECONNECT_MAX_MS], [50, RECONNECT_MAX_MS]];
  for (const [attempt, delay] of table) {
    it(`waits ${delay} ms before attempt ${attempt}`, () => expect(reconnectDelayMs(attempt)).to.equal(delay));
  }
  it('keeps counting attempts when a connection dropped before it was stable', () => {
    expect(nextReconnectAttempt(3, STABLE_CONNECTION_MS - 1)).to.equal(4);
  });
  it('resets the attempts only after a connection stayed up', () => {
    expect(nextReconnectAttempt(7, STABLE_CONNECTION_MS)).to.equal(0);
  });
});
