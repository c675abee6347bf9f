/**
 * A pure function that remembers its results for recent arguments: for the few values every turn computes again and
 * again (Intl formatting, SHA-256 of the same keys). Cleared when full rather than ordered by use: cheap, and the
 * values in use come right back.
 */
export function remembered<K, V>(compute: (key: K) => V, max: number): (key: K) => V {
  const known = new Map<K, V>();
  return (key: K): V => {
    let value = known.get(key);
    if (value === undefined) {
      value = compute(key);
      if (known.size >= max) known.clear();
      known.set(key, value);
    }
    return value;
  };
}
