/**
 * Remembers `value` under `key` in a map held to `limit` entries: the key moves to the
 * newest place and, when the map is full, the oldest entry is forgotten. For caches where
 * a miss only costs time (connector clients, prepared statements, saved addresses).
 */
export function rememberBounded<K, V>(map: Map<K, V>, key: K, value: V, limit: number): void {
  map.delete(key);
  if (map.size >= limit) map.delete(map.keys().next().value as K);
  map.set(key, value);
}
