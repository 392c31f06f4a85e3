import { notificationsFor } from '../../../src/requests/notifications';
import { createDirectory } from '../../../src/directory';
import type { CardCopy, StoredEvent, StoredRequest } from '../../../src/requests/ports';
import type { LifecycleAction } from '../../../src/requests/lifecycle';
import { dir, id, request } from './sample';

const event = (action: LifecycleAction, seq = 2, data: Record<string, unknown> = {}): StoredEvent => ({
  id: 'e', requestId: 'r1', seq, action, actorId: 'x', at: '2026-03-02T15:00:00.000Z', fromState: null, toState: 'approved', comment: null, data, prevHash: '', hash: '',
});
const copies: CardCopy[] = [
  { requestId: 'r1', conversationId: 'a:amara', activityId: 'm1', viewerId: id('amara.okafor'), createdAt: '' },
  { requestId: 'r1', conversationId: '19:comms;messageid=1', activityId: '1', viewerId: null, createdAt: '' },
];
const summary = (ns: ReturnType<typeof notificationsFor>) =>
  ns.map((n) => `${n.kind} → ${n.target.type === 'person' ? dir.person(n.target.aadId)?.name : n.target.type === 'channel' ? 'channel' : n.target.activityId}`);

describe('who hears about each change', () => {
  it.each<[LifecycleAction, Partial<StoredRequest>, string[]]>([
    ['submit', {}, ['decision-card → Amara Okafor', 'decision-card → Daniel Tremblay']],
    ['approve', { state: 'approved', version: 2 }, ['card-update → m1', 'card-update → 1', 'written-permission → Priya Nair']],
    ['decline', { state: 'declined', version: 2 }, ['card-update → m1', 'card-update → 1', 'requester-notice → Priya Nair']],
    ['request-changes', { state: 'changes-requested', version: 2 }, ['card-update → m1', 'card-update → 1', 'requester-notice → Priya Nair']],
    ['escalate', { state: 'escalated', version: 2, escalated: true }, ['card-update → m1', 'card-update → 1', 'escalation-card → channel']],
    ['withdraw', { state: 'withdrawn', version: 2 }, ['card-update → m1', 'card-update → 1']],
    ['resubmit', { version: 3 }, ['card-update → m1', 'card-update → 1', 'decision-card → Amara Okafor', 'decision-card → Daniel Tremblay']],
    ['resubmit', { version: 3, state: 'escalated', escalated: true }, ['card-update → m1', 'card-update → 1', 'escalation-card → channel']],
    ['expire', { state: 'expired', version: 3 }, ['card-update → m1', 'card-update → 1', 'requester-notice → Priya Nair']],
    ['remind', {}, ['reminder → Amara Okafor', 'reminder → Daniel Tremblay']],
    ['remind', { state: 'escalated', escalated: true }, ['reminder → Claire Donovan', 'reminder → André Pelletier']],
  ])('%s (%j)', (action, over, expected) => {
    const cs = action === 'submit' || action === 'remind' ? [] : copies;
    expect(summary(notificationsFor(request(over), event(action, 2, action === 'remind' ? { reminder: 1 } : {}), cs, dir))).toEqual(expected);
  });

  it('sends escalations to each member of Communications when no channel is configured', () => {
    const noChannel = createDirectory({
      people: ['amara.okafor', 'daniel.tremblay', 'priya.nair', 'claire.donovan'].map((w) => dir.personByEmail(`${w}@district.example`)!),
      schools: [dir.school('maple-grove')!],
      departments: [],
      communications: { members: [id('claire.donovan')] },
    });
    expect(summary(notificationsFor(request({ state: 'escalated', version: 2 }), event('escalate'), [], noChannel))).toEqual(['decision-card → Claire Donovan']);
  });

  it('names the request and the version in every dedupe key, so a retried commit queues nothing twice', () => {
    const keys = notificationsFor(request({ state: 'approved', version: 2 }), event('approve'), copies, dir).map((n) => n.dedupeKey);
    expect(keys).toEqual([
      'card-update:r1:v2:a:amara:m1',
      'card-update:r1:v2:19:comms;messageid=1:1',
      `written-permission:r1:v2:${id('priya.nair')}`,
    ]);
    for (const k of keys) expect(k.startsWith(`${k.split(':')[0]}:r1:`)).toBe(true);
  });
});
