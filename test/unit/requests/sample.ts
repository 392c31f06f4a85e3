import { loadSampleDirectory } from '../../../src/directory';

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
