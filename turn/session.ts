/**
 * What one conversation remembers of the shopper (what was asked, viewed, clicked and put in the
 * cart, the list shown, the product singled out), and what each message and its reply leave in
 * it. Kept per conversation by the bot (bot/session.ts, any botbuilder Storage).
 */
import type { Decision } from './decide.js';
import type { LastRequest } from './follow-up.js';
import type { PendingSlate } from './ranking.js';

export interface ShopperSession {
  lastQuery?: string;
  /** The request the last product list answered, for follow-ups that refine it ("in blue", "cheaper"). */
  lastRequest?: LastRequest;
  /** The last list shown, in order, for "the second one". */
  lastProductIds: string[];
  /** The product singled out since that list (viewed, clicked, asked about): what "it" is. */
  focusId?: string;
  viewed: string[];
  clicked: string[];
  cart: string[];
  /** The last list the click model ranked, until learnt from: a click on one of its products is a positive (turn/ranking.ts). */
  slate?: PendingSlate;
}

/** A conversation with nothing in it yet. */
export function newSession(): ShopperSession {
  return { lastProductIds: [], viewed: [], clicked: [], cart: [] };
}

/** Most recent ids kept per list: enough context for the next suggestions, bounded in size. */
export const SESSION_LIST_LIMIT = 50;
/** Products of one request remembered for "show me more": 20 pages of 6, bounded like the lists above. */
const SHOWN_LIMIT = 120;

export function remember(list: string[], id: string): void {
  const existing = list.indexOf(id);
  if (existing >= 0) list.splice(existing, 1);
  list.push(id);
  if (list.length > SESSION_LIST_LIMIT) list.splice(0, list.length - SESSION_LIST_LIMIT);
}

/**
 * What one message and its reply leave in the session: the words asked, the request to refine,
 * the list "the second one" points into, and the product "it" now means.
 */
export function rememberTurn(session: ShopperSession, text: string, decision: Decision, now = Date.now()): void {
  session.lastQuery = text.trim();
  rememberRequest(session, text, decision, now);
  // The product answered about is what "it" means next; a variant shown for "in black?" is the one now looked at.
  if (decision.kind === 'product-answer') {
    session.focusId = decision.answer.shows.length === 1 ? decision.answer.shows[0]!.id : decision.product.id;
    // Its colours shown as cards are the list "the navy one" and "the 3rd one" now point into.
    if (decision.answer.shows.length > 1) session.lastProductIds = decision.answer.shows.map((product) => product.id);
  }
  if (decision.kind === 'products' && decision.hits.length > 0) {
    session.lastProductIds = decision.hits.map((hit) => hit.product.id);
    delete session.focusId;
  }
  // Suggestions are a list of their own: "the second one" points into them, "cheaper" refines nothing before them.
  if (decision.kind === 'recommendations' && decision.picks.length > 0) {
    session.lastProductIds = decision.picks.map((pick) => pick.product.id);
    delete session.focusId;
    delete session.lastRequest;
  }
}

/**
 * What a reply leaves for the next message to refine. A product list is the request to refine
 * (a follow-up's list keeps its first words); an FAQ answer, a clarifying question or "we don't
 * sell that" starts fresh. Small talk and "I don't know" leave it as it was: "thanks" or a
 * garbled line between two refinements does not end the search.
 */
export function rememberRequest(session: ShopperSession, text: string, decision: Decision, now = Date.now()): void {
  // A refinement that nothing meets leaves the request as it was, to be refined another way.
  if (decision.kind === 'products' && decision.hits.length === 0) return;
  if (decision.kind === 'products') {
    const shown = decision.hits.map((hit) => hit.product.id);
    session.lastRequest = {
      text: decision.context?.refines ?? text.trim(),
      understanding: decision.understanding,
      // "Show me more" again leaves out every page seen, and "cheaper" goes below every price seen.
      shownPrices: [...(decision.context?.more ? (session.lastRequest?.shownPrices ?? []) : []), ...decision.hits.map((hit) => hit.product.price).filter((price): price is number => typeof price === 'number')].slice(-SHOWN_LIMIT),
      shownIds: (decision.context?.more ? [...(session.lastRequest?.shownIds ?? []), ...shown] : shown).slice(-SHOWN_LIMIT),
      at: now,
    };
  } else if (decision.kind === 'faq' || decision.kind === 'clarify' || decision.kind === 'not-sold') {
    delete session.lastRequest;
  }
}
