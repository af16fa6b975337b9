/**
 * Choosing FAQ scoring parameters from the knowledge base itself, so a shop with its own
 * FAQ gets sensible behaviour without anyone tuning constants by hand. Pure functions
 * over per-entry score components; `catalog/faq-calibration.ts` produces the samples by
 * holding phrasings (and whole entries) out of the knowledge base.
 *
 * An entry's score for a query is
 *   (1 - answer) * [(1 - lexical) * (bestPhrasing * best + (1 - bestPhrasing) * centroid) + lexical * bm25]
 *     + answer * answerSentence
 * and, where the knowledge base has a classifier head (nlu/intent-head.ts) and it helps on
 * held-out phrasings, that score mixed with the head's probability for the entry:
 *   (1 - head) * score + head * probability
 * where `best` is the cosine to the entry's closest phrasing, `centroid` the cosine to the
 * mean of its phrasings, `bm25` the normalised lexical score of the entry's words, and
 * `answerSentence` the cosine to the closest sentence of the entry's answer (shoppers ask about
 * what an answer says: "can i get it delivered to mexico" is answered by the list of countries).
 *
 *   const { weights } = chooseFusionWeights(leaveOnePhrasingOutSamples);
 *   const { threshold } = chooseAnswerThreshold(inScope, [heldOutEntryScores, backgroundScores]);
 */

/** One query's scores against every entry (index = entry ordinal). */
export interface ScoreComponents {
  best: Float32Array;
  centroid: Float32Array;
  lexical: Float32Array;
  /** Cosine to the closest sentence of the entry's answer (NaN when none is indexed). */
  answer: Float32Array;
  /** The classifier head's probability for the entry (NaN when the knowledge base has no head). */
  head: Float32Array;
}

export interface FusionWeights {
  /** Share of the dense score that comes from the best phrasing (the rest from the centroid). */
  bestPhrasing: number;
  /** Share of the question score that comes from BM25. */
  lexical: number;
  /** Share of the final score that comes from the answer's closest sentence (the rest from the questions). */
  answer: number;
  /** Share of the score that comes from the classifier head's probability (0: no head is used). */
  head: number;
}

/**
 * The answer's share when no labelled shopper questions choose it: held-out phrasings cannot,
 * as they are questions like the rest. 0.2 was best for top-1 and MRR on both hand-written
 * shopper splits of the demo FAQ (tune: top-1 0.776 -> 0.780; dev: 0.686 -> 0.751).
 */
export const DEFAULT_ANSWER_WEIGHT = 0.2;

export interface LabelledSample {
  /** Ordinal of the entry the query belongs to. */
  expected: number;
  components: ScoreComponents;
  /** An entry the query must not be matched to (its own entry, when it is held out whole). */
  excluded?: number;
}

/**
 * Both dense views always count (0 and 1 are left out): held-out phrasings never match
 * exactly, so leave-one-out alone would undervalue the best phrasing, which is what
 * makes a shopper's exact wording of an FAQ question score near 1.
 */
export const DEFAULT_FUSION_GRID = {
  bestPhrasing: [0.25, 0.5, 0.75],
  lexical: [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4],
};

/**
 * The classifier head's shares tried when the knowledge base has one; 0 first, so the head is
 * used only when it ranks held-out phrasings better than retrieval alone.
 */
export const HEAD_GRID = [0, 0.25, 0.5, 0.75] as const;

/**
 * With labelled shopper questions, every weight is chosen on them, the answer's share too
 * (the default first, so a tie keeps it): they are how this shop's shoppers write, which
 * the FAQ's own phrasings are not.
 */
export const SHOPPER_FUSION_GRID = { ...DEFAULT_FUSION_GRID, answer: [DEFAULT_ANSWER_WEIGHT, 0, 0.1, 0.15, 0.25, 0.3] };

/** One entry's score components for one query (see ScoreComponents, which holds them for every entry). */
export interface EntryScores {
  best: number;
  centroid: number;
  lexical: number;
  answer: number;
  /** NaN (or absent) without a head. */
  head?: number;
}

/** The fused score from one entry's components. */
export function fuse({ best, centroid, lexical, answer, head = Number.NaN }: EntryScores, weights: FusionWeights): number {
  const dense = weights.bestPhrasing * best + (1 - weights.bestPhrasing) * centroid;
  const questions = (1 - weights.lexical) * dense + weights.lexical * lexical;
  // An entry with no answer sentence indexed (NaN) is scored by its questions alone, not docked.
  const retrieval = Number.isNaN(answer) ? questions : (1 - weights.answer) * questions + weights.answer * answer;
  return weights.head > 0 && !Number.isNaN(head) ? (1 - weights.head) * retrieval + weights.head * head : retrieval;
}

export function fusedScore(components: ScoreComponents, entry: number, weights: FusionWeights): number {
  return fuse({ best: components.best[entry]!, centroid: components.centroid[entry]!, lexical: components.lexical[entry]!, answer: components.answer[entry]!, head: components.head[entry]! }, weights);
}

/** The two best entries under `weights` (entry -1 when there are fewer). */
export function topTwo(components: ScoreComponents, weights: FusionWeights, excluded?: number) {
  let first = { entry: -1, score: -Infinity };
  let second = { entry: -1, score: -Infinity };
  for (let entry = 0; entry < components.best.length; entry++) {
    if (entry === excluded) continue;
    const score = fusedScore(components, entry, weights);
    if (score > first.score) [first, second] = [{ entry, score }, first];
    else if (score > second.score) second = { entry, score };
  }
  return { first, second };
}

function rankOf(components: ScoreComponents, weights: FusionWeights, expected: number): number {
  const target = fusedScore(components, expected, weights);
  let rank = 0;
  for (let entry = 0; entry < components.best.length; entry++) {
    if (entry !== expected && fusedScore(components, entry, weights) > target) rank++;
  }
  return rank;
}

/**
 * The fusion weights under which held-out phrasings find their own entry most often
 * (top-1, then MRR to break ties, then the simplest: least lexical weight).
 */
export function chooseFusionWeights(
  samples: readonly LabelledSample[],
  grid: { bestPhrasing: readonly number[]; lexical: readonly number[]; answer?: readonly number[]; head?: readonly number[] } = DEFAULT_FUSION_GRID,
): { weights: FusionWeights; top1: number; mrr: number } {
  const answers = grid.answer ?? [DEFAULT_ANSWER_WEIGHT];
  const heads = grid.head ?? [0];
  let chosen = { weights: { bestPhrasing: 0.5, lexical: 0, answer: answers[0]!, head: heads[0]! }, top1: -1, mrr: -1 };
  for (const head of heads) {
    for (const lexical of grid.lexical) {
      for (const answer of answers) {
        for (const bestPhrasing of grid.bestPhrasing) {
          const weights = { bestPhrasing, lexical, answer, head };
          const { top1, mrr } = rankingQuality(samples, weights);
          if (top1 > chosen.top1 + 1e-9 || (Math.abs(top1 - chosen.top1) <= 1e-9 && mrr > chosen.mrr + 1e-9)) {
            chosen = { weights, top1, mrr };
          }
        }
      }
    }
  }
  return chosen;
}

function rankingQuality(samples: readonly LabelledSample[], weights: FusionWeights): { top1: number; mrr: number } {
  let hits = 0;
  let reciprocal = 0;
  for (const sample of samples) {
    const rank = rankOf(sample.components, weights, sample.expected);
    if (rank === 0) hits++;
    reciprocal += 1 / (rank + 1);
  }
  return { top1: samples.length ? hits / samples.length : 0, mrr: samples.length ? reciprocal / samples.length : 0 };
}

export interface ThresholdChoice {
  threshold: number;
  /** Share of in-scope samples answered with the right entry at this threshold. */
  inScopeAnsweredRight: number;
  /** Share of in-scope samples answered with a wrong entry at this threshold. */
  inScopeAnsweredWrong: number;
  /** Per out-of-scope group, the share declined at this threshold. */
  outOfScopeDeclined: number[];
  /** Expected value per question at this threshold (see chooseAnswerThreshold). */
  value: number;
}

/**
 * What each outcome of a shopper's FAQ question is worth, and how often a question has no
 * entry: the calibration chooses the threshold, gap weight and clarify margin that maximise
 * the expected value per question. Configured per shop (FAQ_VALUE_*, FAQ_OUT_OF_SCOPE_SHARE)
 * and stored with the calibration.
 */
export interface AnswerValues {
  /** The right entry answered. */
  right: number;
  /** A wrong entry answered, or any answer to a question the FAQ has no entry for. */
  wrong: number;
  /** "Did you mean A or B?" when A or B is right (an ask where neither is counts as a decline). */
  clarify: number;
  /** "I don't know", with a person offered. */
  decline: number;
  /** Expected share of shoppers' questions that the FAQ has no entry for. */
  outOfScopeShare: number;
}

/**
 * A wrong answer costs half what a right one gains: it misleads, but the shopper can still ask
 * again or ask for a person. Asking between two when one is right is worth half an answer (one
 * more step). A decline is the zero point. One question in five is taken to be out of scope (in
 * the demo shop's hand-labelled shopper questions, 140 of 887: 0.16).
 */
export const DEFAULT_ANSWER_VALUES: AnswerValues = { right: 1, wrong: -0.5, clarify: 0.5, decline: 0, outOfScopeShare: 0.2 };

/** Why `values` cannot rank outcomes, or undefined when they can: an answer must be worth more when right than declining, and less when wrong. */
export function answerValuesProblem(values: AnswerValues): string | undefined {
  if (!(values.right > values.decline)) return `a right answer (${values.right}) must be worth more than a decline (${values.decline})`;
  if (!(values.wrong < values.decline)) return `a wrong answer (${values.wrong}) must be worth less than a decline (${values.decline})`;
  if (!(values.clarify <= values.right)) return `asking between two (${values.clarify}) cannot be worth more than the right answer (${values.right})`;
  if (!(values.outOfScopeShare >= 0 && values.outOfScopeShare < 1)) return `the out-of-scope share (${values.outOfScopeShare}) must be in [0, 1)`;
  return undefined;
}

/**
 * The answer threshold with the best expected value per question under `values`. In-scope
 * samples are weighted by 1 - outOfScopeShare; the out-of-scope groups (e.g. held-out entries
 * of the same shop, generic background sentences) share outOfScopeShare equally.
 */
export function chooseAnswerThreshold(
  inScope: readonly { score: number; correct: boolean }[],
  outOfScopeGroups: readonly (readonly number[])[],
  values: AnswerValues = DEFAULT_ANSWER_VALUES,
): ThresholdChoice {
  const groups = outOfScopeGroups.filter((group) => group.length > 0);
  const candidates = [...new Set([...inScope.map((s) => s.score), ...groups.flat()])].sort((a, b) => a - b);
  const { outOfScopeShare: pi, right, wrong, decline } = values;
  const evaluate = (threshold: number): ThresholdChoice => {
    const inScopeAnsweredRight = share(inScope, (s) => s.correct && s.score >= threshold);
    const inScopeAnsweredWrong = share(inScope, (s) => !s.correct && s.score >= threshold);
    const outOfScopeDeclined = groups.map((group) => share(group, (score) => score < threshold));
    const outOfScopeAnswered = outOfScopeDeclined.length ? 1 - mean(outOfScopeDeclined) : 0;
    const inScopeValue = right * inScopeAnsweredRight + wrong * inScopeAnsweredWrong + decline * (1 - inScopeAnsweredRight - inScopeAnsweredWrong);
    const value = (1 - pi) * inScopeValue + pi * (wrong * outOfScopeAnswered + decline * (1 - outOfScopeAnswered));
    return { threshold, inScopeAnsweredRight, inScopeAnsweredWrong, outOfScopeDeclined, value };
  };
  let best = evaluate(candidates[0] ?? 0);
  for (const score of candidates) {
    const choice = evaluate(score);
    if (choice.value > best.value + 1e-12) best = choice;
  }
  return best;
}

function share<T>(items: readonly T[], test: (item: T) => boolean): number {
  return items.length ? items.filter(test).length / items.length : 0;
}

/**
 * How sure the best entry is: its score plus `gapWeight` times its lead over the runner-up.
 * A question that two entries fit equally well is less likely to be about either; the
 * weight is calibrated per knowledge base (0 = the score alone).
 */
export function answerConfidence(best: number, second: number, gapWeight: number): number {
  return best + gapWeight * (best - (Number.isFinite(second) ? second : 0));
}

export const GAP_WEIGHT_GRID = [0, 0.5, 1, 2];

/**
 * The clarify margin (from `grid`, "near" ties only) with the best expected value over
 * answered in-scope samples: inside the margin the shopper is asked to choose between the best
 * two (`values.clarify` when the right entry is one of them, `values.decline` when not);
 * outside it the best entry is answered (`values.right` or `values.wrong`).
 */
export function chooseClarifyMargin(
  samples: readonly { gap: number; correct: boolean; secondCorrect: boolean }[],
  options: { grid?: readonly number[]; values?: AnswerValues } = {},
): number {
  const { grid = [0, 0.005, 0.01, 0.015, 0.02, 0.03], values = DEFAULT_ANSWER_VALUES } = options;
  let best = { margin: 0, value: -Infinity };
  for (const margin of grid) {
    let value = 0;
    for (const s of samples) {
      if (s.gap < margin) value += s.correct || s.secondCorrect ? values.clarify : values.decline;
      else value += s.correct ? values.right : values.wrong;
    }
    if (value > best.value + 1e-9) best = { margin, value };
  }
  return best.margin;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
