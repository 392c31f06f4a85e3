import { createDirectory } from '../../../src/directory';
import type { StoredEvent, StoredRequest } from '../../../src/requests/ports';
import { planForUnreachable, type FailedDelivery } from '../../../src/requests/unreachableDecider';
import { dir, id, request } from './sample';

/** Who is told in whose place, as the table of refusals the history records. */
const notReached = (who: string, outboxId: string, seq = 2): StoredEvent => ({
  id: `e${seq}`, requestId: 'r1', seq, action: 'unreachable', actorId: 'system', at: '', fromState: 'awaiting-decision', toState: 'awaiting-decision', comment: '', data: { outboxId, person: id(who) }, prevHash: '', hash: '',
});
const failed = (over: Partial<FailedDelivery> = {}): FailedDelivery => ({ outboxId: 'o1', target: { type: 'person', id: id('amara.okafor') }, reason: 'not-installed', fallback: 0, root: 'o1', ...over });
const plan = (r: StoredRequest, events: StoredEvent[], f: FailedDelivery, directory = dir) => {
  const p = planForUnreachable(r, events, f, directory);
  return p.act ? { escalate: p.escalate, comment: p.comment } : p.why;
};

describe('a decider who cannot be reached', () => {
  it('tells the other routed deciders first', () => {
    expect(plan(request(), [], failed())).toEqual({
      escalate: false,
      comment: 'Could not reach Amara Okafor (principal): the app is not installed for them. Told instead: Daniel Tremblay (designate).',
    });
  });

  it('goes to Communications, escalating, when every other decider was not reached either', () => {
    const p = plan(request(), [notReached('daniel.tremblay', 'o0')], failed({ reason: 'user-not-found' }));
    expect(p).toEqual({ escalate: true, comment: 'Could not reach Amara Okafor (principal): Teams does not know them (user not found). Told instead: Communications (its channel).' });
  });

  it('a failed notice to another decider goes to Communications; a failed notice to Communications stops', () => {
    expect(plan(request(), [], failed({ outboxId: 'o2', target: { type: 'person', id: id('daniel.tremblay') }, fallback: 1 }))).toMatchObject({ escalate: true, comment: expect.stringMatching(/Told instead: Communications \(its channel\)\.$/) });
    const escalated = request({ state: 'escalated', escalated: true, version: 2 });
    expect(plan(escalated, [], failed({ outboxId: 'o3', target: { type: 'channel' }, fallback: 2 }))).toEqual({
      escalate: false,
      comment: 'Could not reach the Communications channel: the app is not added to its team. Nobody else could be told.',
    });
  });

  it('without a channel, Communications members other than the one refused are told', () => {
    const noChannel = createDirectory({
      people: ['priya.nair', 'claire.donovan', 'andre.pelletier'].map((w) => dir.personByEmail(`${w}@district.example`)!),
      schools: [],
      departments: [],
      communications: { members: [id('claire.donovan'), id('andre.pelletier')] },
    });
    const r = request({ unit: undefined, decidedBy: 'communications', deciders: [id('claire.donovan'), id('andre.pelletier')] });
    expect(plan(r, [], failed({ target: { type: 'person', id: id('claire.donovan') }, reason: 'blocked' }), noChannel)).toEqual({
      escalate: false,
      comment: 'Could not reach Claire Donovan (Communications): they have blocked the app. Told instead: André Pelletier (Communications).',
    });
  });

  it('does nothing for a request already decided, for someone who no longer decides, or for a failure already recorded', () => {
    expect(plan(request({ state: 'approved' }), [], failed())).toBe('not-open');
    expect(plan(request({ state: 'escalated', escalated: true }), [], failed())).toBe('not-deciding');
    expect(plan(request(), [notReached('amara.okafor', 'o1')], failed())).toBe('already-recorded');
  });
});
