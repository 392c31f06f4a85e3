import type { Directory, PersonId } from '../directory/types';
import { isStaffOf } from '../directory/queries';
import type { StoredRequest } from '../requests/ports';

/**
 * The registry of school accounts (4.10, 4.14): every school account approved
 * through a request, with its advisor and administrators as approved, checked
 * against the directory as it is today. A principal approves an account only
 * with a staff advisor and two staff administrators (4.10(a)) and must
 * replace the advisor when they leave; administrators keep it neither
 * overactive nor inactive (4.14). Pure: the store and the clock come in.
 */
export interface AccountPerson {
  id: PersonId;
  name: string;
  /** Still in the directory as staff of the account's school. */
  present: boolean;
}

export type AccountProblem =
  | { kind: 'advisor-left'; advisor: AccountPerson }
  | { kind: 'too-few-administrators'; remaining: AccountPerson[] }
  | { kind: 'inactive'; days: number; since: string };

export interface RegisteredAccount {
  /** The approving request's id: the account's identity in the registry. */
  id: string;
  number: string;
  accountName: string;
  platform: string;
  schoolId: string;
  schoolName: string;
  advisor: AccountPerson;
  administrators: AccountPerson[];
  approvedAt: string;
  /** The latest recorded activity, or the approval when nothing was recorded since. */
  lastActivityAt: string;
  problems: AccountProblem[];
}

export const MIN_ADMINISTRATORS = 2;
const DAY_MS = 24 * 60 * 60 * 1000;

const PLATFORM_NAMES: Record<string, string> = { facebook: 'Facebook', instagram: 'Instagram', x: 'X', tiktok: 'TikTok', youtube: 'YouTube', linkedin: 'LinkedIn', other: 'Other' };

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function registeredAccount(request: StoredRequest, lastActivity: string | undefined, directory: Directory, now: Date, inactivityDays: number): RegisteredAccount {
  const schoolId = str(request.values.unitId) || request.unit?.id || '';
  const unit = { type: 'school' as const, id: schoolId };
  const person = (id: string): AccountPerson => ({
    id: id.toLowerCase(),
    name: directory.person(id)?.name ?? 'No longer in the directory',
    present: directory.person(id) !== undefined && isStaffOf(directory, id, unit),
  });
  const advisor = person(str(request.values.advisorId));
  const administrators = (Array.isArray(request.values.administratorIds) ? request.values.administratorIds : []).map((id) => person(String(id)));
  const approvedAt = request.decidedAt ?? request.updatedAt;
  const lastActivityAt = lastActivity && lastActivity > approvedAt ? lastActivity : approvedAt;
  const problems: AccountProblem[] = [];
  if (!advisor.present) problems.push({ kind: 'advisor-left', advisor });
  const remaining = administrators.filter((a) => a.present);
  if (remaining.length < MIN_ADMINISTRATORS) problems.push({ kind: 'too-few-administrators', remaining });
  const idle = Math.floor((now.getTime() - Date.parse(lastActivityAt)) / DAY_MS);
  if (idle >= inactivityDays) problems.push({ kind: 'inactive', days: idle, since: lastActivityAt });
  return {
    id: request.id,
    number: request.number,
    accountName: str(request.values.accountName),
    platform: PLATFORM_NAMES[str(request.values.platform)] ?? str(request.values.platform),
    schoolId,
    schoolName: directory.school(schoolId)?.name ?? schoolId,
    advisor,
    administrators,
    approvedAt,
    lastActivityAt,
    problems,
  };
}

/** Who may act on an account in the tab (record activity) and report misuse on it: its people, its school's leads, Communications. */
export function mayManageAccount(account: RegisteredAccount, personId: string, directory: Directory): boolean {
  const id = personId.toLowerCase();
  if (account.advisor.id === id || account.administrators.some((a) => a.id === id)) return true;
  const school = directory.school(account.schoolId);
  if (school && (school.principal === id || school.designates.includes(id))) return true;
  return directory.communications().members.includes(id);
}

/** A problem in words, for the principal's warning and the tab. */
export function problemText(account: RegisteredAccount, problem: AccountProblem, inactivityDays: number): string {
  const name = `${account.accountName} (${account.platform}, ${account.schoolName})`;
  switch (problem.kind) {
    case 'advisor-left':
      return `${name} has lost its staff advisor: ${problem.advisor.name === 'No longer in the directory' ? 'the advisor' : problem.advisor.name} is no longer on ${account.schoolName}'s staff. PR.708.IT 4.10 asks the principal to name a new advisor.`;
    case 'too-few-administrators':
      return `${name} has ${problem.remaining.length === 0 ? 'no' : `only ${problem.remaining.length}`} staff administrator${problem.remaining.length === 1 ? '' : 's'} left; PR.708.IT 4.10(a) requires at least ${MIN_ADMINISTRATORS}.`;
    case 'inactive':
      return `${name} has had no recorded activity for ${problem.days} days (the district's limit is ${inactivityDays}). PR.708.IT 4.14: account administrators keep accounts neither overactive nor inactive.`;
  }
}

/** What makes a warning the same situation as one already sent: the same person gone, the same people left, the same quiet spell. */
export function problemFingerprint(problem: AccountProblem): string {
  switch (problem.kind) {
    case 'advisor-left':
      return problem.advisor.id;
    case 'too-few-administrators':
      return problem.remaining.map((p) => p.id).sort().join(',') || 'none';
    case 'inactive':
      return problem.since;
  }
}
