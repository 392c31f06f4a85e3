import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import pino from 'pino';
import { openStore, Store } from '../../../src/store/db';
import { OutboxRepository, OutboxRow } from '../../../src/store/outbox';
import { RequestRepository } from '../../../src/store/requests';
import { backoffMs, OutboxWorker, OutboxWorkerOptions } from '../../../src/notify/outbox';
import { DeliveryError } from '../../../src/notify/messenger';
import type { NewNotification } from '../../../src/requests/ports';

/** The worker over a real (SQLite) outbox, with a scripted deliverer and a clock the test moves. */
describe('the outbox worker', () => {
  let dir: string;
  let store: Store;
  let outbox: OutboxRepository;
  let requests: RequestRepository;
  let now = new Date('2026-03-02T15:00:00.000Z');
  const clock = () => now;
  const log = pino({ level: 'silent' });

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-test-'));
    store = await openStore(`sqlite:${path.join(dir, 'o.sqlite')}`);
    outbox = new OutboxRepository(store.db, store.dialect);
    requests = new RequestRepository(store.db);
    now = new Date('2026-03-02T15:00:00.000Z');
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const enqueue = (...keys: string[]) =>
    requests.transaction((tx) =>
      tx.enqueue(
        keys.map<NewNotification>((k) => ({ dedupeKey: `reminder:req-1:${k}`, kind: 'reminder', target: { type: 'person', aadId: k }, payload: { requestId: 'req-1' } })),
        now.toISOString(),
      ),
    );
  const worker = (deliver: (row: OutboxRow, signal: AbortSignal) => Promise<object>, maxAttempts = 4, more: Partial<OutboxWorkerOptions> = {}) =>
    new OutboxWorker({ outbox, deliver: deliver as never, now: clock, log, pollMs: 10, maxAttempts, baseBackoffMs: 1000, maxBackoffMs: 60_000, ...more });
  /** A connector call that never answers: it fails only when its signal aborts it, as the messenger's calls do. */
  const hangsUntilAborted = (message: string) => (_row: OutboxRow, signal: AbortSignal) =>
    new Promise<object>((_resolve, reject) => signal.addEventListener('abort', () => reject(new DeliveryError(message, undefined, undefined, false))));
  const rows = async () => Object.fromEntries((await outbox.list()).map((r) => [r.target.type === 'person' ? r.target.aadId : r.id, r]));

  it('backs off exponentially, never sooner than Retry-After', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 1000, 60_000))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(10, 1000, 60_000)).toBe(60_000);
    expect(backoffMs(1, 1000, 60_000, 30_000)).toBe(30_000);
  });

  it('retries a 500 with backoff and delivers once; keeps the error visible meanwhile', async () => {
    await enqueue('a');
    const calls: string[] = [];
    const w = worker(async (row) => {
      calls.push(row.id);
      if (calls.length === 1) throw new DeliveryError('500 stand-in failure', 500, undefined, false);
      return {};
    });
    await w.runOnce();
    expect((await rows()).a).toMatchObject({ state: 'pending', attempts: 1, lastError: '500 stand-in failure', nextAttemptAt: '2026-03-02T15:00:01.000Z' });
    expect(await w.runOnce()).toBe(0); // not due yet
    now = new Date('2026-03-02T15:00:01.000Z');
    await w.runOnce();
    expect((await rows()).a).toMatchObject({ state: 'delivered', attempts: 2 });
    now = new Date('2026-03-09T00:00:00.000Z');
    await w.runOnce();
    expect(calls).toHaveLength(2);
  });

  it('on a 429 waits as long as Retry-After says and starts nothing else meanwhile; the rest is not counted', async () => {
    await enqueue('a', 'b', 'c');
    let first = true;
    const w = worker(
      async () => {
        if (first) {
          first = false;
          throw new DeliveryError('429 Too Many Requests', 429, 30_000, false);
        }
        return {};
      },
      4,
      { concurrency: 1 },
    );
    expect(await w.runOnce()).toBe(1);
    const throttled = Object.values(await rows()).find((r) => r.attempts === 1)!;
    expect(throttled.nextAttemptAt).toBe('2026-03-02T15:00:30.000Z');
    expect(w.currentWaitMs()).toBe(30_000);
    now = new Date('2026-03-02T15:00:29.000Z');
    expect(await w.runOnce()).toBe(0);
    expect(Object.values(await rows()).map((r) => r.attempts).sort()).toEqual([0, 0, 1]);
    now = new Date('2026-03-02T15:00:30.000Z');
    for (let i = 0; i < 3; i++) await w.runOnce();
    expect(Object.values(await rows()).map((r) => r.state)).toEqual(['delivered', 'delivered', 'delivered']);
  });

  it('caps Retry-After at 10 minutes: an hour asked for waits 10 minutes', async () => {
    await enqueue('a');
    const w = worker(async () => {
      throw new DeliveryError('429 Too Many Requests', 429, 60 * 60_000, false);
    });
    await w.runOnce();
    expect((await rows()).a).toMatchObject({ state: 'pending', nextAttemptAt: '2026-03-02T15:10:00.000Z' });
    expect(w.currentWaitMs()).toBe(10 * 60_000);
    expect(backoffMs(1, 1000, 60_000, 60 * 60_000)).toBe(10 * 60_000);
  });

  it('one hung delivery holds up nobody else: other people are served while it hangs', async () => {
    await enqueue('slow', 'b', 'c');
    const done: string[] = [];
    let release!: () => void;
    const hung = new Promise<void>((r) => (release = r));
    const w = worker(async (row) => {
      const who = row.target.type === 'person' ? row.target.aadId : '';
      if (who === 'slow') await hung;
      done.push(who);
      return {};
    });
    const pass = w.runOnce();
    // The other two are delivered while the first call is still hanging.
    for (let i = 0; i < 100 && done.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(done.sort()).toEqual(['b', 'c']);
    expect((await rows()).b!.state).toBe('delivered');
    release();
    await pass;
    expect((await rows()).slow!.state).toBe('delivered');
  });

  it('two notifications to one person go one after the other, in order', async () => {
    await enqueue('p');
    await requests.transaction((tx) =>
      tx.enqueue([{ dedupeKey: 'reminder:req-1:p-second', kind: 'reminder', target: { type: 'person', aadId: 'p' }, payload: { requestId: 'req-1' } }], new Date(now.getTime() + 1).toISOString()),
    );
    now = new Date(now.getTime() + 1);
    let inFlight = 0;
    let most = 0;
    const order: string[] = [];
    const w = worker(async (row) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      order.push(row.dedupeKey);
      inFlight -= 1;
      return {};
    });
    await w.runOnce();
    await w.runOnce();
    expect(most).toBe(1);
    expect(order).toEqual(['reminder:req-1:p', 'reminder:req-1:p-second']);
    expect((await outbox.list()).map((r) => [r.state, r.attempts])).toEqual([
      ['delivered', 1],
      ['delivered', 1],
    ]);
  });

  it('dead-letters a permanent refusal at once, and anything else after the last attempt, keeping the last error', async () => {
    await enqueue('forbidden', 'flaky');
    const w = worker(async (row) => {
      if (row.target.type === 'person' && row.target.aadId === 'forbidden') throw new DeliveryError('403 Forbidden', 403, undefined, true);
      throw new Error('connection reset');
    }, 3);
    for (let i = 0; i < 6; i++) {
      await w.runOnce();
      now = new Date(now.getTime() + 60_000);
    }
    const r = await rows();
    expect(r.forbidden).toMatchObject({ state: 'dead', attempts: 1, lastError: '403 Forbidden' });
    expect(r.flaky).toMatchObject({ state: 'dead', attempts: 3, lastError: 'connection reset' });
  });

  it('a crash between claim and mark leaves the row to be claimed again once the lease lapses (at least once)', async () => {
    await enqueue('a');
    // A worker claims the row and dies before delivering or marking it.
    const crashed = await outbox.claim('crashed-worker', now.toISOString(), new Date(now.getTime() + 120_000).toISOString(), 10);
    expect(crashed).toHaveLength(1);
    const delivered: string[] = [];
    const w = worker(async (row) => {
      delivered.push(row.id);
      return {};
    });
    expect(await w.runOnce()).toBe(0);
    now = new Date(now.getTime() + 121_000);
    expect(await w.runOnce()).toBe(1);
    expect((await rows()).a).toMatchObject({ state: 'delivered', attempts: 2 });
    expect(delivered).toHaveLength(1);
  });

  it('at shutdown cuts off a hung delivery once the grace runs out and gives its row back, uncounted, for another instance', async () => {
    await enqueue('a');
    const w = worker(hangsUntilAborted('the call was cut off'), 4, { pollMs: 5 });
    w.start();
    for (let i = 0; i < 100 && (await rows()).a!.attempts === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect((await rows()).a).toMatchObject({ claimedBy: w.workerId, attempts: 1 });
    await w.stop(Date.now() + 100);
    expect((await rows()).a).toMatchObject({ state: 'pending', claimedBy: null, claimedUntil: null, attempts: 0, lastError: null });
    const other = worker(async () => ({}));
    expect(await other.runOnce()).toBe(1);
    expect((await rows()).a!.state).toBe('delivered');
  });

  it('a delivery outlasting half the lease is cut off, so nobody else can take the row while it is in flight', async () => {
    await enqueue('a');
    const w = worker(hangsUntilAborted('the connector did not answer in time'), 4, { leaseMs: 200 });
    await w.runOnce();
    expect((await rows()).a).toMatchObject({ state: 'pending', claimedBy: null, attempts: 1, lastError: 'the connector did not answer in time' });
  });

  it('stops between polls and waits for the delivery in hand', async () => {
    await enqueue('a');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const w = worker(async () => {
      await gate;
      return {};
    });
    w.start();
    await new Promise((r) => setTimeout(r, 50));
    const stopping = w.stop();
    release();
    await stopping;
    expect((await rows()).a!.state).toBe('delivered');
  });
});
