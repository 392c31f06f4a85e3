import { loadSampleDirectory } from '../../../src/directory';
import type { StoredRequest } from '../../../src/requests/ports';

/** The shipped fictional district, and its people by the local part of their email. */
export const dir = loadSampleDirectory();

export function id(who: string): string {
  const person = dir.personByEmail(`${who}@district.example`);
  if (!person) throw new Error(`no ${who} in the sample directory`);
  return person.id;
}

export function names(ids: readonly string[]): string[] {
  return ids.map((i) => dir.person(i)?.email.split('@')[0] ?? i);
}

/** A logo-use request from Priya Nair awaiting Maple Grove's principal and designate. */
export const request = (over: Partial<StoredRequest> = {}): StoredRequest => ({
  id: 'r1',
  number: 'WP-2026-0001',
  kind: 'logo-use',
  requesterId: id('priya.nair'),
  requesterName: 'Priya Nair',
  unit: { type: 'school', id: 'maple-grove' },
  state: 'awaiting-decision',
  version: 1,
  values: {},
  deciders: [id('amara.okafor'), id('daniel.tremblay')],
  decidedBy: 'principal',
  createdAt: '2026-03-02T15:00:00.000Z',
  updatedAt: '2026-03-02T15:00:00.000Z',
  reminderCount: 0,
  ...over,
});
