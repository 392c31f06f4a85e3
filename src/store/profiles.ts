import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** The school or department a person last chose in a form, so the next form starts there. */
export interface UnitChoice {
  type: 'school' | 'department';
  id: string;
}

export class ProfileRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async unitOf(aadId: string): Promise<UnitChoice | undefined> {
    const row = await this.db.selectFrom('user_profiles').selectAll().where('aad_id', '=', aadId).executeTakeFirst();
    if (!row?.unit_type || !row.unit_id) return undefined;
    return { type: row.unit_type as UnitChoice['type'], id: row.unit_id };
  }

  async rememberUnit(aadId: string, unit: UnitChoice, now: string): Promise<void> {
    await this.db
      .insertInto('user_profiles')
      .values({ aad_id: aadId, unit_type: unit.type, unit_id: unit.id, updated_at: now })
      .onConflict((oc) => oc.column('aad_id').doUpdateSet({ unit_type: unit.type, unit_id: unit.id, updated_at: now }))
      .execute();
  }
}
