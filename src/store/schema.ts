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

export interface Database {
  conversation_refs: ConversationRefTable;
  bot_state: BotStateTable;
  user_profiles: UserProfileTable;
  questions: QuestionTable;
}
