/**
 * A write the turn may defer: analytics (the event log, logged lists, the click model's saves) that
 * must not fail the reply. The bot's middleware runs deferred writes after the turn (bot/analytics.ts).
 *
 *   defer('events', () => store.recordEvent(event));
 */
/** Defers one write: `what` names it in the log and the error metric when it fails. */
export type DeferWrite = (what: string, write: () => void) => void;

/** Writes at once: for code run outside a turn (tests, tools), where a failure should surface. */
export const writeNow: DeferWrite = (_what, write) => write();
