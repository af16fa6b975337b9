/**
 * Calibrates FAQ matching for one knowledge base from its own phrasings:
 * - leave-one-phrasing-out: each phrasing is a query against the rest of the knowledge
 *   base; the fusion weights under which most find their own entry are chosen;
 * - out-of-scope examples: the same phrasings scored with their whole entry held out
 *   (questions this shop could be asked but has no entry for) and generic background
 *   sentences (questions from other walks of life);
 * - the answer threshold separates the two (nlu/calibration.ts), and near-ties where the
 *   best entry is right no more often than a coin flip set the clarify margin;
 * - a fine-tuned model is held out only on phrasings it did not train on (its trainer's
 *   held-out share), and only on shoppers' questions it did not train on (catalog/indexer.ts);
 * - a classifier head (nlu/intent-head.ts) is cross-fitted: the held-out phrasings fall in
 *   HEAD_FOLDS folds, and each is scored by a head trained on the other folds' phrasings. Its
 *   share is chosen with the other weights, 0 first: it is used only when it ranks better.
 *
 *   const calibration = calibrateFaq(matcher, backgroundQueries);
 *   // { weights: { bestPhrasing: 0.5, lexical: 0.1, answer: 0.2 }, answerThreshold: 0.52, clarifyMargin: 0.01, ... }
 */
import {
  answerConfidence,
  chooseAnswerThreshold,
  DEFAULT_ANSWER_VALUES,
  chooseClarifyMargin,
  chooseFusionWeights,
  DEFAULT_FUSION_GRID,
  GAP_WEIGHT_GRID,
  HEAD_GRID,
  SHOPPER_FUSION_GRID,
  topTwo,
  type AnswerValues,
  type FusionWeights,
  type IntentHead,
  type LabelledSample,
} from '../nlu/index.js';
import { UNCALIBRATED_WEIGHTS, type FaqMatcher, type FaqQuery } from './faq-matcher.js';

/** Bumped when what calibration reads or writes changes (7: the classifier head's share among the weights). */
export const CALIBRATION_VERSION = 7;

/** Folds of held-out phrasings for the classifier head: each fold is scored by a head trained without it. */
export const HEAD_FOLDS = 5;

export interface FaqCalibration {
  version: number;
  /** False when the knowledge base has too few phrasings to learn from; the defaults are used. */
  calibrated: boolean;
  weights: FusionWeights;
  /** Confidence = best score + gapWeight * (best - second best); answered from answerThreshold up. */
  gapWeight: number;
  answerThreshold: number;
  clarifyMargin: number;
  /** What each outcome was worth when the threshold, gap weight and margin were chosen. */
  values: AnswerValues;
  diagnostics: {
    /** Labelled shopper questions that set the threshold (0: the held-out phrasings did). */
    shopperQueries?: number;
    /** Labelled shopper questions left out because the model was fine-tuned on them (nlu/trained-texts.ts). */
    shopperQueriesTrainedOn?: number;
    heldOutPhrasings: number;
    /**
     * Of those, phrasings the model was fine-tuned on: they score higher than a new question would,
     * so a figure above 0 means the calibration is optimistic (too few unseen phrasings were left).
     */
    heldOutPhrasingsTrainedOn?: number;
    /** Share of held-out phrasings whose own entry ranks first under the weights the phrasings choose (shoppers' questions may choose others). */
    heldOutTop1: number;
    /** The same without the classifier head (null: no head was trained: too few entries, or too many phrasings; see MAX_HEAD_WORK). */
    heldOutTop1WithoutHead?: number | null;
    /** At the threshold: share of held-out phrasings answered with their own entry. */
    inScopeAnsweredRight: number;
    /** At the threshold: share declined of phrasings whose entry was held out, and of background sentences. */
    heldOutEntriesDeclined: number | null;
    backgroundDeclined: number | null;
    backgroundSentences: number;
  };
}

/** Used when a knowledge base cannot be calibrated (fewer than two phrasings per entry), or before it is. */
export const UNCALIBRATED: FaqCalibration = {
  version: CALIBRATION_VERSION,
  calibrated: false,
  weights: UNCALIBRATED_WEIGHTS,
  gapWeight: 0,
  answerThreshold: 0.6,
  clarifyMargin: 0.03,
  values: DEFAULT_ANSWER_VALUES,
  diagnostics: {
    heldOutPhrasings: 0, heldOutTop1: 0, inScopeAnsweredRight: 0,
    heldOutEntriesDeclined: null, backgroundDeclined: null, backgroundSentences: 0,
  },
};

/** A shopper's question labelled with the entry that answers it (null: none does), e.g. a support reviewer's verdict. */
export interface LabelledShopperQuery {
  query: FaqQuery;
  faqId: string | null;
}

/** Labelled shopper questions needed before they, not held-out phrasings, set the threshold. */
export const MIN_SHOPPER_QUERIES = 20;

/** Phrasings a fine-tuned model did not train on (its trainer's held-out share) needed before only they are held out. */
export const MIN_UNSEEN_PHRASINGS = 20;

export interface CalibrationOptions {
  /**
   * Questions as shoppers really wrote them, labelled. Held-out phrasings are written like
   * the FAQ and score higher than shoppers' questions do, which made the threshold too
   * cautious; with at least MIN_SHOPPER_QUERIES of these, they set the answer threshold,
   * the gap weight and the clarify margin, and choose the fusion weights, the answer's share included.
   */
  shopperQueries?: readonly LabelledShopperQuery[];
  /** Held-out phrasings to score at most (an even, seeded sample beyond it): bounds the cost on large FAQs. Default 800. */
  maxSamples?: number;
  seed?: number;
  /** What each outcome is worth (FAQ_VALUE_*). Default DEFAULT_ANSWER_VALUES. */
  values?: AnswerValues;
  /**
   * Whether the model was fine-tuned on a text (Encoder.trainedOn). Only phrasings it was not are
   * held out, when at least MIN_UNSEEN_PHRASINGS are left: a phrasing it trained on finds its
   * entry more easily than a new question would, and scores lower with its entry held out.
   */
  trainedOn?: (text: string) => boolean;
  /** Whether the classifier head may take a share of the score (HEAD_GRID); without it, none is trained. Default false. */
  head?: boolean;
  /** Receives the classifier head trained on every phrasing, when the chosen weights use one (so the caller need not train it again). */
  onHead?: (head: IntentHead) => void;
}

export function calibrateFaq(matcher: FaqMatcher, background: readonly FaqQuery[], options: CalibrationOptions = {}): FaqCalibration {
  const { maxSamples = 800, seed = 11, values = DEFAULT_ANSWER_VALUES, trainedOn = () => false } = options;
  const positions: [number, number][] = [];
  for (let ordinal = 0; ordinal < matcher.entryCount; ordinal++) {
    const count = matcher.phrasingsOf(ordinal).length;
    // A phrasing held out of a one-phrasing entry leaves nothing to match: not a fair in-scope sample.
    if (count >= 2) for (let index = 0; index < count; index++) positions.push([ordinal, index]);
  }
  const isTrained = ([ordinal, index]: [number, number]) => trainedOn(matcher.phrasingsOf(ordinal)[index]!.text);
  const unseen = positions.filter((position) => !isTrained(position));
  const sampled = seededSample(unseen.length >= MIN_UNSEEN_PHRASINGS ? unseen : positions, maxSamples, seed);
  const heldOutPhrasingsTrainedOn = sampled.filter(isTrained).length;
  if (sampled.length < 4 || matcher.entryCount < 2) {
    return { ...UNCALIBRATED, values, diagnostics: { ...UNCALIBRATED.diagnostics, heldOutPhrasings: sampled.length, backgroundSentences: background.length } };
  }

  // Cross-fitting: sampled phrasings are dealt into folds in entry order, so each entry's phrasings
  // spread over the folds, and each fold's head is trained on every phrasing but that fold's.
  const withHead = (options.head ?? false) && matcher.headTrainable;
  const foldOf = new Map(sampled.map(([ordinal, index], i) => [`${ordinal}:${index}`, i % HEAD_FOLDS]));
  const foldHeads: (IntentHead | undefined)[] = Array.from({ length: HEAD_FOLDS }, (_, fold) =>
    withHead ? matcher.trainHead((ordinal, index) => foldOf.get(`${ordinal}:${index}`) === fold) : undefined,
  );
  const head = withHead ? matcher.trainHead() : undefined;
  const samples: LabelledSample[] = sampled.map(([ordinal, index]) => ({
    expected: ordinal,
    components: matcher.heldOutComponents(ordinal, index, foldHeads[foldOf.get(`${ordinal}:${index}`)!]),
  }));
  const headGrid = withHead ? HEAD_GRID : [0];
  const fromPhrasings = chooseFusionWeights(samples, { ...DEFAULT_FUSION_GRID, head: headGrid });
  const { top1 } = fromPhrasings;
  const withoutHead = withHead ? chooseFusionWeights(samples, DEFAULT_FUSION_GRID).top1 : null;

  const shopper = options.shopperQueries ?? [];
  const useShoppers = shopper.filter((q) => q.faqId !== null).length >= MIN_SHOPPER_QUERIES;
  const ordinalOf = new Map(matcher.entries().map((entry, ordinal) => [entry.id, ordinal]));
  const shopperSamples = useShoppers
    ? shopper.filter((q) => q.faqId !== null && ordinalOf.has(q.faqId)).map((q) => ({ expected: ordinalOf.get(q.faqId!)!, components: matcher.componentsFor(q.query, head) }))
    : [];
  // Weights that fit how this shop's shoppers write, when it has their questions labelled; the
  // phrasings (all questions, none about what an answer says) choose them otherwise.
  const { weights } = useShoppers ? chooseFusionWeights(shopperSamples, { ...SHOPPER_FUSION_GRID, head: headGrid }) : fromPhrasings;
  const inScope = (useShoppers ? shopperSamples : samples).map((sample) => {
    const { first, second } = topTwo(sample.components, weights);
    return { score: first.score, correct: first.entry === sample.expected, secondCorrect: second.entry === sample.expected, gap: first.score - second.score, secondScore: second.score };
  });
  const heldOutEntries = [
    ...samples.map((sample) => topTwo(sample.components, weights, sample.expected)),
    ...(useShoppers ? shopper.filter((q) => q.faqId === null).map((q) => topTwo(matcher.componentsFor(q.query, head), weights)) : []),
  ].filter(({ first }) => Number.isFinite(first.score));
  const backgroundTops = background.map((query) => topTwo(matcher.componentsFor(query, head), weights)).filter(({ first }) => Number.isFinite(first.score));
  // The gap weight and the threshold are chosen together: the pair with the best expected value.
  let best: { gapWeight: number; choice: ReturnType<typeof chooseAnswerThreshold> } | undefined;
  for (const gapWeight of GAP_WEIGHT_GRID) {
    const confidence = ({ first, second }: { first: { score: number }; second: { score: number } }) => answerConfidence(first.score, second.score, gapWeight);
    const choice = chooseAnswerThreshold(
      inScope.map((s) => ({ score: answerConfidence(s.score, s.secondScore, gapWeight), correct: s.correct })),
      [heldOutEntries.map(confidence), backgroundTops.map(confidence)],
      values,
    );
    if (!best || choice.value > best.choice.value + 1e-9) best = { gapWeight, choice };
  }
  const { gapWeight, choice } = best!;
  // Near-ties are asked about when the runner-up alone would be answered.
  const answered = inScope.filter((s) => s.secondScore >= choice.threshold);
  const clarifyMargin = chooseClarifyMargin(answered, { values });
  const declined = choice.outOfScopeDeclined;
  if (head && weights.head > 0) options.onHead?.(head);
  return {
    version: CALIBRATION_VERSION,
    calibrated: true,
    weights,
    gapWeight,
    answerThreshold: round(choice.threshold),
    clarifyMargin,
    values,
    diagnostics: {
      shopperQueries: useShoppers ? shopper.length : 0,
      heldOutPhrasings: samples.length,
      heldOutPhrasingsTrainedOn,
      heldOutTop1: round(top1),
      heldOutTop1WithoutHead: withoutHead === null ? null : round(withoutHead),
      inScopeAnsweredRight: round(choice.inScopeAnsweredRight),
      heldOutEntriesDeclined: heldOutEntries.length ? round(declined[0]!) : null,
      backgroundDeclined: backgroundTops.length ? round(declined[heldOutEntries.length ? 1 : 0]!) : null,
      backgroundSentences: backgroundTops.length,
    },
  };
}

/** Up to `max` items spread over the list by a seeded shuffle, in their original order. */
function seededSample<T>(items: readonly T[], max: number, seed: number): T[] {
  if (items.length <= max) return [...items];
  let state = seed >>> 0;
  const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 4294967296);
  const indexes = items.map((_, i) => i);
  for (let i = indexes.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [indexes[i], indexes[j]] = [indexes[j]!, indexes[i]!];
  }
  return indexes.slice(0, max).sort((a, b) => a - b).map((i) => items[i]!);
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}
