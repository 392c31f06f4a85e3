import { can, type Permission } from '../../../src/requests/permissions';
import type { RequestRecord } from '../../../src/requests/record';
import { route } from '../../../src/requests/routing';
import { dir, id } from './sample';

function request(over: Partial<RequestRecord> = {}): RequestRecord {
  const r = route({ kind: 'club-following', requesterId: id('emily.sanderson'), unit: { type: 'school', id: 'riverside' } }, dir);
  return {
    kind: 'club-following',
    requesterId: id('emily.sanderson'),
    unit: { type: 'school', id: 'riverside' },
    state: 'awaiting-decision',
    version: 1,
    deciders: r.deciders,
    decidedBy: r.decidedBy,
    ...over,
  };
}

const departmentRequest = (over: Partial<RequestRecord> = {}) =>
  request({
    kind: 'speak-on-behalf',
    requesterId: id('tomasz.nowak'),
    unit: { type: 'department', id: 'human-resources' },
    deciders: [id('margaret.beaulieu')],
    decidedBy: 'supervisor',
    ...over,
  });

describe('can', () => {
  it.each<[string, Permission, RequestRecord, boolean]>([
    // decide
    ['gregory.whitfield', 'decide', request(), true],
    ['nadia.bouchard', 'decide', request(), true],
    ['emily.sanderson', 'decide', request(), false],
    ['omar.farouk', 'decide', request(), false],
    ['amara.okafor', 'decide', request(), false],
    ['claire.donovan', 'decide', request(), false],
    ['claire.donovan', 'decide', request({ state: 'escalated' }), true],
    ['gregory.whitfield', 'decide', request({ state: 'escalated' }), false],
    ['gregory.whitfield', 'decide', request({ state: 'approved' }), false],
    ['gregory.whitfield', 'decide', request({ state: 'changes-requested' }), false],
    ['margaret.beaulieu', 'decide', departmentRequest(), true],
    // Communications decides what was routed to it, including a member who joined after routing
    ['andre.pelletier', 'decide', request({ deciders: [id('claire.donovan')], decidedBy: 'communications' }), true],
    // withdraw
    ['emily.sanderson', 'withdraw', request(), true],
    ['emily.sanderson', 'withdraw', request({ state: 'changes-requested' }), true],
    ['emily.sanderson', 'withdraw', request({ state: 'escalated' }), true],
    ['emily.sanderson', 'withdraw', request({ state: 'approved' }), false],
    ['emily.sanderson', 'withdraw', request({ state: null }), false],
    ['gregory.whitfield', 'withdraw', request(), false],
    // view
    ['emily.sanderson', 'view', request(), true],
    ['kenji.tanaka', 'view', request(), true],
    ['robert.asante', 'view', request(), true],
    ['claire.donovan', 'view', request(), true],
    ['omar.farouk', 'view', request(), false],
    ['amara.okafor', 'view', request(), false],
    ['helen.marchetti', 'view', request(), false],
    ['margaret.beaulieu', 'view', departmentRequest(), true],
    ['victor.castellanos', 'view', departmentRequest(), false],
    ['andre.pelletier', 'view', departmentRequest(), true],
  ])('%s may %s: %#', (who, permission, req, expected) => {
    expect(can({ id: id(who) }, permission, req, dir)).toBe(expected);
  });
});
