/**
 * Prometheus metrics for turns: latency, replies by kind, errors. One registry per app,
 * so two servers in one process (tests) do not share counters.
 *
 *   GET /metrics -> aisle_turn_duration_seconds_bucket{le="0.05"} 120 ...
 */
import type { Activity, Middleware, TurnContext } from 'botbuilder';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export class TurnMetrics {
  readonly registry = new Registry();
  private readonly duration: Histogram<'type'>;
  private readonly replies: Counter<'kind'>;
  readonly errors: Counter<'where'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'aisle_' });
    this.duration = new Histogram({
      name: 'aisle_turn_duration_seconds',
      help: 'Time to process one incoming activity, from receipt to the last reply sent',
      labelNames: ['type'],
      buckets: [0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.replies = new Counter({
      name: 'aisle_replies_total',
      help: 'Bot replies by channelData.aisle.kind',
      labelNames: ['kind'],
      registers: [this.registry],
    });
    this.errors = new Counter({
      name: 'aisle_errors_total',
      help: 'Turns or requests that failed',
      labelNames: ['where'],
      registers: [this.registry],
    });
  }

  /** Middleware: times each turn and counts the kinds of the replies it sends. */
  middleware(): Middleware {
    return {
      onTurn: async (context: TurnContext, next: () => Promise<void>) => {
        const stop = this.duration.startTimer({ type: context.activity.type ?? 'unknown' });
        context.onSendActivities(async (_context, activities: Partial<Activity>[], nextSend) => {
          for (const activity of activities) {
            const kind = (activity.channelData as { aisle?: { kind?: string } } | undefined)?.aisle?.kind;
            if (kind && activity.type === 'message') this.replies.inc({ kind });
          }
          return nextSend();
        });
        try {
          await next();
        } catch (error) {
          this.errors.inc({ where: 'turn' });
          throw error;
        } finally {
          stop();
        }
      },
    };
  }
}
