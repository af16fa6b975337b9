/**
 * Hybrid FAQ matching: every phrasing of an entry is in the HNSW index, and every sentence
 * of its answer in another; an entry's score mixes its best phrasing, the centroid of its
 * phrasings, BM25 over its words and its answer's closest sentence, with weights chosen from
 * the knowledge base itself (see nlu/calibration.ts and faq-calibration.ts). The two HNSW
 * indexes propose candidate entries, BM25 adds the ones that share rare words, then each
 * candidate is scored exactly.
 *
 *   const matcher = new FaqMatcher(faqIndex, entries, phrasings, lexicalTokens, { index: answerIndex, sentences: answerSentences(entries) });
 *   matcher.search({ vector, tokens: lexicalTokens('where is my parcel') }, 3)
 *   // [{ entry: { id: 'track-order', ... }, score: 0.81, matched: 'Where is my order?', components: {...} }, ...]
 */
import { DEFAULT_ANSWER_WEIGHT, dot, fuse, trainIntentHead, type FusionWeights, type IntentHead, type ScoreComponents } from '../nlu/index.js';
import { LexicalIndex } from './lexical-index.js';
import type { FaqEntry } from './schemas.js';
import type { FaqPhrasing } from './store.js';
import type { VectorIndex } from './vector-index.js';

export interface FaqQuery {
  /** Unit vector of the query text. */
  vector: ArrayLike<number>;
  /** `lexicalTokens(text)`. */
  tokens: readonly string[];
}

export interface FaqHit {
  entry: FaqEntry;
  /** Fused score (roughly a cosine scale: 1 is a perfect match). */
  score: number;
  /** The phrasing that matched best. */
  matched: string;
  /** `answer` is NaN for an entry with no answer sentence indexed; `head` NaN when no classifier head is used. */
  components: { best: number; centroid: number; lexical: number; answer: number; head: number };
}

/** Before calibration: half best phrasing, half centroid, no BM25, the answer's default share, no head. */
export const UNCALIBRATED_WEIGHTS: FusionWeights = { bestPhrasing: 0.5, lexical: 0, answer: DEFAULT_ANSWER_WEIGHT, head: 0 };

/**
 * Phrasings × entries up to which a classifier head is trained: its cost grows with both (about
 * 2 s at 385 × 77 on one core here, and calibration trains it six times), and knowledge bases
 * past this size have enough phrasings per entry for retrieval to do well alone.
 */
export const MAX_HEAD_WORK = 150_000;

/** One sentence of an entry's answer, as indexed (labels are positions in answerSentences()). */
export interface FaqAnswerSentence {
  label: number;
  faqId: string;
  text: string;
}

/** The sentences of every entry's answer: what the answer index holds. */
export function answerSentences(entries: readonly FaqEntry[]): FaqAnswerSentence[] {
  const sentences: FaqAnswerSentence[] = [];
  for (const entry of entries) {
    for (const text of entry.answer.split(/(?<=[.!?])\s+/)) {
      // A fragment ("Yes." "See below.") says nothing an entry could be found by.
      if (text.trim().split(/\s+/).length >= 3) sentences.push({ label: sentences.length, faqId: entry.id, text: text.trim() });
    }
  }
  return sentences;
}

interface EntryData {
  entry: FaqEntry;
  phrasings: { text: string; vector: Float32Array; tokens: string[] }[];
  /** Unnormalised sum of phrasing vectors (for leave-one-out centroids). */
  sum: Float32Array;
  centroid: Float32Array;
  /** Vectors of its answer's sentences. */
  answerVectors: Float32Array[];
}

export class FaqMatcher {
  private readonly entryData: EntryData[];
  private readonly ordinalByLabel = new Map<number, number>();
  private readonly ordinalByAnswerLabel = new Map<number, number>();
  private readonly lexical = new LexicalIndex();
  weights: FusionWeights = UNCALIBRATED_WEIGHTS;
  /** The classifier head on every phrasing, when calibration found it helps (weights.head > 0). */
  private head: IntentHead | undefined;

  constructor(
    private readonly index: VectorIndex,
    entries: readonly FaqEntry[],
    phrasings: readonly FaqPhrasing[],
    tokenize: (text: string) => string[],
    private readonly answers?: { index: VectorIndex; sentences: readonly FaqAnswerSentence[] },
  ) {
    const ordinalById = new Map(entries.map((entry, ordinal) => [entry.id, ordinal]));
    this.entryData = entries.map((entry) => ({ entry, phrasings: [], sum: new Float32Array(index.dimensions), centroid: new Float32Array(index.dimensions), answerVectors: [] }));
    for (const sentence of answers?.sentences ?? []) {
      const ordinal = ordinalById.get(sentence.faqId);
      if (ordinal === undefined) continue;
      this.entryData[ordinal]!.answerVectors.push(Float32Array.from(answers!.index.vectorOf(sentence.label)));
      this.ordinalByAnswerLabel.set(sentence.label, ordinal);
    }
    for (const phrasing of phrasings) {
      const ordinal = ordinalById.get(phrasing.faqId);
      if (ordinal === undefined) continue;
      const vector = Float32Array.from(index.vectorOf(phrasing.label));
      const data = this.entryData[ordinal]!;
      data.phrasings.push({ text: phrasing.text, vector, tokens: tokenize(phrasing.text) });
      for (let i = 0; i < vector.length; i++) data.sum[i]! += vector[i]!;
      this.ordinalByLabel.set(phrasing.label, ordinal);
    }
    for (const [ordinal, data] of this.entryData.entries()) {
      data.centroid = unit(data.sum);
      this.lexical.add(ordinal, data.phrasings.flatMap((p) => p.tokens));
    }
  }

  get entryCount(): number {
    return this.entryData.length;
  }

  /** The entries, in ordinal order. */
  entries(): FaqEntry[] {
    return this.entryData.map((data) => data.entry);
  }

  entryAt(ordinal: number): FaqEntry {
    return this.entryData[ordinal]!.entry;
  }

  /** Phrasings of each entry, by ordinal: for leave-one-out calibration. */
  phrasingsOf(ordinal: number): readonly { text: string; vector: Float32Array; tokens: string[] }[] {
    return this.entryData[ordinal]!.phrasings;
  }

  /** Whether a classifier head can be trained here: two entries or more, within MAX_HEAD_WORK. */
  get headTrainable(): boolean {
    const phrasings = this.entryData.reduce((sum, data) => sum + data.phrasings.length, 0);
    return this.entryData.length >= 2 && phrasings * this.entryData.length <= MAX_HEAD_WORK;
  }

  /** A classifier head trained on every phrasing but those `leftOut` names (calibration's folds). */
  trainHead(leftOut: (ordinal: number, index: number) => boolean = () => false): IntentHead {
    const vectors: Float32Array[] = [];
    const labels: number[] = [];
    for (const [ordinal, data] of this.entryData.entries()) {
      data.phrasings.forEach((phrasing, index) => {
        if (leftOut(ordinal, index)) return;
        vectors.push(phrasing.vector);
        labels.push(ordinal);
      });
    }
    return trainIntentHead(vectors, labels, this.entryData.length);
  }

  /** The head search() mixes in by weights.head; undefined for none. */
  useHead(head: IntentHead | undefined): void {
    this.head = head;
  }

  get hasHead(): boolean {
    return this.head !== undefined;
  }

  /** The best `k` entries for a query, best first. */
  search(query: FaqQuery, k: number): FaqHit[] {
    if (this.entryData.length === 0 || k <= 0) return [];
    const candidates = new Set<number>();
    const probabilities = this.head && this.weights.head > 0 ? this.head.probabilities(query.vector) : undefined;
    // The head can be sure of an entry whose phrasings are not the nearest ones: it proposes its own best.
    if (probabilities) for (const ordinal of topIndexes(probabilities, Math.max(4, k))) candidates.add(ordinal);
    // Phrasings, not entries, are indexed: look deep enough to see k entries and some spares.
    for (const hit of this.index.search(query.vector, Math.min(this.index.size, Math.max(32, k * 8)))) {
      const ordinal = this.ordinalByLabel.get(hit.label);
      if (ordinal !== undefined) candidates.add(ordinal);
    }
    if (this.weights.lexical > 0) for (const hit of this.lexical.search(query.tokens, Math.max(8, k * 2))) candidates.add(hit.label);
    if (this.answers && this.weights.answer > 0) {
      for (const hit of this.answers.index.search(query.vector, Math.min(this.answers.index.size, Math.max(16, k * 4)))) {
        const ordinal = this.ordinalByAnswerLabel.get(hit.label);
        if (ordinal !== undefined) candidates.add(ordinal);
      }
    }
    const hits: FaqHit[] = [];
    // The query's term weights once, for every candidate.
    const lexicalScores = this.lexical.scoreMany(query.tokens, candidates);
    for (const ordinal of candidates) {
      const data = this.entryData[ordinal]!;
      let best = -1;
      let matched = '';
      for (const phrasing of data.phrasings) {
        const similarity = dot(query.vector, phrasing.vector);
        if (similarity > best) [best, matched] = [similarity, phrasing.text];
      }
      const components = {
        best, centroid: dot(query.vector, data.centroid), lexical: lexicalScores.get(ordinal)!, answer: answerScore(query.vector, data),
        head: probabilities ? probabilities[ordinal]! : Number.NaN,
      };
      hits.push({ entry: data.entry, score: fuse(components, this.weights), matched, components });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, k);
  }

  /** A query's score components against every entry, exactly (calibration; background sentences), the head's by `head`. */
  componentsFor(query: FaqQuery, head: IntentHead | undefined = this.head): ScoreComponents {
    const components = emptyComponents(this.entryData.length);
    if (head) components.head.set(head.probabilities(query.vector));
    else components.head.fill(Number.NaN);
    const lexicalScores = this.lexical.scoreMany(query.tokens, this.entryData.keys());
    for (const [ordinal, data] of this.entryData.entries()) {
      components.best[ordinal] = Math.max(-1, ...data.phrasings.map((p) => dot(query.vector, p.vector)));
      components.centroid[ordinal] = dot(query.vector, data.centroid);
      components.lexical[ordinal] = lexicalScores.get(ordinal)!;
      components.answer[ordinal] = answerScore(query.vector, data);
    }
    return components;
  }

  /**
   * Components of phrasing `index` of entry `ordinal` as a query against the knowledge base
   * without that phrasing: its own entry's best phrasing, centroid and words exclude it.
   */
  heldOutComponents(ordinal: number, index: number, head: IntentHead | undefined = this.head): ScoreComponents {
    const data = this.entryData[ordinal]!;
    const heldOut = data.phrasings[index]!;
    const rest = data.phrasings.filter((_, i) => i !== index);
    this.lexical.add(ordinal, rest.flatMap((p) => p.tokens));
    try {
      const components = this.componentsFor(heldOut, head);
      components.best[ordinal] = rest.length ? Math.max(...rest.map((p) => dot(heldOut.vector, p.vector))) : -1;
      const sum = data.sum.map((x, i) => x - heldOut.vector[i]!);
      components.centroid[ordinal] = rest.length ? dot(heldOut.vector, unit(sum)) : -1;
      return components;
    } finally {
      this.lexical.add(ordinal, data.phrasings.flatMap((p) => p.tokens));
    }
  }
}

function emptyComponents(entries: number): ScoreComponents {
  return { best: new Float32Array(entries), centroid: new Float32Array(entries), lexical: new Float32Array(entries), answer: new Float32Array(entries), head: new Float32Array(entries) };
}

function topIndexes(values: Float32Array, k: number): number[] {
  return [...values.keys()].sort((a, b) => values[b]! - values[a]!).slice(0, k);
}

/** Cosine to the closest sentence of the entry's answer (NaN when it has none indexed: see fuse). */
function answerScore(vector: ArrayLike<number>, data: EntryData): number {
  let best = Number.NaN;
  for (const sentence of data.answerVectors) {
    const similarity = dot(vector, sentence);
    if (!(similarity <= best)) best = similarity;
  }
  return best;
}

function unit(vector: Float32Array): Float32Array {
  const norm = Math.sqrt(dot(vector, vector)) || 1;
  return vector.map((x) => x / norm);
}
