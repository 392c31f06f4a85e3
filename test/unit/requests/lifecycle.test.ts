import {
  applyTransition,
  districtDate,
  transition,
  type LifecycleAction,
  type LifecycleEvent,
  type TransitionInput,
  type TransitionRefusal,
  type TransitionResult,
} from '../../../src/requests/lifecycle';
import { actorFor, SYSTEM_ACTOR, type Actor } from '../../../src/requests/permissions';
import type { RequestRecord, RequestState } from '../../../src/requests/record';
import { route } from '../../../src/requests/routing';
import { dir, id } from './sample';

const NOW = new Date('2025-05-01T15:00:00Z');
const as = (who: string): Actor => actorFor(dir, id(who));

/** Priya (a Maple Grove teacher) asks to use the school's logo; Amara and Daniel decide. */
function teacherRequest(over: Partial<RequestRecord> = {}): RequestRecord {
  const r = route({ kind: 'logo-use', requesterId: id('priya.nair'), unit: { type: 'school', id: 'maple-grove' }, logo: 'school' }, dir);
  return {
    kind: 'logo-use',
    requesterId: id('priya.nair'),
    unit: { type: 'school', id: 'maple-grove' },
    state: 'awaiting-decision',
    version: 3,
    deciders: r.deciders,
    decidedBy: r.decidedBy,
    ...over,
  };
}

/** Raj asks to speak for the whole district; Communications decides. */
function districtRequest(over: Partial<RequestRecord> = {}): RequestRecord {
  const r = route({ kind: 'speak-on-behalf', requesterId: id('raj.patel'), onBehalfOf: 'district' }, dir);
  return {
    kind: 'speak-on-behalf',
    requesterId: id('raj.patel'),
    state: 'awaiting-decision',
    version: 1,
    deciders: r.deciders,
    decidedBy: r.decidedBy,
    ...over,
  };
}

function ok(result: TransitionResult): Extract<TransitionResult, { ok: true }> {
  if (!result.ok) throw new Error(`refused: ${result.reason}: ${result.message}`);
  return result;
}

describe('transitions that happen', () => {
  it.each<[string, RequestRecord, string | 'system', LifecycleAction, TransitionInput, RequestState]>([
    ['the requester submits a draft', teacherRequest({ state: null, version: 0 }), 'priya.nair', 'submit', {}, 'awaiting-decision'],
    ['the principal approves', teacherRequest(), 'amara.okafor', 'approve', { seenVersion: 3 }, 'approved'],
    ['a designate approves', teacherRequest(), 'daniel.tremblay', 'approve', { seenVersion: 3 }, 'approved'],
    ['a designate declines with a reason', teacherRequest(), 'daniel.tremblay', 'decline', { seenVersion: 3, comment: 'Not for fundraising.' }, 'declined'],
    ['the principal requests changes', teacherRequest(), 'amara.okafor', 'request-changes', { seenVersion: 3, comment: 'Attach the mock-up.' }, 'changes-requested'],
    ['the requester resubmits', teacherRequest({ state: 'changes-requested' }), 'priya.nair', 'resubmit', { seenVersion: 3 }, 'awaiting-decision'],
    ['a resubmission after Communications asked goes back to Communications', teacherRequest({ state: 'changes-requested', escalated: true }), 'priya.nair', 'resubmit', { seenVersion: 3 }, 'escalated'],
    ['a designate escalates to Communications', teacherRequest(), 'daniel.tremblay', 'escalate', { seenVersion: 3, comment: 'Board-wide event.' }, 'escalated'],
    ['the bot escalates an unresolved request', teacherRequest(), 'system', 'escalate', {}, 'escalated'],
    ['Communications approves an escalated request', teacherRequest({ state: 'escalated', escalated: true }), 'claire.donovan', 'approve', { seenVersion: 3 }, 'approved'],
    ['Communications declines an escalated request', teacherRequest({ state: 'escalated', escalated: true }), 'andre.pelletier', 'decline', { seenVersion: 3, comment: 'No.' }, 'declined'],
    ['Communications requests changes on an escalated request', teacherRequest({ state: 'escalated', escalated: true }), 'claire.donovan', 'request-changes', { seenVersion: 3, comment: 'Smaller logo.' }, 'changes-requested'],
    ['Communications approves what was routed to it', districtRequest(), 'claire.donovan', 'approve', { seenVersion: 1 }, 'approved'],
    ['the requester withdraws while awaiting', teacherRequest(), 'priya.nair', 'withdraw', { seenVersion: 3 }, 'withdrawn'],
    ['the requester withdraws while changes are requested', teacherRequest({ state: 'changes-requested' }), 'priya.nair', 'withdraw', { seenVersion: 3 }, 'withdrawn'],
    ['the requester withdraws while escalated', teacherRequest({ state: 'escalated' }), 'priya.nair', 'withdraw', { seenVersion: 3 }, 'withdrawn'],
    ['an approval expires after its end date', teacherRequest({ state: 'approved', validUntil: '2025-04-30' }), 'system', 'expire', {}, 'expired'],
    ['the bot reminds the deciders', teacherRequest(), 'system', 'remind', {}, 'awaiting-decision'],
    ['the requester nudges Communications', teacherRequest({ state: 'escalated' }), 'priya.nair', 'remind', { seenVersion: 3 }, 'escalated'],
  ])('%s', (_what, request, who, action, input, expected) => {
    const actor = who === 'system' ? SYSTEM_ACTOR : as(who);
    const result = ok(transition(request, actor, action, input, NOW));
    expect(result.state).toBe(expected);
    expect(result.version).toBe(action === 'remind' ? request.version : request.version + 1);
    expect(result.event).toMatchObject({
      action,
      actorId: actor.id,
      at: NOW.toISOString(),
      from: request.state,
      to: expected,
    });
  });

  it('records the approval’s conditions, end date and comment', () => {
    const result = ok(
      transition(
        teacherRequest(),
        as('amara.okafor'),
        'approve',
        { seenVersion: 3, comment: ' Looks good. ', conditions: ' Use the 2024 logo only. ', validUntil: '2025-06-30' },
        NOW,
      ),
    );
    expect(result.event).toEqual({
      action: 'approve',
      actorId: id('amara.okafor'),
      at: '2025-05-01T15:00:00.000Z',
      from: 'awaiting-decision',
      to: 'approved',
      comment: 'Looks good.',
      conditions: 'Use the 2024 logo only.',
      validUntil: '2025-06-30',
    });
    expect(applyTransition(teacherRequest(), result)).toMatchObject({ state: 'approved', version: 4, validUntil: '2025-06-30' });
  });

  it('keeps conditions only on approvals', () => {
    const result = ok(
      transition(teacherRequest(), as('amara.okafor'), 'decline', { seenVersion: 3, comment: 'No.', conditions: 'x' }, NOW),
    );
    expect(result.event.conditions).toBeUndefined();
  });
});

describe('refusals change nothing and say why', () => {
  it.each<[string, RequestRecord, string | 'system', LifecycleAction, TransitionInput, TransitionRefusal]>([
    // Nobody decides their own request, even a principal with a supervisor above
    ['the requester approves their own request', teacherRequest(), 'priya.nair', 'approve', { seenVersion: 3 }, 'own-request'],
    ['a principal approves her own request', teacherRequest({ requesterId: id('amara.okafor'), deciders: [id('helen.marchetti')], decidedBy: 'supervisor' }), 'amara.okafor', 'approve', { seenVersion: 3 }, 'own-request'],
    ['the requester escalates their own request', teacherRequest(), 'priya.nair', 'escalate', { seenVersion: 3 }, 'own-request'],
    // Only the people it was routed to decide
    ['a colleague the card was forwarded to', teacherRequest(), 'liam.oconnor', 'approve', { seenVersion: 3 }, 'not-allowed-to-decide'],
    ['another school’s principal', teacherRequest(), 'gregory.whitfield', 'decline', { seenVersion: 3, comment: 'x' }, 'not-allowed-to-decide'],
    ['a colleague escalates', teacherRequest(), 'liam.oconnor', 'escalate', { seenVersion: 3 }, 'not-allowed-to-decide'],
    ['the principal once escalated', teacherRequest({ state: 'escalated', escalated: true }), 'amara.okafor', 'approve', { seenVersion: 3 }, 'not-allowed-to-decide'],
    ['Communications before it is escalated', teacherRequest(), 'claire.donovan', 'approve', { seenVersion: 3 }, 'not-allowed-to-decide'],
    // Escalating is a decision too: Communications cannot take a principal's request for itself.
    ['Communications escalates a request routed to a principal', teacherRequest(), 'claire.donovan', 'escalate', { seenVersion: 3 }, 'not-allowed-to-decide'],
    ['a principal on a request routed to Communications', districtRequest(), 'amara.okafor', 'approve', { seenVersion: 1 }, 'not-allowed-to-decide'],
    ['the bot approving', teacherRequest(), 'system', 'approve', {}, 'not-allowed-to-decide'],
    // Only the requester submits, resubmits and withdraws
    ['someone else submits', teacherRequest({ state: null, version: 0 }), 'liam.oconnor', 'submit', {}, 'not-requester'],
    ['the principal withdraws it', teacherRequest(), 'amara.okafor', 'withdraw', { seenVersion: 3 }, 'not-requester'],
    ['the principal resubmits it', teacherRequest({ state: 'changes-requested' }), 'amara.okafor', 'resubmit', { seenVersion: 3 }, 'not-requester'],
    ['a decider sends a reminder', teacherRequest(), 'amara.okafor', 'remind', { seenVersion: 3 }, 'not-requester'],
    ['a person expires an approval', teacherRequest({ state: 'approved', validUntil: '2025-01-01' }), 'amara.okafor', 'expire', { seenVersion: 3 }, 'system-only'],
    // The card must be current
    ['an old card', teacherRequest(), 'amara.okafor', 'approve', { seenVersion: 2 }, 'stale-version'],
    ['a card with no version', teacherRequest(), 'amara.okafor', 'approve', {}, 'version-required'],
    ['the bot with an old version', teacherRequest(), 'system', 'escalate', { seenVersion: 1 }, 'stale-version'],
    // Finished is finished
    ['approving an approved request', teacherRequest({ state: 'approved' }), 'amara.okafor', 'approve', { seenVersion: 3 }, 'already-decided'],
    ['declining a withdrawn request', teacherRequest({ state: 'withdrawn' }), 'amara.okafor', 'decline', { seenVersion: 3, comment: 'x' }, 'already-decided'],
    ['withdrawing an approved request', teacherRequest({ state: 'approved' }), 'priya.nair', 'withdraw', { seenVersion: 3 }, 'already-decided'],
    ['escalating a declined request', teacherRequest({ state: 'declined' }), 'system', 'escalate', {}, 'already-decided'],
    ['reminding about an expired request', teacherRequest({ state: 'expired' }), 'system', 'remind', {}, 'already-decided'],
    // Steps out of order
    ['submitting twice', teacherRequest(), 'priya.nair', 'submit', {}, 'invalid-transition'],
    ['resubmitting while awaiting a decision', teacherRequest(), 'priya.nair', 'resubmit', { seenVersion: 3 }, 'invalid-transition'],
    ['approving while changes are awaited', teacherRequest({ state: 'changes-requested' }), 'amara.okafor', 'approve', { seenVersion: 3 }, 'invalid-transition'],
    ['escalating an escalated request', teacherRequest({ state: 'escalated' }), 'system', 'escalate', {}, 'invalid-transition'],
    ['escalating what is already Communications’', districtRequest(), 'claire.donovan', 'escalate', { seenVersion: 1 }, 'invalid-transition'],
    ['expiring an approval with no end date', teacherRequest({ state: 'approved' }), 'system', 'expire', {}, 'invalid-transition'],
    ['expiring a request still awaiting a decision', teacherRequest({ validUntil: '2025-01-01' }), 'system', 'expire', {}, 'invalid-transition'],
    ['approving a draft', teacherRequest({ state: null }), 'amara.okafor', 'approve', { seenVersion: 3 }, 'invalid-transition'],
    // What the decider must say
    ['declining without a reason', teacherRequest(), 'amara.okafor', 'decline', { seenVersion: 3 }, 'reason-required'],
    ['declining with only spaces', teacherRequest(), 'amara.okafor', 'decline', { seenVersion: 3, comment: '   ' }, 'reason-required'],
    ['requesting changes without saying which', teacherRequest(), 'amara.okafor', 'request-changes', { seenVersion: 3 }, 'comment-required'],
    ['a comment over 2000 characters', teacherRequest(), 'amara.okafor', 'approve', { seenVersion: 3, comment: 'x'.repeat(2001) }, 'too-long'],
    ['conditions over 2000 characters', teacherRequest(), 'amara.okafor', 'approve', { seenVersion: 3, conditions: 'x'.repeat(2001) }, 'too-long'],
    ['an approval ending in the past', teacherRequest(), 'amara.okafor', 'approve', { seenVersion: 3, validUntil: '2025-04-30' }, 'invalid-end-date'],
    ['an approval ending on no real date', teacherRequest(), 'amara.okafor', 'approve', { seenVersion: 3, validUntil: '2025-02-30' }, 'invalid-end-date'],
    ['expiring on the last valid day', teacherRequest({ state: 'approved', validUntil: '2025-05-01' }), 'system', 'expire', {}, 'not-yet-expired'],
  ])('%s', (_what, request, who, action, input, reason) => {
    const before = structuredClone(request);
    const result = transition(request, who === 'system' ? SYSTEM_ACTOR : as(who), action, input, NOW);
    expect(result).toEqual({
      ok: false,
      reason,
      message: expect.stringMatching(/\S\.$/),
      state: request.state,
      version: request.version,
    });
    expect(request).toEqual(before);
  });

  it('tells a stale card what happened', () => {
    const result = transition(teacherRequest({ state: 'approved', version: 4 }), as('daniel.tremblay'), 'approve', { seenVersion: 3 }, NOW);
    expect(result).toMatchObject({
      ok: false,
      reason: 'stale-version',
      state: 'approved',
      version: 4,
      message: 'This card is out of date: the request has already been approved.',
    });
  });
});

describe('expiry follows the district’s calendar day', () => {
  it('uses Eastern time', () => {
    expect(districtDate(new Date('2025-05-01T02:00:00Z'))).toBe('2025-04-30');
    expect(districtDate(new Date('2025-05-01T05:00:00Z'))).toBe('2025-05-01');
  });

  it('expires only once the last valid day is over there', () => {
    const approved = teacherRequest({ state: 'approved', validUntil: '2025-04-30' });
    expect(transition(approved, SYSTEM_ACTOR, 'expire', {}, new Date('2025-05-01T03:59:00Z')).ok).toBe(false);
    expect(transition(approved, SYSTEM_ACTOR, 'expire', {}, new Date('2025-05-01T04:01:00Z')).ok).toBe(true);
  });
});

describe('under real conditions', () => {
  it('two approvers at once: exactly one decision wins', () => {
    const request = teacherRequest();
    const first = ok(transition(request, as('amara.okafor'), 'approve', { seenVersion: 3 }, NOW));
    const stored = applyTransition(request, first);
    const second = transition(stored, as('daniel.tremblay'), 'decline', { seenVersion: 3, comment: 'No.' }, NOW);
    expect(second).toMatchObject({ ok: false, reason: 'stale-version', state: 'approved' });
  });

  it('a repeated invoke changes nothing the second time', () => {
    const request = teacherRequest();
    const stored = applyTransition(request, ok(transition(request, as('amara.okafor'), 'approve', { seenVersion: 3 }, NOW)));
    const again = transition(stored, as('amara.okafor'), 'approve', { seenVersion: 3 }, NOW);
    expect(again).toMatchObject({ ok: false, reason: 'stale-version', state: 'approved', version: 4 });
  });

  it('changes requested, resubmitted, escalated, then decided by Communications, keeping every step', () => {
    let request = teacherRequest({ state: null, version: 0 });
    const history: LifecycleEvent[] = [];
    const step = (who: string | 'system', action: LifecycleAction, input: Omit<TransitionInput, 'seenVersion'> = {}) => {
      const actor = who === 'system' ? SYSTEM_ACTOR : as(who);
      const result = ok(transition(request, actor, action, { ...input, seenVersion: request.version }, NOW));
      history.push(result.event);
      request = applyTransition(request, result);
    };
    step('priya.nair', 'submit');
    step('amara.okafor', 'request-changes', { comment: 'Add the mock-up link.' });
    step('priya.nair', 'resubmit');
    step('daniel.tremblay', 'escalate', { comment: 'This is for a district-wide event.' });
    step('claire.donovan', 'request-changes', { comment: 'Use the new logo.' });
    step('priya.nair', 'resubmit');
    expect(request.state).toBe('escalated');
    step('andre.pelletier', 'approve', { conditions: 'Remove it after the event.', validUntil: '2025-06-30' });
    expect(history.map((e) => `${e.from ?? 'draft'}→${e.to}`)).toEqual([
      'draft→awaiting-decision',
      'awaiting-decision→changes-requested',
      'changes-requested→awaiting-decision',
      'awaiting-decision→escalated',
      'escalated→changes-requested',
      'changes-requested→escalated',
      'escalated→approved',
    ]);
    expect(request).toMatchObject({ state: 'approved', version: 7, escalated: true, validUntil: '2025-06-30' });
  });
});
