import { describe, expect, it } from 'vitest';
import { answerValuesProblem, chooseAnswerThreshold, chooseClarifyMargin, DEFAULT_ANSWER_VALUES, chooseFusionWeights, DEFAULT_ANSWER_WEIGHT, SHOPPER_FUSION_GRID, lexicalTokens, normalizeText, type ScoreComponents } from '../../nlu/index.js';

const components = (best: number[], centroid: number[], lexical: number[], answer: number[] = best.map(() => 0), head: number[] = best.map(() => Number.NaN)): ScoreComponents => ({
  best: Float32Array.from(best), centroid: Float32Array.from(centroid), lexical: Float32Array.from(lexical), answer: Float32Array.from(answer), head: Float32Array.from(head),
});

describe('fusion weights from held-out phrasings', () => {
  it('gives BM25 weight when only the words find the right entry', () => {
    // Dense scores favour entry 1 slightly; the words clearly point to entry 0, the right one.
    const samples = Array.from({ length: 10 }, () => ({ expected: 0, components: components([0.6, 0.62], [0.6, 0.62], [1, 0]) }));
    const { weights, top1 } = chooseFusionWeights(samples);
    expect(weights.lexical).toBeGreaterThan(0);
    expect(top1).toBe(1);
  });

  it('keeps BM25 out when the dense scores are already right', () => {
    const samples = Array.from({ length: 10 }, () => ({ expected: 0, components: components([0.9, 0.5], [0.8, 0.5], [0, 1]) }));
    expect(chooseFusionWeights(samples).weights.lexical).toBe(0);
  });

  it('prefers the centroid when the best phrasing misleads', () => {
    const samples = Array.from({ length: 10 }, () => ({ expected: 0, components: components([0.7, 0.75], [0.7, 0.5], [0, 0]) }));
    expect(chooseFusionWeights(samples).weights.bestPhrasing).toBeLessThan(0.5);
  });
});

describe('the share of the answer\'s sentences, from labelled shopper questions', () => {
  const chooseOnShoppers = (samples: Parameters<typeof chooseFusionWeights>[0]) => chooseFusionWeights(samples, SHOPPER_FUSION_GRID);

  it('counts the answer when shoppers ask about what it says, not what its questions say', () => {
    // The questions point to entry 1; entry 0's answer is what the shoppers asked about.
    const samples = Array.from({ length: 10 }, () => ({ expected: 0, components: components([0.5, 0.55], [0.5, 0.55], [0, 0], [0.8, 0.2]) }));
    const { weights, top1 } = chooseOnShoppers(samples);
    expect(weights.answer).toBeGreaterThan(0);
    expect(top1).toBe(1);
  });

  it('drops it when the answers mislead, and keeps the default on a tie', () => {
    const misleading = Array.from({ length: 10 }, () => ({ expected: 0, components: components([0.6, 0.5], [0.6, 0.5], [0, 0], [0, 1]) }));
    expect(chooseOnShoppers(misleading).weights.answer).toBe(0);
    const tie = Array.from({ length: 10 }, () => ({ expected: 0, components: components([0.9, 0.2], [0.9, 0.2], [0, 0], [0.5, 0.5]) }));
    expect(chooseOnShoppers(tie).weights.answer).toBe(DEFAULT_ANSWER_WEIGHT);
  });
});

describe('answer threshold', () => {
  it('falls between in-scope and out-of-scope scores when they separate', () => {
    const inScope = [0.8, 0.75, 0.9, 0.7].map((score) => ({ score, correct: true }));
    const { threshold, inScopeAnsweredRight, outOfScopeDeclined } = chooseAnswerThreshold(inScope, [[0.3, 0.4, 0.5], [0.2, 0.1]]);
    expect(threshold).toBeGreaterThan(0.5);
    expect(threshold).toBeLessThanOrEqual(0.7);
    expect(inScopeAnsweredRight).toBe(1);
    expect(outOfScopeDeclined).toEqual([1, 1]);
  });

  it('moves up when out-of-scope questions score high, and declines wrong low-scoring answers', () => {
    const inScope = [
      ...[0.8, 0.85, 0.9].map((score) => ({ score, correct: true })),
      ...[0.45, 0.5].map((score) => ({ score, correct: false })),
    ];
    const low = chooseAnswerThreshold(inScope, [[0.2]]).threshold;
    const high = chooseAnswerThreshold(inScope, [[0.2, 0.7, 0.75, 0.78]]).threshold;
    expect(low).toBeGreaterThan(0.5);
    expect(high).toBeGreaterThan(0.78);
  });
});

describe('answer values', () => {
  const inScope = [
    ...[0.5, 0.6, 0.65, 0.7, 0.8, 0.85, 0.9].map((score) => ({ score, correct: true })),
    ...[0.52, 0.55, 0.62, 0.68].map((score) => ({ score, correct: false })),
  ];
  const outOfScope = [[0.3, 0.5, 0.58, 0.66]];

  it('answers less readily when a wrong answer costs more, and more readily when a decline costs too', () => {
    const usual = chooseAnswerThreshold(inScope, outOfScope).threshold;
    const costly = chooseAnswerThreshold(inScope, outOfScope, { ...DEFAULT_ANSWER_VALUES, wrong: -5 }).threshold;
    const declineHurts = chooseAnswerThreshold(inScope, outOfScope, { ...DEFAULT_ANSWER_VALUES, decline: -0.4 }).threshold;
    expect(costly).toBeGreaterThan(usual);
    expect(declineHurts).toBeLessThan(usual);
  });

  it('answers less readily when more questions are expected to be out of scope', () => {
    const few = chooseAnswerThreshold(inScope, outOfScope, { ...DEFAULT_ANSWER_VALUES, outOfScopeShare: 0.05 }).threshold;
    const many = chooseAnswerThreshold(inScope, outOfScope, { ...DEFAULT_ANSWER_VALUES, outOfScopeShare: 0.6 }).threshold;
    expect(many).toBeGreaterThan(few);
  });

  it('asks between two only while asking is worth more than guessing', () => {
    const coinFlips = Array.from({ length: 20 }, (_, i) => ({ gap: 0.004, correct: i % 2 === 0, secondCorrect: i % 2 === 1 }));
    expect(chooseClarifyMargin(coinFlips)).toBeGreaterThan(0.004);
    // Asking worth no more than a right guess half the time, a wrong guess free: guessing wins.
    expect(chooseClarifyMargin(coinFlips, { values: { ...DEFAULT_ANSWER_VALUES, clarify: 0.2, wrong: -0.01 } })).toBe(0);
  });

  it('refuses values that cannot rank the outcomes, naming the one at fault', () => {
    expect(answerValuesProblem(DEFAULT_ANSWER_VALUES)).toBeUndefined();
    expect(answerValuesProblem({ ...DEFAULT_ANSWER_VALUES, wrong: 0.5 })).toMatch(/wrong answer \(0\.5\) must be worth less than a decline/);
    expect(answerValuesProblem({ ...DEFAULT_ANSWER_VALUES, right: 0 })).toMatch(/right answer/);
    expect(answerValuesProblem({ ...DEFAULT_ANSWER_VALUES, clarify: 2 })).toMatch(/asking between two/);
    expect(answerValuesProblem({ ...DEFAULT_ANSWER_VALUES, outOfScopeShare: 1 })).toMatch(/out-of-scope share/);
  });
});

describe('clarify margin', () => {
  it('asks on near-ties where the best entry is a coin flip, not where it is reliable', () => {
    const coinFlips = Array.from({ length: 20 }, (_, i) => ({ gap: 0.004, correct: i % 2 === 0, secondCorrect: i % 2 === 1 }));
    const reliable = Array.from({ length: 20 }, () => ({ gap: 0.004, correct: true, secondCorrect: false }));
    const wide = Array.from({ length: 40 }, () => ({ gap: 0.2, correct: true, secondCorrect: false }));
    expect(chooseClarifyMargin([...coinFlips, ...wide])).toBeGreaterThan(0.004);
    expect(chooseClarifyMargin([...reliable, ...wide])).toBe(0);
  });
});

describe('normalisation', () => {
  it('folds case, contractions, spellings and punctuation', () => {
    expect(normalizeText("I CAN'T find my cancelled order's colour!!")).toBe('i can not find my canceled order s color');
    expect(lexicalTokens('Where are my cancelled orders?')).toEqual(lexicalTokens('where is my canceled order'));
    expect(lexicalTokens('shipping shipped ships')).toEqual(['ship', 'ship', 'ship']);
    expect(lexicalTokens("don't want it")).toContain('not');
  });
});
