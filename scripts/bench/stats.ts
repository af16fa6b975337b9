/** Small statistics helpers for benchmarks: percentiles and medians of samples. */
import { percentile as rankPercentile } from '../../nlu/index.js';

/** nlu's percentile (nearest rank), but NaN for no samples, so an empty run shows up in the report. */
export function percentile(samples: readonly number[], p: number): number {
  return samples.length === 0 ? Number.NaN : rankPercentile(samples, p);
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
