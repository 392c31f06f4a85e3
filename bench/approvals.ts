import { randomUUID } from 'node:crypto';
import { districtDate } from '../src/requests/lifecycle';
import type { Services } from '../src/services';
import type { PendingApproval } from './scenarios';

/**
 * Creates `count` logo-use requests through the real request service (the same path as a
 * submitted form: validation, routing, a numbered written-permission record, the event chain
 * and the principal's notification in the outbox), from the staff of every school in the
 * directory in turn, so that each approval in the bench decides a request that is really
 * pending, with the principal it was routed to.
 */
export async function seedApprovals(services: Services, count: number): Promise<PendingApproval[]> {
  const pairs = services.directory
    .schools()
    .flatMap((school) => (school.staff ?? []).map((staffId) => ({ school, staffId })))
    .filter(({ staffId }) => services.directory.person(staffId));
  if (pairs.length === 0) throw new Error('the directory has no school staff to make requests');
  const startDate = districtDate(new Date(services.now().getTime() + 7 * 86_400_000));
  const pending: PendingApproval[] = [];
  for (let i = 0; i < count; i++) {
    const { school, staffId } = pairs[i % pairs.length]!;
    const outcome = await services.requests.submit(
      { id: staffId, name: services.directory.person(staffId)!.name },
      'logo-use',
      { logo: 'school', unitId: school.id, where: 'Instagram and the spring concert poster', purpose: 'Announce the spring concert to families', startDate },
      { submissionKey: randomUUID() },
    );
    if (!outcome.ok) throw new Error(`seeding a request failed: ${'message' in outcome ? outcome.message : outcome.reason}`);
    if (!outcome.request.deciders.includes(school.principal)) throw new Error(`a ${school.id} request was not routed to its principal`);
    pending.push({
      requestId: outcome.request.id,
      version: outcome.request.version,
      approverId: school.principal,
      approverName: services.directory.person(school.principal)?.name ?? 'Principal',
    });
  }
  return pending;
}
