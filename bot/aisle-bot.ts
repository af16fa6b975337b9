/**
 * The bot: one ActivityHandler. Messages go to `decide()` and `renderDecision()`;
 * card buttons (View, More like this, Add to cart) and shopper events update the session
 * and the event log. Cross-cutting concerns (transcripts, metrics, analytics writes) are middleware.
 */
import { ActivityHandler, ActivityTypes, MessageFactory, TurnContext, type ConversationState, type InvokeResponse } from 'botbuilder';
import type { KnowledgeBase, Product } from '../catalog/index.js';
import type { ShopVocabulary } from '../nlu/index.js';
import { leadsSomewhere, pluralOf } from '../turn/product-claims.js';
import { decide, type Decision } from '../turn/decide.js';
import { analyticsOf } from './analytics.js';
import { AskedNext } from './asked-next.js';
import { parseClientEvent, RECOMMENDATIONS_EVENT, type ShopperEventName } from './events.js';
import { quote } from './http-errors.js';
import type { HandoffQueue } from './handoff.js';
import { imBacks, KEEP_CHATTING, productCard, productSummary, renderDecision, renderHandoff, renderProducts, withAisle, type CardActionValue } from './reply.js';
import { recommend } from '../turn/recommend.js';
import { remember, rememberTurn, type ShopperSession } from '../turn/session.js';
import { SessionAccessor } from './session.js';
import type { Shop, ShopSnapshot } from './shop.js';
import { isWebUrl } from '../catalog/web-url.js';
// Longer messages are refused with a reason instead of being embedded (the model reads 256 tokens anyway).
import { defaultLimits, EventBudget, MAX_MESSAGE_CHARS } from './limits.js';

export class AisleBot extends ActivityHandler {
  private readonly sessions: SessionAccessor;
  private readonly askedNext: AskedNext;

  constructor(
    private readonly shop: Shop,
    conversationState: ConversationState,
    // Shopper events are the click model's training data: a conversation records them at a browsing pace, not a flood's.
    private readonly eventBudget = new EventBudget(defaultLimits),
    /** The live-agent queue: without one, "talk to a person" is answered with the handoff event alone (for an outside system). */
    private readonly handoffs?: HandoffQueue,
  ) {
    super();
    this.sessions = new SessionAccessor(conversationState);
    this.askedNext = new AskedNext(shop.store);
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onEvent(async (context, next) => {
      await this.handleEvent(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.sessions.save(context);
  }

  /**
   * Aisle implements no invoke (Adaptive Card actions, messaging extensions, sign-in). botbuilder answers
   * every such invoke 501 with no body, a server error by its status; it is the client asking for what
   * this bot does not offer, answered 400 in the API's error shape.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const { name } = context.activity;
    return { status: 400, body: { error: { code: 'NotSupported', message: `this bot handles no invoke activities${name === undefined ? '' : ` (got ${quote(name, 100)})`}` } } };
  }

  /** Forgets what this process holds of an erased conversation: its session and its asked-next pairs. */
  async forgetConversation(conversationId: string, channels: string[]): Promise<void> {
    this.askedNext.forget(conversationId);
    await Promise.all(channels.map((channel) => this.sessions.forget(channel, conversationId)));
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const conversationId = context.activity.conversation.id;
    // With a person: the bot stays quiet (the message is in the transcript the agent reads).
    const held = this.handoffs?.state(conversationId);
    if (held?.state === 'claimed') return;
    const session = await this.sessions.get(context);
    const action = cardAction(context.activity.value);
    if (action) return this.handleCardAction(context, session, action);
    const text = context.activity.text ?? '';
    if (held) {
      // Waiting for a person: told where they stand, unless they go back to the bot.
      if (text.trim().toLowerCase() !== KEEP_CHATTING.toLowerCase()) return void (await context.sendActivities(renderHandoff(held, 'still-waiting', '')));
      this.handoffs!.cancel(conversationId);
      await context.sendActivity(withAisle(MessageFactory.text("OK, I'm here. What can I help you with?"), { kind: 'handoff', confidence: 1 }));
      return;
    }
    if (text.length > MAX_MESSAGE_CHARS) {
      await context.sendActivity(
        withAisle(
          // No count: the channel edge keeps only as much of a long message as shows it is too long (channel-activity.ts).
          MessageFactory.text(`That message is too long for me. Please ask in under ${MAX_MESSAGE_CHARS.toLocaleString('en-US')} characters.`),
          { kind: 'fallback', confidence: 0 },
        ),
      );
      return;
    }
    // The whole turn runs on one snapshot; a model switch meanwhile waits for it to finish.
    await this.shop.use(async (snapshot) => {
      const conversationId = context.activity.conversation.id;
      const ranking = this.shop.ranking?.forTurn(snapshot.kb, session, conversationId);
      const decided = await decide(text, { ...snapshot, events: this.shop.store, options: this.shop.decisionOptions, ...(ranking ? { ranking } : {}) }, session, { conversationId });
      // What shoppers asked next after this answer, from the transcripts: offered among its next questions.
      const decision = decided.kind === 'faq' ? { ...decided, askedNext: this.askedNext.after(decided.entry.id) } : decided;
      await this.replyTo(context, session, text, decision, snapshot);
    });
  }

  private async replyTo(context: TurnContext, session: ShopperSession, text: string, decision: Decision, snapshot: ShopSnapshot): Promise<void> {
    // Asking about a product in the chat ("tell me about the second one") is looking at it, as its View button is.
    if (decision.kind === 'product-answer') this.record(context, session, 'product.view', decision.product.id);
    rememberTurn(session, text, decision);
    // Impressions (a list of products or of picks), with the clicks and cart adds recorded later under
    // the same query, are the click models' training data: the online ranker's as they happen
    // (turn/ranking.ts), the cross-encoder's offline (`npm run finetune -- --ctr --from-data`).
    const conversationId = context.activity.conversation.id;
    if (decision.kind === 'products' && decision.ranking && this.shop.ranking) {
      this.shop.ranking.shown(session, conversationId, session.lastQuery!, decision.ranking, analyticsOf(context));
    } else {
      const shown = decision.kind === 'products' ? decision.hits : decision.kind === 'recommendations' ? decision.picks : [];
      const query = session.lastQuery!;
      if (shown.length) analyticsOf(context)('impressions', () => this.shop.store.recordEvents(shown.map(({ product }) => ({ conversationId, name: 'product.impression', productId: product.id, query }))));
    }
    if (this.handoffs && decision.kind === 'fallback' && decision.reason === 'asked-for-person') {
      const { state } = this.handoffs.request(TurnContext.getConversationReference(context.activity), decision.reason);
      await context.sendActivities(renderHandoff(state, 'joined', decision.reason));
      return;
    }
    await context.sendActivities(renderDecision(decision, snapshot.kb));
  }

  private async handleCardAction(context: TurnContext, session: ShopperSession, action: CardActionValue): Promise<void> {
    const { kb, vocabulary } = this.shop.current();
    const product = kb.product(action.productId);
    const around = () => suggestionsAround(product!, kb, vocabulary);
    if (!product) {
      await context.sendActivity(
        withAisle(MessageFactory.text("Sorry, that product isn't available any more. Can I help you find something similar?"), { kind: 'fallback', confidence: 0 }),
      );
      return;
    }
    switch (action.action) {
      case 'view': {
        this.record(context, session, 'product.click', product.id);
        const reply = MessageFactory.carousel([productCard(product, true)]);
        reply.suggestedActions = { actions: imBacks(around()), to: [] };
        await context.sendActivity(withAisle(reply, { kind: 'products', confidence: 1, products: [productSummary(product, 'viewed')] }));
        return;
      }
      case 'more-like': {
        // A list of its own: "cheaper" or "show me more" after it must not refine the request before it.
        delete session.lastRequest;
        const hits = kb.similarProducts(product.id, 6);
        session.lastProductIds = hits.map((hit) => hit.product.id);
        delete session.focusId;
        await context.sendActivity(renderProducts(hits, hits[0]?.score ?? 0, `More like the ${product.title}:`, around(), () => `similar to the ${product.title}`));
        return;
      }
      case 'cart-add': {
        delete session.lastRequest;
        this.record(context, session, 'cart.add', product.id);
        // From the cart as it is now (this product most of all), and what other shoppers chose with it.
        const picks = recommend(kb, { viewed: [], clicked: [], cart: session.cart }, this.shop.store, { count: 4, conversationId: context.activity.conversation.id });
        session.lastProductIds = picks.map((pick) => pick.product.id);
        delete session.focusId;
        await context.sendActivity(
          renderProducts(picks, 1, `Added the ${product.title} to your cart.${picks.length ? ' You might also like:' : ''}`, ['How much does shipping cost?', 'What is your return policy?'], (pick) => pick.reason),
        );
        return;
      }
    }
  }

  private async handleEvent(context: TurnContext): Promise<void> {
    const parsed = parseClientEvent(context.activity);
    const { kb } = this.shop.current();
    const conversationId = context.activity.conversation.id;
    const reason = !parsed.ok
      ? parsed.reason
      : 'productId' in parsed && !kb.product(parsed.productId)
        ? `unknown product "${parsed.productId}"`
        : 'productId' in parsed && !this.eventBudget.take(conversationId, Date.now())
          ? `too many events in this conversation; not recorded (try again in ${this.eventBudget.retryAfterSeconds(conversationId, Date.now())} s)`
          : undefined;
    if (reason || !parsed.ok) {
      // Events have no conversational reply; a rejected one is answered with an error event.
      await context.sendActivity(
        withAisle({ type: ActivityTypes.Event, name: 'aisle.error', value: { reason } }, { kind: 'fallback', confidence: 0 }),
      );
      return;
    }
    const session = await this.sessions.get(context);
    if (parsed.name === 'recommendations.request') return this.sendRecommendations(context, session, parsed.count);
    this.record(context, session, parsed.name, parsed.productId, true);
  }

  /**
   * A page beside the chat (the demo shop's "Recommended for you") asks what to suggest from the
   * session as it is now. The answer is an event, not a message: it changes nothing in the
   * conversation ("the second one" still points into the chat's last list) and is not logged as an
   * impression, since the page decides whether it is seen. `from` counts the acts it drew on.
   */
  private async sendRecommendations(context: TurnContext, session: ShopperSession, count: number): Promise<void> {
    const { kb } = this.shop.current();
    const behaviour = { viewed: session.viewed, clicked: session.clicked, cart: session.cart };
    const picks = recommend(kb, behaviour, this.shop.store, { count, conversationId: context.activity.conversation.id });
    const summaries = picks.map(({ product, reason }) => productSummary(product, reason));
    const products = picks.map(({ product, source }, i) => ({
      ...summaries[i]!,
      source,
      ...(product.brand ? { brand: product.brand } : {}),
      ...(product.currency ? { currency: product.currency } : {}),
      // Only an http(s) picture: a row stored before ingest checked it may hold another scheme.
      ...(product.imageUrl && isWebUrl(product.imageUrl) ? { imageUrl: product.imageUrl } : {}),
    }));
    await context.sendActivity(
      withAisle({ type: ActivityTypes.Event, name: RECOMMENDATIONS_EVENT, value: { products, from: { viewed: behaviour.viewed.length, clicked: behaviour.clicked.length, cart: behaviour.cart.length } } }, { kind: 'recommendations', confidence: 1, products: summaries }),
    );
  }

  /**
   * A shopper's act on a product: into the session, and (within the conversation's event budget) into
   * the event log and the click model. Every path spends the same budget, card buttons and questions
   * about a product included, so none of them can feed the training data in bulk. `budgetSpent`:
   * the caller took its token already (an event, refused with a reason when there was none).
   */
  private record(context: TurnContext, session: ShopperSession, name: ShopperEventName, productId: string, budgetSpent = false): void {
    const list = name === 'cart.add' ? session.cart : name === 'product.click' ? session.clicked : session.viewed;
    remember(list, productId);
    // Viewed or clicked, it is what "it" means in the next message ("is it waterproof?").
    if (name !== 'cart.add') session.focusId = productId;
    if (!budgetSpent && !this.eventBudget.take(context.activity.conversation.id, Date.now())) return;
    // A click or a cart add on a product of the last ranked list: the click model learns it now.
    const defer = analyticsOf(context);
    if (name !== 'product.view') this.shop.ranking?.learnFromClick(session, productId, defer);
    const event = { conversationId: context.activity.conversation.id, name, productId, ...(session.lastQuery ? { query: session.lastQuery } : {}) };
    defer('events', () => this.shop.store.recordEvent(event));
  }
}

function cardAction(value: unknown): CardActionValue | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { action, productId } = value as { action?: unknown; productId?: unknown };
  if ((action === 'view' || action === 'more-like' || action === 'cart-add') && typeof productId === 'string') {
    return { action, productId };
  }
  return undefined;
}

/** Next steps from one product, each leading to products of its type (or category). */
function suggestionsAround(product: Product, kb: KnowledgeBase, vocabulary: ShopVocabulary): string[] {
  const type = kb.typeOf(product);
  const noun = type ? pluralOf(type, kb) : product.category?.toLowerCase();
  const candidates = noun ? [`more ${noun}`, ...(product.brand ? [`${product.brand} ${noun}`] : [])] : [];
  return [...candidates.filter((text) => leadsSomewhere(text, kb, vocabulary)), 'How long does delivery take?'].slice(0, 3);
}
