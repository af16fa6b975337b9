/**
 * Analytics writes (the event log, the logged lists, the click model's saved coordinates) are a
 * turn's by-products: a full disk or a locked database must not cost the shopper the reply. The
 * bot defers them to the turn's `AnalyticsWrites`; the middleware runs them once the turn's
 * logic is done, each on its own, and a failed one is logged and counted, never thrown.
 *
 *   adapter.use(new AnalyticsMiddleware((what, error, context) => log(what, error)));
 *   analyticsOf(context).defer('events', () => store.recordEvent(event));
 */
import type { Middleware, TurnContext } from 'botbuilder';
import type { DeferWrite } from '../turn/writes.js';

export class AnalyticsWrites {
  private readonly pending: { what: string; write: () => void }[] = [];

  readonly defer: DeferWrite = (what, write) => {
    this.pending.push({ what, write });
  };

  /** Runs the deferred writes in order; returns how many failed. */
  flush(onError: (what: string, error: unknown) => void): number {
    let failed = 0;
    for (const { what, write } of this.pending.splice(0)) {
      try {
        write();
      } catch (error) {
        failed++;
        onError(what, error);
      }
    }
    return failed;
  }
}

const WRITES = Symbol('aisle.analyticsWrites');

export class AnalyticsMiddleware implements Middleware {
  constructor(private readonly onError: (what: string, error: unknown, context: TurnContext) => void) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const writes = new AnalyticsWrites();
    context.turnState.set(WRITES, writes);
    try {
      await next();
    } finally {
      // Also after a failed turn: what the shopper did before the failure still happened.
      writes.flush((what, error) => this.onError(what, error, context));
    }
  }
}

/**
 * The turn's deferred writes. Without the middleware (a bot run on its own), each write runs at once,
 * still guarded, with its failure reported on stderr.
 */
export function analyticsOf(context: TurnContext): DeferWrite {
  const writes = context.turnState.get(WRITES) as AnalyticsWrites | undefined;
  if (writes) return writes.defer;
  return (what, write) => {
    try {
      write();
    } catch (error) {
      console.error(`analytics: ${what} not written`, error);
    }
  };
}
