/**
 * What the spelling corrector costs as a shop's vocabulary grows: building it, and correcting a
 * message, on a vocabulary of N made-up shop words beside the small one of a few dozen phrases
 * (baseline). A linear scan of every word per message word would grow with N; the corrector's
 * candidate lookup should not.
 *
 *   benchSpelling({ words: 3000 })   // { vocabulary: 3042, build_ms: ..., per_query_us: { median, ... }, ratio_over_baseline }
 */
import { SpellingCorrector } from '../../nlu/index.js';
import { mulberry32 } from '../seeded-random.js';
import { median, round } from './stats.js';

const SYLLABLES = ['ka', 'lo', 'mer', 'tin', 'sha', 'pe', 'dro', 'vi', 'lun', 'gar', 'set', 'bo', 'ri', 'fla', 'nok', 'tu'];

/** `count` distinct made-up shop words of 2-5 syllables (4-12 letters, like real product words), the same for a seed. */
export function madeUpShopWords(count: number, seed = 42): string[] {
  const random = mulberry32(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const words = new Set<string>();
  while (words.size < count) {
    let word = '';
    for (let parts = 2 + pick(4); parts > 0; parts--) word += SYLLABLES[pick(SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

/** A small shop's phrases: the baseline vocabulary, and mixed into the large one. */
export const SMALL_SHOP_PHRASES = ['sleeping bag', 'sleeping pad', 'tent', 'backpack', 'headphones', 'noise cancelling', 'jacket', 'Kestrel', 'Northpeak', 'shoes', 'water bottle', 'kettle'];

/** Misspelt messages, one of them in the made-up words. */
export const SPELLING_QUERIES = ['sleping bag for a festival', 'noise cancelling headphoens', 'Kestral shoes under $50', 'northpeek jaket size XL', 'kalomertni setbo'];

export interface SpellingBenchOptions {
  words: number;
  /** Corrections timed per round. Default 2,000. */
  runs?: number;
  rounds?: number;
}

export function benchSpelling(options: SpellingBenchOptions) {
  const { runs = 2000, rounds = 5 } = options;
  const measure = (vocabulary: readonly string[]) => {
    const started = performance.now();
    const corrector = new SpellingCorrector(vocabulary);
    const buildMs = performance.now() - started;
    for (const query of SPELLING_QUERIES) corrector.correct(query);
    const perQuery: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const t0 = performance.now();
      for (let i = 0; i < runs; i++) corrector.correct(SPELLING_QUERIES[i % SPELLING_QUERIES.length]!);
      perQuery.push(((performance.now() - t0) / runs) * 1000);
    }
    return { vocabulary: vocabulary.length, build_ms: round(buildMs, 1), per_query_us: { median: round(median(perQuery), 1), by_round: perQuery.map((us) => round(us, 1)) } };
  };
  const baseline = measure(SMALL_SHOP_PHRASES);
  const large = measure([...madeUpShopWords(options.words), ...SMALL_SHOP_PHRASES]);
  return { ...large, baseline_small_shop: baseline, per_query_ratio_over_baseline: round(large.per_query_us.median / baseline.per_query_us.median) };
}
