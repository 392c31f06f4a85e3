import type { OversightTables } from './oversightSchema';

/**
 * Table shapes as Kysely sees them. Timestamps are ISO-8601 strings and JSON
 * columns are text so that SQLite and PostgreSQL store exactly the same
 * values and one repository layer serves both.
 */
export interface ConversationRefTable {
  conversation_id: string;
  conversation_type: string;
  user_aad_id: string | null;
  tenant_id: string | null;
  service_url: string;
  reference: string;
  updated_at: string;
}

export interface BotStateTable {
  key: string;
  etag: string;
  data: string;
  updated_at: string;
}

export interface UserProfileTable {
  aad_id: string;
  unit_type: string | null;
  unit_id: string | null;
  updated_at: string;
}

export interface QuestionTable {
  id: string;
  asker_id: string;
  asker_name: string;
  conversation_id: string;
  text: string;
  verdict: string;
  clauses: string;
  confidence: number;
  matched: string | null;
  helpful: number | null;
  status: string;
  answer: string | null;
  answered_by: string | null;
  answered_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/**
 * Permission requests (migration 003). `values` and `deciders` are JSON text.
 * `decided_by` is the level the request was routed to (principal, supervisor,
 * communications); who decided, and when, is in request_events.
 */
export interface RequestTable {
  id: string;
  number: string;
  submission_key: string;
  kind: string;
  requester_id: string;
  requester_name: string;
  unit_type: string | null;
  unit_id: string | null;
  state: string;
  version: number;
  values: string;
  deciders: string;
  decided_by: string;
  escalated: number;
  valid_until: string | null;
  conditions: string | null;
  created_at: string;
  updated_at: string;
  decided_at: string | null;
  last_reminded_at: string | null;
  reminder_count: number;
  /** The folded number, requester name and values the tab searches (migration 005, src/requests/searchText.ts). */
  search_text: string;
}

export interface RequestCounterTable {
  name: string;
  value: number;
}

/** Append-only (a trigger refuses updates and deletes); `data` is JSON text. */
export interface RequestEventTable {
  id: string;
  request_id: string;
  seq: number;
  action: string;
  actor_id: string;
  at: string;
  from_state: string | null;
  to_state: string;
  comment: string | null;
  data: string;
  prev_hash: string;
  hash: string;
}

/** Notifications committed with each change; `target` and `payload` are JSON text. */
export interface OutboxTable {
  id: string;
  dedupe_key: string;
  kind: string;
  target: string;
  payload: string;
  state: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  claimed_by: string | null;
  claimed_until: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface CardCopyTable {
  request_id: string;
  conversation_id: string;
  activity_id: string;
  viewer_id: string | null;
  created_at: string;
}

/** Oversight's tables (crisis mode, misuse reports, account registry) are declared in oversightSchema.ts. */
export interface Database extends OversightTables {
  conversation_refs: ConversationRefTable;
  bot_state: BotStateTable;
  user_profiles: UserProfileTable;
  questions: QuestionTable;
  requests: RequestTable;
  request_counters: RequestCounterTable;
  request_events: RequestEventTable;
  outbox: OutboxTable;
  card_copies: CardCopyTable;
}
