import { loadSampleDirectory } from '../../src/directory';

/** Test users. Fictional, and independent of the sample directory unless a test says otherwise. */
export interface TestUser {
  aadId: string;
  name: string;
}

export const TENANT_ID = '11111111-2222-3333-4444-555555555555';

export const stranger: TestUser = { aadId: '99999999-0000-4000-8000-000000000001', name: 'Sam Visitor' };

const sample = loadSampleDirectory();

/** Someone from the fictional sample directory, by the part of their email before @district.example. */
export function samplePerson(email: string): TestUser {
  const p = sample.personByEmail(`${email}@district.example`);
  if (!p) throw new Error(`${email} is not in the sample directory`);
  return { aadId: p.id, name: p.name };
}
