/**
 * FTRL-Proximal logistic regression (McMahan et al., "Ad Click Prediction: a View from the
 * Trenches", 2013): the online learner of the click-through ranker. Features are sparse and
 * named ("relevance", "item:RUN-0002"); each coordinate keeps two numbers (z, n) and its weight
 * is derived from them lazily, so a feature never seen costs nothing and L1 keeps rare ones at 0.
 *
 * A prediction may carry an offset, a fixed logit the weights add to: the ranker's prior (the
 * search's own relevance), so that an untrained model ranks exactly as the search does and the
 * weights learn only the corrections that clicks support.
 *
 *   const model = new FtrlModel();
 *   model.update({ bias: 1, 'item:A': 1 }, true);     // a click on A
 *   model.logit({ bias: 1, 'item:A': 1 }) > model.logit({ bias: 1, 'item:B': 1 })   // true
 */

export type Features = Readonly<Record<string, number>>;

export interface FtrlParams {
  /** Learning-rate scale. */
  alpha: number;
  /** Learning-rate smoothing: the per-coordinate rate is alpha / (beta + sqrt(sum of squared gradients)). */
  beta: number;
  /** L1 strength: a coordinate whose accumulated evidence |z| is below it stays at weight 0. */
  l1: number;
  /** L2 strength. */
  l2: number;
}

/**
 * The paper's settings for its scale (alpha 0.1, beta 1) would learn too slowly from the few
 * hundred clicks of a small shop's day: alpha 0.5 lets a handful of clicks on an item move it.
 * L1 1 keeps a feature at 0 until about two clicks more than non-clicks (or the reverse) back it.
 */
export const defaultFtrlParams: FtrlParams = { alpha: 0.5, beta: 1, l1: 1, l2: 1 };

/** One coordinate's state: the accumulated adjusted gradient and the sum of squared gradients. */
export interface FtrlCoordinate {
  z: number;
  n: number;
}

export class FtrlModel {
  readonly params: FtrlParams;
  private readonly coordinates: Map<string, FtrlCoordinate>;
  /** Updates applied since the model was created or loaded (labelled impressions learned from). */
  updates = 0;

  constructor(params: Partial<FtrlParams> = {}, coordinates: Iterable<readonly [string, FtrlCoordinate]> = []) {
    this.params = { ...defaultFtrlParams, ...params };
    for (const [key, value] of Object.entries(this.params)) {
      if (!Number.isFinite(value) || value < 0 || (key === 'alpha' && value === 0)) throw new RangeError(`ftrl: ${key} must be a finite number ${key === 'alpha' ? 'above' : 'of at least'} 0, got ${value}`);
    }
    this.coordinates = new Map([...coordinates].map(([name, c]) => [name, { z: c.z, n: c.n }]));
  }

  weight(name: string): number {
    const c = this.coordinates.get(name);
    if (!c) return 0;
    const { alpha, beta, l1, l2 } = this.params;
    if (Math.abs(c.z) <= l1) return 0;
    return -(c.z - Math.sign(c.z) * l1) / ((beta + Math.sqrt(c.n)) / alpha + l2);
  }

  logit(features: Features, offset = 0): number {
    let sum = offset;
    for (const name in features) {
      const value = features[name]!;
      if (value !== 0) sum += this.weight(name) * value;
    }
    return sum;
  }

  /** The predicted probability of a click. */
  predict(features: Features, offset = 0): number {
    return sigmoid(this.logit(features, offset));
  }

  /**
   * Learns from one labelled impression; returns the names of the coordinates it changed (with
   * their new state), for a store to persist just those.
   */
  update(features: Features, clicked: boolean, offset = 0): [string, FtrlCoordinate][] {
    const { alpha } = this.params;
    const p = this.predict(features, offset);
    const changed: [string, FtrlCoordinate][] = [];
    for (const name in features) {
      const value = features[name]!;
      if (value === 0 || !Number.isFinite(value)) continue;
      const g = (p - (clicked ? 1 : 0)) * value;
      const c = this.coordinates.get(name) ?? { z: 0, n: 0 };
      const w = this.weight(name);
      const sigma = (Math.sqrt(c.n + g * g) - Math.sqrt(c.n)) / alpha;
      c.z += g - sigma * w;
      c.n += g * g;
      this.coordinates.set(name, c);
      changed.push([name, { ...c }]);
    }
    this.updates++;
    return changed;
  }

  /** Every coordinate learned, for persisting the whole model. */
  entries(): [string, FtrlCoordinate][] {
    return [...this.coordinates].map(([name, c]) => [name, { ...c }]);
  }

  /** The non-zero weights, largest first: what the model has learned, for logs and tests. */
  weights(): [string, number][] {
    return [...this.coordinates.keys()]
      .map((name) => [name, this.weight(name)] as [string, number])
      .filter(([, w]) => w !== 0)
      .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
  }
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}
