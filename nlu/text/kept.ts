/**
 * A memo of a pure function's answers, bounded: the answer kept for a key, or computed and kept,
 * the oldest dropped beyond `limit` (a Map iterates in insertion order).
 *
 *   const kept = new Map<string, string>();
 *   keptOrComputed(kept, 'Café', 50_000, normalizeOnce) // computed once, then read back
 */
export function keptOrComputed<K, V>(kept: Map<K, V>, key: K, limit: number, compute: (key: K) => V): V {
  if (kept.has(key)) return kept.get(key)!;
  const value = compute(key);
  kept.set(key, value);
  if (kept.size > limit) kept.delete(kept.keys().next().value!);
  return value;
}
