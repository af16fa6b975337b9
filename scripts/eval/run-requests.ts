/**
 * Runs labelled shopper requests through the bot's own decide() and scores the replies
 * per kind of request:
 * - `p_at_5`: the share of the first five products that satisfy the request, out of
 *   min(5, satisfying products in the catalog);
 * - `hit_at_5`: the share of requests with a satisfying product among the first five;
 * - `not_sold_honest`: for not-sold requests, the share answered "we don't sell";
 *   `false_not_sold`: in-catalog requests wrongly answered so;
 * - `violations`: constraint fields broken by shown products, counted per field;
 * - `untrue`: reply problems found by the audit (reasons, openings, filters, buttons).
 *
 *   const report = await runRequests(services, requests, auditContext, options);
 */
import type { Decision, DecisionOptions, DecisionServices } from '../../turn/decide.js';
import { decide } from '../../turn/decide.js';
import { percentile } from '../../nlu/index.js';
import { auditDecision, type AuditContext, type AuditProblem } from './reply-audit.js';
import { REQUEST_KINDS, satisfying, violations, type RequestKind, type ShopperRequest } from './shopper-requests.js';

export interface KindReport {
  n: number;
  p_at_5: number | null;
  hit_at_5: number | null;
  not_sold_honest: number | null;
  false_not_sold: number;
  violations: Record<string, number>;
  untrue: number;
}

export interface RequestOutcome {
  request: ShopperRequest;
  decision: Decision['kind'];
  shown: string[];
  satisfied: number;
  possible: number;
  problems: AuditProblem[];
  latencyMs: number;
}

export async function runRequests(
  services: DecisionServices,
  requests: readonly ShopperRequest[],
  audit: AuditContext,
  options: Partial<DecisionOptions> = {},
  onProgress?: () => void,
): Promise<{ byKind: Record<string, KindReport>; overall: KindReport & { latency_ms: { p50: number; p99: number } }; outcomes: RequestOutcome[] }> {
  const products = services.kb.products();
  const outcomes: RequestOutcome[] = [];
  for (const request of requests) {
    const started = performance.now();
    const decision = await decide(request.text, { ...services, options: { ...services.options, ...options } });
    const latencyMs = performance.now() - started;
    const shown = decision.kind === 'products' ? decision.hits.slice(0, 5).map((hit) => hit.product) : [];
    const possible = request.kind === 'not-sold' ? 0 : satisfying(products, request.constraints).length;
    outcomes.push({
      request,
      decision: decision.kind,
      shown: shown.map((p) => p.id),
      satisfied: shown.filter((p) => violations(p, request.constraints).length === 0).length,
      possible,
      problems: auditDecision(decision, audit),
      latencyMs,
    });
    onProgress?.();
  }
  const byKind: Record<string, KindReport> = {};
  for (const kind of REQUEST_KINDS) {
    const ofKind = outcomes.filter((o) => o.request.kind === kind);
    if (ofKind.length) byKind[kind] = summarise(ofKind, products);
  }
  const latencies = outcomes.map((o) => o.latencyMs);
  return { byKind, overall: { ...summarise(outcomes, products), latency_ms: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)) } }, outcomes };
}

function summarise(outcomes: readonly RequestOutcome[], products: ReturnType<DecisionServices['kb']['products']>): KindReport {
  const inCatalog = outcomes.filter((o) => o.request.kind !== 'not-sold');
  const notSold = outcomes.filter((o) => o.request.kind === 'not-sold');
  const counted = inCatalog.filter((o) => o.possible > 0);
  const violationCounts: Record<string, number> = {};
  const byId = new Map(products.map((p) => [p.id, p]));
  for (const outcome of inCatalog) {
    for (const id of outcome.shown) for (const field of violations(byId.get(id)!, outcome.request.constraints)) violationCounts[field] = (violationCounts[field] ?? 0) + 1;
  }
  const mean = (values: number[]) => (values.length ? round(values.reduce((a, b) => a + b, 0) / values.length) : null);
  return {
    n: outcomes.length,
    p_at_5: mean(counted.map((o) => o.satisfied / Math.min(5, o.possible))),
    hit_at_5: mean(counted.map((o) => (o.satisfied > 0 ? 1 : 0))),
    not_sold_honest: mean(notSold.map((o) => (o.decision === 'not-sold' ? 1 : 0))),
    false_not_sold: inCatalog.filter((o) => o.decision === 'not-sold').length,
    violations: violationCounts,
    untrue: outcomes.reduce((sum, o) => sum + o.problems.length, 0),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export type { RequestKind };
