import type { Kysely, Transaction } from 'kysely';
import type { Database, QuestionTable } from './schema';
import { GroupedInsert } from './groupedInsert';

/**
 * Questions staff asked. `status` says where it stands: answered by the bot,
 * sent to Communications (clause 4.4), or answered by Communications.
 */
export type QuestionStatus = 'answered-by-bot' | 'asked-communications' | 'answered-by-communications';

export interface StoredQuestion {
  id: string;
  askerId: string;
  askerName: string;
  conversationId: string;
  text: string;
  verdict: string;
  clauses: string[];
  confidence: number;
  matched: string | null;
  helpful: boolean | null;
  status: QuestionStatus;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

type Db = Kysely<Database> | Transaction<Database>;

export class QuestionRepository {
  /** Every question asked is logged; under load those rows are committed together (see GroupedInsert). */
  private readonly log: GroupedInsert<ReturnType<typeof toRow>>;

  constructor(private readonly db: Kysely<Database>) {
    this.log = new GroupedInsert(async (rows) => {
      await this.db.insertInto('questions').values(rows).execute();
    });
  }

  /** Inside a transaction: written with the rest of it. */
  async insert(q: StoredQuestion, db: Db = this.db): Promise<void> {
    await db.insertInto('questions').values(toRow(q)).execute();
  }

  /** A question the bot has just answered: resolves once its row is committed. */
  async record(q: StoredQuestion): Promise<void> {
    await this.log.add(toRow(q));
  }

  async get(id: string, db: Db = this.db): Promise<StoredQuestion | undefined> {
    const row = await db.selectFrom('questions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && fromRow(row);
  }

  /** Only the asker's feedback counts; a second click replaces the first. */
  async setHelpful(id: string, askerId: string, helpful: boolean, now: string): Promise<boolean> {
    const res = await this.db
      .updateTable('questions')
      .set({ helpful: helpful ? 1 : 0, updated_at: now })
      .where('id', '=', id)
      .where('asker_id', '=', askerId)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Moves a question on only if nobody else did first (the version the caller saw). */
  async transition(id: string, seenVersion: number, changes: Partial<Pick<QuestionTable, 'status' | 'answer' | 'answered_by' | 'answered_at'>>, now: string, db: Db = this.db): Promise<boolean> {
    const res = await db
      .updateTable('questions')
      .set({ ...changes, version: seenVersion + 1, updated_at: now })
      .where('id', '=', id)
      .where('version', '=', seenVersion)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async list(filter: { status?: QuestionStatus; limit?: number } = {}): Promise<StoredQuestion[]> {
    let q = this.db.selectFrom('questions').selectAll().orderBy('created_at', 'desc').limit(filter.limit ?? 500);
    if (filter.status) q = q.where('status', '=', filter.status);
    return (await q.execute()).map(fromRow);
  }
}

function toRow(q: StoredQuestion): QuestionTable {
  return {
    id: q.id,
    asker_id: q.askerId,
    asker_name: q.askerName,
    conversation_id: q.conversationId,
    text: q.text,
    verdict: q.verdict,
    clauses: JSON.stringify(q.clauses),
    confidence: q.confidence,
    matched: q.matched,
    helpful: q.helpful === null ? null : q.helpful ? 1 : 0,
    status: q.status,
    answer: q.answer,
    answered_by: q.answeredBy,
    answered_at: q.answeredAt,
    version: q.version,
    created_at: q.createdAt,
    updated_at: q.updatedAt,
  };
}

function fromRow(r: QuestionTable): StoredQuestion {
  return {
    id: r.id,
    askerId: r.asker_id,
    askerName: r.asker_name,
    conversationId: r.conversation_id,
    text: r.text,
    verdict: r.verdict,
    clauses: JSON.parse(r.clauses) as string[],
    confidence: Number(r.confidence),
    matched: r.matched,
    helpful: r.helpful === null ? null : Number(r.helpful) === 1,
    status: r.status as QuestionStatus,
    answer: r.answer,
    answeredBy: r.answered_by,
    answeredAt: r.answered_at,
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
