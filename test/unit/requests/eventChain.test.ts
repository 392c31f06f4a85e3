import { canonicalJson, eventHash, GENESIS_HASH, verifyChain, type ChainedEvent } from '../../../src/requests/eventChain';

const base: ChainedEvent = { requestId: 'r', seq: 1, action: 'submit', actorId: 'a', at: '2026-03-02T15:00:00.000Z', fromState: null, toState: 'awaiting-decision', comment: null, data: { b: 1, a: [2, { d: 1, c: 'x' }] } };

describe('the request history hash chain', () => {
  it('hashes a canonical form: key order and absent fields do not matter', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: 'é' } })).toBe('{"a":{"c":"é"},"b":1}');
    expect(eventHash(GENESIS_HASH, base)).toBe(eventHash(GENESIS_HASH, { ...base, data: { a: [2, { c: 'x', d: 1 }], b: 1 } }));
    expect(eventHash(GENESIS_HASH, base)).not.toBe(eventHash(GENESIS_HASH, { ...base, comment: '' }));
  });

  it('finds a gap, a broken link or an edited event', () => {
    const first = { ...base, prevHash: GENESIS_HASH, hash: eventHash(GENESIS_HASH, base) };
    const secondBody = { ...base, seq: 2, action: 'approve', toState: 'approved', fromState: 'awaiting-decision' };
    const second = { ...secondBody, prevHash: first.hash, hash: eventHash(first.hash, secondBody) };
    expect(verifyChain([first, second])).toBeNull();
    expect(verifyChain([second])).toEqual({ seq: 2, problem: 'gap' });
    expect(verifyChain([first, { ...second, prevHash: GENESIS_HASH }])).toEqual({ seq: 2, problem: 'prev-hash' });
    expect(verifyChain([first, { ...second, actorId: 'someone else' }])).toEqual({ seq: 2, problem: 'hash' });
  });
});
