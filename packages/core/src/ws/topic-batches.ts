/**
 * Splits topics into frames within the venue's limits: at most `maxTopics` per frame and at most
 * `maxChars` characters when the keys are written as a JSON array. A single key longer than
 * `maxChars` still goes alone (the venue will refuse it with a typed error, which is better than
 * never sending it).
 */
export function batchTopics(topics: readonly string[], maxTopics = Infinity, maxChars = Infinity): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let chars = 2; // "[]"
  for (const topic of topics) {
    const cost = JSON.stringify(topic).length + (current.length > 0 ? 1 : 0);
    if (current.length > 0 && (current.length >= maxTopics || chars + cost > maxChars)) {
      out.push(current);
      current = [];
      chars = 2;
    }
    chars += JSON.stringify(topic).length + (current.length > 0 ? 1 : 0);
    current.push(topic);
  }
  if (current.length > 0) out.push(current);
  return out;
}
