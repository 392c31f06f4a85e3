/**
 * Tables for oversight (migration 004): crisis mode, misuse reports and the
 * school-account registry's activity and warnings. Same conventions as
 * schema.ts: ISO-8601 text timestamps, JSON as text.
 */

/** Every time crisis mode is turned on or off (3.2); the latest row is the current state. */
export interface CrisisLogTable {
  id: string;
  /** 1, 2, 3…: the order of changes. */
  seq: number;
  action: string;
  /** The short public line Communications gives staff while it is on; null when turned off. */
  public_line: string | null;
  /** JSON array of words that identify the event, to tell which questions and drafts are about it. */
  keywords: string;
  actor_id: string;
  actor_name: string;
  at: string;
}

/** An inappropriate message an account administrator deleted, reported to Communications (4.18). */
export interface MisuseReportTable {
  id: string;
  /** The registered school account (its approval request's id), when the report is about one. */
  account_id: string | null;
  account_name: string;
  school_id: string | null;
  reporter_id: string;
  reporter_name: string;
  what: string;
  why: string;
  screenshot_url: string;
  created_at: string;
  notified_at: string | null;
  notify_attempts: number;
  notify_error: string | null;
}

/** Activity recorded on a registered school account (4.14): a check, a cleanup, a misuse report. */
export interface AccountActivityTable {
  id: string;
  account_id: string;
  kind: string;
  actor_id: string;
  at: string;
}

/** Warnings sent to a principal about an account, one per distinct situation, so none repeats. */
export interface AccountWarningTable {
  account_id: string;
  problem: string;
  fingerprint: string;
  recipient_id: string;
  sent_at: string;
}

export interface OversightTables {
  crisis_log: CrisisLogTable;
  misuse_reports: MisuseReportTable;
  account_activity: AccountActivityTable;
  account_warnings: AccountWarningTable;
}
