import type { RequestKind } from '../../requests/requestKind';

export type { RequestKind };

/** Whose account the draft will be posted from: the procedure treats each differently (4.5, 4.10(c), 4.12, 4.17). */
export type Account = 'personal' | 'school' | 'district';

export interface DraftContext {
  account: Account;
  /**
   * Answers the user gave about an attached image. A missing answer counts as the
   * risky one where consent is concerned, because the bot cannot confirm it.
   */
  image?: {
    showsStudents?: boolean;
    studentsIdentifiable?: boolean;
    consentOnFile?: boolean;
    showsLogo?: boolean;
  };
}

export type FindingKind =
  | 'personal-information'
  | 'confidential'
  | 'defamatory'
  | 'harassment-hate'
  | 'student-contact'
  | 'political'
  | 'speaking-for-school'
  | 'logo'
  | 'copyright'
  | 'crisis'
  | 'disclaimer-missing';

export type Severity = 'not-allowed' | 'needs-permission' | 'ask-communications' | 'advice';

export interface Finding {
  kind: FindingKind;
  /** Character span in the draft (end exclusive); 0,0 when the finding is about the image or the draft as a whole. */
  start: number;
  end: number;
  /** The clause the finding rests on, e.g. '4.6(c)'. Plain strings so the core does not depend on the procedure parser. */
  clause: string;
  /** Every clause involved, main clause first. */
  clauses: string[];
  severity: Severity;
  /** What is wrong, in plain words. */
  message: string;
  /** How to fix it. */
  fix: string;
  requestKind?: RequestKind;
  /** What to put in place of the span when the draft is redacted, e.g. "[email removed]". */
  placeholder?: string;
}

export interface Detector {
  kind: FindingKind;
  detect(text: string, ctx: DraftContext): Finding[];
}
