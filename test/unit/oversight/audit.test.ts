import { checkRequestHistory, verifyAllHistories } from '../../../src/oversight/audit';
import { eventHash, GENESIS_HASH } from '../../../src/requests/eventChain';
import type { StoredEvent, StoredRequest } from '../../../src/requests/ports';

function chain(requestId: string, steps: Array<Pick<StoredEvent, 'action' | 'toState'>>): StoredEvent[] {
  let prev = GENESIS_HASH;
  let from: StoredEvent['fromState'] = null;
  return steps.map((s, i) => {
    const body = { requestId, seq: i + 1, action: s.action, actorId: 'a', at: `2026-03-0${i + 1}T10:00:00.000Z`, fromState: from, toState: s.toState, comment: null, data: { n: i } };
    const hash = eventHash(prev, body);
    const event: StoredEvent = { ...body, id: `${requestId}-${i}`, prevHash: prev, hash };
    prev = hash;
    from = s.toState;
    return event;
  });
}

const request = (id: string, state: StoredRequest['state']): StoredRequest =>
  ({ id, number: `WP-2026-${id}`, kind: 'logo-use', requesterId: 'a', requesterName: 'A', state, version: 2, values: {}, deciders: [], decidedBy: 'principal', createdAt: '2026-03-01T00:00:00.000Z', updatedAt: '', reminderCount: 0 }) as StoredRequest;

const steps = [
  { action: 'submit', toState: 'awaiting-decision' },
  { action: 'approve', toState: 'approved' },
] as const;

describe('auditing request histories', () => {
  it('passes an intact history', () => {
    expect(checkRequestHistory(request('1', 'approved'), chain('1', [...steps]))).toBeNull();
  });

  it.each([
    ['a comment edited', (e: StoredEvent[]): void => void (e[0]!.comment = 'changed'), 1, 'hash'],
    ['an actor changed', (e: StoredEvent[]): void => void (e[1]!.actorId = 'someone-else'), 2, 'hash'],
    ['a data field changed', (e: StoredEvent[]): void => void (e[1]!.data = { n: 99 }), 2, 'hash'],
    ['a hash rewritten to match an edit, breaking the next link', (e: StoredEvent[]): void => {
      e[0]!.comment = 'changed';
      e[0]!.hash = eventHash(GENESIS_HASH, e[0]!);
    }, 2, 'prev-hash'],
  ] as const)('names the first broken link when %s', (_what, tamper, seq, problem) => {
    const events = chain('1', [...steps]);
    tamper(events);
    const broken = checkRequestHistory(request('1', 'approved'), events);
    expect(broken).toMatchObject({ number: 'WP-2026-1', seq, problem });
    expect(broken!.message).toMatch(new RegExp(`^WP-2026-1, event ${seq} \\(`));
  });

  it('notices a removed event, a missing history, and a request changed behind its history', () => {
    const events = chain('1', [...steps, { action: 'expire', toState: 'expired' }]);
    expect(checkRequestHistory(request('1', 'expired'), [events[0]!, events[2]!])).toMatchObject({ seq: 3, problem: 'gap' });
    expect(checkRequestHistory(request('1', 'expired'), events.slice(0, 2))).toMatchObject({ seq: 2, problem: 'state-mismatch' });
    expect(checkRequestHistory(request('1', 'approved'), [])).toMatchObject({ seq: 0, problem: 'no-history' });
  });

  it('walks every request page by page and lists each broken history in order', async () => {
    const requests = Array.from({ length: 7 }, (_, i) => ({ ...request(String(i), 'approved'), createdAt: `2026-03-0${i + 1}T00:00:00.000Z` }));
    const histories = new Map(requests.map((r) => [r.id, chain(r.id, [...steps])]));
    histories.get('2')![1]!.comment = 'tampered';
    histories.get('5')!.pop();
    const repo = {
      requestPage: async (after: { createdAt: string; id: string } | undefined, limit: number) => requests.filter((r) => !after || r.createdAt > after.createdAt).slice(0, limit),
      eventsOf: async (ids: readonly string[]) => new Map(ids.map((id) => [id, histories.get(id)!])),
    };
    const result = await verifyAllHistories(repo as never, 3);
    expect(result.requests).toBe(7);
    expect(result.events).toBe(13);
    expect(result.broken.map((b) => [b.number, b.seq, b.problem])).toEqual([
      ['WP-2026-2', 2, 'hash'],
      ['WP-2026-5', 1, 'state-mismatch'],
    ]);
  });
});
