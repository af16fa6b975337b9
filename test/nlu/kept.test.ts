import { describe, expect, it } from 'vitest';
import { keptOrComputed } from '../../nlu/text/kept.js';

describe('keptOrComputed', () => {
  it('computes a key once, and drops the oldest kept beyond the limit', () => {
    const kept = new Map<string, number>();
    const computed: string[] = [];
    const length = (key: string) => (computed.push(key), key.length);
    expect(keptOrComputed(kept, 'a', 2, length)).toBe(1);
    expect(keptOrComputed(kept, 'a', 2, length)).toBe(1);
    expect(keptOrComputed(kept, 'bb', 2, length)).toBe(2);
    expect(keptOrComputed(kept, 'ccc', 2, length)).toBe(3);
    expect([...kept.keys()]).toEqual(['bb', 'ccc']);
    expect(keptOrComputed(kept, 'a', 2, length)).toBe(1);
    expect(computed).toEqual(['a', 'bb', 'ccc', 'a']);
  });
});
