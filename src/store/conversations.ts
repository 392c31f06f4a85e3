import type { Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * Where to reach someone later. Saved on every inbound activity and install
 * event so that a principal's approval card or a requester's written
 * permission can be sent after a restart. The reference itself is opaque to
 * the core: the Teams layer makes and uses it.
 */
export interface SavedConversation {
  conversationId: string;
  conversationType: 'personal' | 'channel' | 'groupChat' | string;
  userAadId: string | null;
  tenantId: string | null;
  serviceUrl: string;
  reference: unknown;
  updatedAt: string;
}

export class ConversationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async save(c: SavedConversation): Promise<void> {
    const row = {
      conversation_id: c.conversationId,
      conversation_type: c.conversationType,
      user_aad_id: c.userAadId,
      tenant_id: c.tenantId,
      service_url: c.serviceUrl,
      reference: JSON.stringify(c.reference),
      updated_at: c.updatedAt,
    };
    await this.db
      .insertInto('conversation_refs')
      .values(row)
      .onConflict((oc) =>
        oc.column('conversation_id').doUpdateSet({
          conversation_type: row.conversation_type,
          // A channel reference is saved from whoever spoke last; keep the
          // personal chat's owner stable by only overwriting with a value.
          user_aad_id: c.conversationType === 'personal' ? row.user_aad_id : null,
          tenant_id: row.tenant_id,
          service_url: row.service_url,
          reference: row.reference,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  }

  async byConversationId(conversationId: string): Promise<SavedConversation | undefined> {
    const row = await this.db.selectFrom('conversation_refs').selectAll().where('conversation_id', '=', conversationId).executeTakeFirst();
    return row && toSaved(row);
  }

  /** The personal (1:1) chat with a person, if they have ever talked to the bot. */
  async personalChatOf(aadId: string): Promise<SavedConversation | undefined> {
    const row = await this.db
      .selectFrom('conversation_refs')
      .selectAll()
      .where('user_aad_id', '=', aadId)
      .where('conversation_type', '=', 'personal')
      .orderBy('updated_at', 'desc')
      .executeTakeFirst();
    return row && toSaved(row);
  }

  /** The most recent service URL and tenant seen, for starting a chat with someone who never wrote. */
  async latestEndpoint(): Promise<{ serviceUrl: string; tenantId: string | null } | undefined> {
    const row = await this.db
      .selectFrom('conversation_refs')
      .select(['service_url', 'tenant_id'])
      .orderBy('updated_at', 'desc')
      .executeTakeFirst();
    return row && { serviceUrl: row.service_url, tenantId: row.tenant_id };
  }
}

function toSaved(row: Database['conversation_refs']): SavedConversation {
  return {
    conversationId: row.conversation_id,
    conversationType: row.conversation_type,
    userAadId: row.user_aad_id,
    tenantId: row.tenant_id,
    serviceUrl: row.service_url,
    reference: JSON.parse(row.reference) as unknown,
    updatedAt: row.updated_at,
  };
}
