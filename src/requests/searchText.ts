/**
 * What the oversight tab's search looks through: the words a request holds
 * (its number, the requester's name and every value typed or chosen in its
 * form), not their JSON encoding. Searching the encoding matched field names
 * ("purpose" found every request) and escapes (a typed backslash is stored as
 * two, a quote as \"), so a search for what someone actually typed missed it.
 *
 * Both sides are folded the same way in code, not by the database: SQLite's
 * lower() only folds ASCII, so "É" and "é" would match on PostgreSQL and not
 * on SQLite. NFC makes a composed "é" and an "e" + accent the same letters.
 */
export interface Searchable {
  number: string;
  requesterName: string;
  values: Record<string, unknown>;
}

/** The folded form of a search term or of stored text. */
export function foldForSearch(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/** One line per value, so a search cannot match across two fields. */
export function searchTextOf(request: Searchable): string {
  const parts: string[] = [request.number, request.requesterName];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') parts.push(value);
    else if (typeof value === 'number' && Number.isFinite(value)) parts.push(String(value));
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(request.values);
  return foldForSearch(parts.filter((p) => p !== '').join('\n'));
}

/** Whether a request's text holds the search term (the in-memory twin of the store's LIKE). */
export function matchesSearch(request: Searchable, term: string): boolean {
  return searchTextOf(request).includes(foldForSearch(term));
}
