/**
 * Okapi BM25 over token lists: the lexical half of hybrid search. Documents are added
 * with the same labels as the vector indexes; scores are normalised by the query's
 * attainable weight (every query term matched once in a document of average length
 * scores 1), so they sit on a scale that can be mixed with cosine similarities and
 * compared across queries. Query words the index has never seen count against the score
 * at full weight: "my crypto wallet" should not match "wallet" as well as "my wallet" does.
 *
 *   const index = new LexicalIndex();
 *   index.add(1, lexicalTokens('How do I return an item?'));
 *   index.search(lexicalTokens('returning an item'), 5) // [{ label: 1, score: 1 }]
 */

export interface LexicalHit {
  label: number;
  score: number;
}

export interface Bm25Parameters {
  /** Term-frequency saturation. Default 1.2. */
  k1: number;
  /** Length normalisation (0 = none, 1 = full). Default 0.75. */
  b: number;
}

export const defaultBm25Parameters: Bm25Parameters = { k1: 1.2, b: 0.75 };

interface Document {
  termCounts: Map<string, number>;
  length: number;
}

export class LexicalIndex {
  private readonly documents = new Map<number, Document>();
  private readonly documentFrequency = new Map<string, number>();
  private readonly postings = new Map<string, Set<number>>();
  private totalLength = 0;

  constructor(private readonly parameters: Bm25Parameters = defaultBm25Parameters) {}

  get size(): number {
    return this.documents.size;
  }

  /** Adds (or replaces) the document under `label`. */
  add(label: number, tokens: readonly string[]): void {
    this.remove(label);
    const termCounts = new Map<string, number>();
    for (const token of tokens) termCounts.set(token, (termCounts.get(token) ?? 0) + 1);
    this.documents.set(label, { termCounts, length: tokens.length });
    this.totalLength += tokens.length;
    for (const term of termCounts.keys()) {
      this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
      let labels = this.postings.get(term);
      if (!labels) this.postings.set(term, (labels = new Set()));
      labels.add(label);
    }
  }

  remove(label: number): void {
    const document = this.documents.get(label);
    if (!document) return;
    this.documents.delete(label);
    this.totalLength -= document.length;
    for (const term of document.termCounts.keys()) {
      const df = this.documentFrequency.get(term)! - 1;
      if (df === 0) this.documentFrequency.delete(term);
      else this.documentFrequency.set(term, df);
      this.postings.get(term)?.delete(label);
    }
  }

  /** Inverse document frequency (BM25+ style, never negative); unseen terms get the highest weight. */
  idf(term: string): number {
    const n = this.documents.size;
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Normalised BM25 of one document (0 when it shares no term with the query). */
  score(queryTokens: readonly string[], label: number): number {
    const document = this.documents.get(label);
    if (!document) return 0;
    const terms = unique(queryTokens);
    const attainable = this.attainable(terms);
    return attainable === 0 ? 0 : this.rawScore(terms, document) / attainable;
  }

  /** Normalised BM25 of several documents for one query (the query's weights computed once). */
  scoreMany(queryTokens: readonly string[], labels: Iterable<number>): Map<number, number> {
    const terms = unique(queryTokens);
    const attainable = this.attainable(terms);
    const scores = new Map<number, number>();
    for (const label of labels) {
      const document = this.documents.get(label);
      scores.set(label, attainable === 0 || !document ? 0 : this.rawScore(terms, document) / attainable);
    }
    return scores;
  }

  /**
   * The best documents for a query, best first. `filter` is applied while collecting
   * candidates, so a filtered search still returns up to k hits.
   */
  search(queryTokens: readonly string[], k: number, filter?: (label: number) => boolean): LexicalHit[] {
    const terms = unique(queryTokens);
    const attainable = this.attainable(terms);
    if (attainable === 0 || k <= 0) return [];
    const candidates = new Set<number>();
    for (const term of terms) for (const label of this.postings.get(term) ?? []) candidates.add(label);
    const hits: LexicalHit[] = [];
    for (const label of candidates) {
      if (filter && !filter(label)) continue;
      hits.push({ label, score: this.rawScore(terms, this.documents.get(label)!) / attainable });
    }
    return hits.sort((a, b) => b.score - a.score || a.label - b.label).slice(0, k);
  }

  private attainable(terms: readonly string[]): number {
    return terms.reduce((sum, term) => sum + this.idf(term), 0);
  }

  private rawScore(terms: readonly string[], document: Document): number {
    const { k1, b } = this.parameters;
    const averageLength = this.totalLength / Math.max(1, this.documents.size);
    const lengthFactor = 1 - b + (b * document.length) / Math.max(averageLength, 1e-9);
    let score = 0;
    for (const term of terms) {
      const tf = document.termCounts.get(term);
      if (!tf) continue;
      score += (this.idf(term) * tf * (k1 + 1)) / (tf + k1 * lengthFactor);
    }
    return score;
  }
}

function unique(tokens: readonly string[]): string[] {
  return [...new Set(tokens)];
}
