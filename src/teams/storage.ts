import type { Storage, StoreItems } from 'botbuilder';
import type { KeyValueRepository } from '../store/keyValue';

/**
 * botbuilder's Storage over our own database, so that any ConversationState or
 * UserState survives a restart and is shared by every instance of the bot.
 * Etags follow botbuilder's rules: '*' or none overwrites, anything else must match.
 */
export class DatabaseStorage implements Storage {
  constructor(
    private readonly repo: KeyValueRepository,
    private readonly now: () => Date,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    const found = await this.repo.read(keys);
    const items: StoreItems = {};
    for (const [key, { etag, data }] of found) items[key] = { ...(data as object), eTag: etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...data } = (item ?? {}) as { eTag?: string };
      const ok = await this.repo.write(key, data, eTag, this.now().toISOString());
      if (!ok) throw new Error(`Storage: etag conflict writing ${key}`);
    }
  }

  async delete(keys: string[]): Promise<void> {
    await this.repo.delete(keys);
  }
}
