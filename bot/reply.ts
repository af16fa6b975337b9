/**
 * Turns a Decision into Bot Framework activities: answer text with guided next
 * questions, product carousels with refinements, "did you mean" choices, and the
 * `handoff` event. Every activity carries `channelData.aisle` for clients and analytics.
 *
 *   renderDecision({ kind: 'faq', entry, confidence: 0.9, related: [] }, kb)
 *   // [{ type: 'message', text: entry.answer, suggestedActions: {...}, channelData: { aisle: { kind: 'faq', ... } } }]
 */
import { ActionTypes, ActivityTypes, CardFactory, MessageFactory, type Activity, type CardAction } from 'botbuilder';
import type { FaqEntry, FaqHit, KnowledgeBase, Product, ProductHit } from '../catalog/index.js';
import { isWebUrl } from '../catalog/web-url.js';
import type { QueryUnderstanding, SmallTalk } from '../nlu/index.js';
import type { Decision } from '../turn/decide.js';
import { variantsOf } from '../turn/product-questions.js';
import { colourOf } from '../turn/shown-products.js';
import { formatPrice } from '../turn/product-claims.js';

export type { AisleChannelData, AisleProductSummary, ReplyKind } from './api-types.js';
import type { AisleChannelData, AisleProductSummary } from './api-types.js';

/** Button payloads the bot understands when they come back as a message `value`. */
export type CardActionValue =
  | { action: 'view'; productId: string }
  | { action: 'more-like'; productId: string }
  | { action: 'cart-add'; productId: string };

const MAX_SUGGESTIONS = 4;

export function renderDecision(decision: Decision, kb: KnowledgeBase): Partial<Activity>[] {
  const activities = renderKind(decision, kb);
  // What the FAQ offered for this message, for the reviewer's transcript view: on the first message only.
  const first = activities.find((activity) => activity.type === ActivityTypes.Message && (activity.channelData as { aisle?: AisleChannelData } | undefined)?.aisle);
  if (first && decision.faqRanking.length) {
    const aisle = (first.channelData as { aisle: AisleChannelData }).aisle;
    withAisle(first, { ...aisle, faqCandidates: decision.faqRanking.slice(0, 3).map((hit) => ({ faqId: hit.entry.id, score: Number(hit.score.toFixed(3)) })) });
  }
  return activities;
}

function renderKind(decision: Decision, kb: KnowledgeBase): Partial<Activity>[] {
  switch (decision.kind) {
    case 'faq': {
      const { entry, second } = decision;
      // Two answers, each under its entry's own question, so the shopper sees which answers what.
      const text = second ? `**${entry.questions[0]}**\n\n${entry.answer}\n\n**${second.questions[0]}**\n\n${second.answer}` : entry.answer;
      const { actions, askedNext } = guidedQuestions(entry, decision.related, kb, decision.askedNext ?? []);
      const activity = MessageFactory.suggestedActions(actions, text);
      return [withAisle(activity, { kind: 'faq', confidence: decision.confidence, faqId: entry.id, ...(second ? { secondFaqId: second.id } : {}), ...(askedNext.length ? { askedNext } : {}) })];
    }
    case 'products': {
      const products = renderProducts(decision.hits, decision.confidence, decision.opening, decision.suggestions, (_hit, i) => decision.reasons[i]!);
      if (decision.context) withAisle(products, { ...(products.channelData as { aisle: AisleChannelData }).aisle, context: decision.context });
      if (decision.question) withAisle(products, { ...(products.channelData as { aisle: AisleChannelData }).aisle, question: decision.question });
      if (!decision.answer) return [products];
      // The question asked beside the request, answered after the products, under its entry's question.
      const { entry, confidence } = decision.answer;
      const answer = withAisle(MessageFactory.text(`**${entry.questions[0]}**\n\n${entry.answer}`), { kind: 'faq', confidence, faqId: entry.id });
      return [products, answer];
    }
    case 'not-sold': {
      // Said plainly, with categories the shop does sell, the nearest first. Not "closest to what
      // you asked": the nearest category to a rug may still be nothing like one.
      const text = `Sorry, we don't ${decision.service ? 'offer' : 'sell'} ${decision.thing}.${decision.suggestions.length ? ' Here are some of the things we do sell:' : ''}`;
      const activity = MessageFactory.suggestedActions(imBacks([...decision.suggestions, 'Talk to a person']), text);
      return [withAisle(activity, { kind: 'not-sold', confidence: decision.confidence })];
    }
    case 'clarify': {
      const choices = decision.options.map((hit) => hit.entry.questions[0]!);
      const activity = MessageFactory.suggestedActions(imBacks([...choices, 'Talk to a person']), 'Did you mean one of these?');
      return [withAisle(activity, { kind: 'clarify', confidence: decision.confidence, faqId: decision.options[0]!.entry.id })];
    }
    case 'fallback':
      return renderFallback(decision, kb);
    case 'small-talk':
      return [withAisle(smallTalkReply(decision.said, kb), { kind: 'small-talk', confidence: decision.confidence })];
    case 'product-answer':
      return [renderProductAnswer(decision, kb)];
    case 'recommendations': {
      if (decision.picks.length === 0) {
        // Nothing viewed yet and nothing other shoppers chose: ask, rather than show anything at all.
        const activity = MessageFactory.suggestedActions(imBacks(starters(kb).filter((text) => text.startsWith('Show me'))), "Tell me what you're after and I'll find it: a kind of product, who it's for, or a budget.");
        return [withAisle(activity, { kind: 'recommendations', confidence: decision.confidence })];
      }
      const activity = renderProducts(decision.picks, decision.confidence, 'Here are some picks for you:', [], (_pick, i) => decision.picks[i]!.reason);
      return [withAisle(activity, { ...(activity.channelData as { aisle: AisleChannelData }).aisle, kind: 'recommendations' })];
    }
    case 'which-product': {
      // Each button names a product as its card did; what it sends asks the question of that one.
      const labels = variantLabels(decision.choices.map((choice) => choice.product));
      const actions: CardAction[] = decision.choices.slice(0, MAX_SUGGESTIONS + 2).map((choice, i) => ({
        type: ActionTypes.ImBack,
        title: labels[i] ? `${choice.product.title} (${labels[i]})` : choice.product.title,
        value: choice.text,
      }));
      return [withAisle(MessageFactory.suggestedActions(actions, 'Which one do you mean?'), { kind: 'which-product', confidence: decision.confidence })];
    }
  }
}

/**
 * A question about one product, answered with the product (or the variants the answer names)
 * shown beside it. An answer the data cannot give offers a person.
 */
function renderProductAnswer(decision: Extract<Decision, { kind: 'product-answer' }>, kb: KnowledgeBase): Partial<Activity> {
  const { answer, product, asked } = decision;
  const detailed = answer.shows.length === 1;
  const variants = variantLabels(answer.shows);
  const cards = answer.shows.map((shown, i) => productCard(shown, detailed, variants[i]));
  const activity = MessageFactory.carousel(cards, answer.text);
  const next = answer.known ? productQuestionsAnswered(product, kb) : ['Talk to a person'];
  activity.suggestedActions = { actions: imBacks(next.slice(0, MAX_SUGGESTIONS)), to: [] };
  return withAisle(activity, {
    kind: 'product-answer',
    confidence: decision.confidence,
    products: answer.shows.map((shown) => productSummary(shown, shown.id === product.id ? 'asked about' : `${product.title}, as asked`)),
    about: { productId: product.id, asked: asked.about, known: answer.known },
  });
}

/** Questions the product's own data answers, to ask next: only those. */
function productQuestionsAnswered(product: Product, kb: KnowledgeBase): string[] {
  const attributes = product.attributes ?? {};
  const questions: string[] = [];
  if (variantsOf(product, kb).length > 1 && colourOf(product)) questions.push('What colours does it come in?');
  if (attributes.sizes) questions.push('What sizes does it come in?');
  if (attributes.material) questions.push("What's it made of?");
  if (attributes.battery) questions.push('How long does the battery last?');
  if (attributes.capacity) questions.push('How much does it hold?');
  return questions;
}

/** What Aisle says back to a greeting, thanks, goodbye, or "are you a bot?": nothing it cannot do. */
function smallTalkReply(said: SmallTalk, kb: KnowledgeBase): Partial<Activity> {
  switch (said) {
    case 'greeting':
      return MessageFactory.suggestedActions(imBacks(starters(kb)), 'Hi! I can help you find products, or answer questions about orders, delivery and returns. What are you looking for?');
    case 'thanks':
      return MessageFactory.text("You're welcome! Anything else, just ask.");
    case 'goodbye':
      return MessageFactory.text('Thanks for stopping by. Bye for now!');
    case 'acknowledgement':
      return MessageFactory.text('Anything else I can help with?');
    case 'weather':
      return MessageFactory.text("I can't check the weather, sorry. I can help with our products, orders, delivery and returns.");
    case 'identity':
      return MessageFactory.suggestedActions(imBacks(['Talk to a person']), "I'm Aisle, the shop's assistant: a bot, not a person. I can pass you to someone from our team if you'd like.");
  }
}

/** A first few things to ask: the FAQ's first questions and a category to browse. */
function starters(kb: KnowledgeBase): string[] {
  const questions = kb.faqEntries().slice(0, 3).map((entry) => entry.questions[0]!);
  const category = kb.products().find((product) => product.category)?.category;
  return [...questions, ...(category ? [`Show me ${category.toLowerCase()}`] : [])];
}

function renderFallback(decision: Extract<Decision, { kind: 'fallback' }>, kb: KnowledgeBase): Partial<Activity>[] {
  const data: AisleChannelData = { kind: 'fallback', confidence: decision.confidence };
  if (decision.reason === 'empty') {
    return [withAisle(MessageFactory.suggestedActions(imBacks(starters(kb)), 'Ask me about orders, delivery, returns or our products — for example:'), data)];
  }
  const handoff = withAisle(
    { type: ActivityTypes.Event, name: 'handoff', value: { reason: decision.reason } },
    data,
  );
  if (decision.reason === 'asked-for-person') {
    return [withAisle(MessageFactory.text("Of course — I'm passing you to a person from our support team. They can see this conversation."), data), handoff];
  }
  const options = decision.suggestions.map((hit) => hit.entry.questions[0]!);
  const text = options.length
    ? "I'm not sure I understood. Did you mean one of these? You can also talk to a person."
    : "I'm sorry, I don't know the answer to that. You can rephrase it, or talk to a person from our team.";
  return [withAisle(MessageFactory.suggestedActions(imBacks([...options, 'Talk to a person']), text), data), handoff];
}

/** Goes back to the bot from the queue for a person. */
export const KEEP_CHATTING = 'Keep chatting with Aisle';

/**
 * Where a conversation stands with a person, as the shopper is told it: joining the queue (with the
 * handoff event a live-agent system reads), or still in it when they write again.
 */
export function renderHandoff(state: { state: 'waiting'; position: number } | { state: 'claimed'; by: string }, moment: 'joined' | 'still-waiting', reason: string): Partial<Activity>[] {
  const data: AisleChannelData = { kind: 'handoff', confidence: 1 };
  if (state.state === 'claimed') return [withAisle(MessageFactory.text(`${state.by} from our support team has this conversation and will answer here.`), data)];
  const place = `You're number ${state.position} in the queue`;
  const text =
    moment === 'joined'
      ? `Of course — I'm passing you to a person from our support team. ${place}; they will see this whole conversation.`
      : `${place} for a person from our support team. They will see everything you write here.`;
  const reply = withAisle(MessageFactory.suggestedActions(imBacks([KEEP_CHATTING]), text), data);
  return moment === 'joined' ? [reply, withAisle({ type: ActivityTypes.Event, name: 'handoff', value: { reason, position: state.position } }, data)] : [reply];
}

/** What an agent's joining, writing and handing back say, each marked as the person's. */
export function agentActivity(agent: string, text: string): Partial<Activity> {
  return withAisle({ ...MessageFactory.text(text), channelData: { agent: { name: agent } } }, { kind: 'handoff', confidence: 1 });
}

/** A reason that is only a price: "$154.99", "£20.00". */
const BARE_PRICE = /^\D{0,3}\d[\d,.]*$/;

export function renderProducts<Hit extends { product: Product }>(
  hits: readonly Hit[],
  confidence: number,
  text: string,
  suggestions: string[],
  reason: (hit: Hit, index: number) => string,
): Partial<Activity> {
  const variants = variantLabels(hits.map((hit) => hit.product));
  // The reason is said on the card itself: a shopper in Web Chat or a messaging app never sees
  // channelData. Not a bare price (shown at another price than asked): the subtitle has it, and
  // "Why: $154.99" would say it was chosen for its price.
  const cards = hits.map((hit, i) => {
    const why = reason(hit, i);
    return productCard(hit.product, false, variants[i], BARE_PRICE.test(why) ? undefined : why);
  });
  const activity = MessageFactory.carousel(cards, text);
  activity.suggestedActions = { actions: imBacks(suggestions.slice(0, MAX_SUGGESTIONS)), to: [] };
  return withAisle(activity, {
    kind: 'products',
    confidence,
    products: hits.map((hit, i) => productSummary(hit.product, reason(hit, i))),
  });
}

/** A product as `channelData.aisle.products` lists it. */
export function productSummary(product: Product, reason: string): AisleProductSummary {
  return {
    id: product.id,
    title: product.title,
    ...(product.price !== undefined ? { price: product.price } : {}),
    ...(product.category ? { category: product.category } : {}),
    reason,
  };
}

/**
 * Attributes a product comes in one or another of, as variants of one title do; any other
 * (a rating, a stock count, a SKU) tells no variant apart. The first group reads alone ("blue");
 * the rest with their name ("size M").
 */
const SAID_ALONE = /^(?:colou?r|scent|fragrance|flavou?r|pattern|print|finish)$/i;
const SAID_WITH_NAME = /^(?:size|capacity|length|width|material|style|fit)$/i;

/**
 * For each product, what tells it apart from the others of the same title in the list: "blue"
 * and "black" for two colours of one sleeping bag (undefined when its title is alone). Cards of
 * one title would otherwise look like the same product shown twice.
 */
export function variantLabels(products: readonly Product[]): (string | undefined)[] {
  const byTitle = new Map<string, Product[]>();
  for (const product of products) byTitle.set(product.title, [...(byTitle.get(product.title) ?? []), product]);
  return products.map((product) => {
    const siblings = byTitle.get(product.title)!;
    if (siblings.length < 2) return undefined;
    const said = Object.entries(product.attributes ?? {})
      .filter(([key, value]) => value.trim() !== '' && (SAID_ALONE.test(key) || SAID_WITH_NAME.test(key)))
      .filter(([key, value]) => siblings.some((other) => (other.attributes?.[key] ?? '') !== value))
      .map(([key, value]) => (SAID_ALONE.test(key) ? value : `${key} ${value}`));
    return said.join(' / ') || undefined;
  });
}

/** `reason`: why the product is shown for what was asked ("colour: navy · men's"), first on a list's card. */
export function productCard(product: Product, detailed = false, variant?: string, reason?: string) {
  const subtitle = [formatPrice(product), variant, product.brand, product.category].filter(Boolean).join(' · ');
  const buttons: CardAction[] = detailed
    ? [
        postBack('Add to cart', { action: 'cart-add', productId: product.id }),
        postBack('More like this', { action: 'more-like', productId: product.id }),
      ]
    : [postBack('View', { action: 'view', productId: product.id }), postBack('More like this', { action: 'more-like', productId: product.id })];
  const description = product.description ?? '';
  const summary = description.length > 140 ? `${description.slice(0, 137)}…` : description;
  const text = detailed ? detailText(product) : [reason ? `Why: ${reason}` : '', summary].filter(Boolean).join('\n\n');
  // Only an http(s) picture (a row stored before ingest checked it may hold another scheme); the
  // content safety middleware then keeps it only on the shop's origins (bot/content-safety.ts).
  const images = product.imageUrl && isWebUrl(product.imageUrl) ? [product.imageUrl] : [];
  return CardFactory.heroCard(product.title, CardFactory.images(images), buttons, { subtitle, text });
}

function detailText(product: Product): string {
  const attributes = Object.entries(product.attributes ?? {}).map(([k, v]) => `${k}: ${v}`).join(' · ');
  const stock = product.inStock === false ? 'Out of stock — ask to be notified.' : 'In stock.';
  return [product.description, attributes, stock].filter(Boolean).join('\n\n');
}

/** The entry's follow-ups, topped up with the next closest entries, 2–4 in all. */
/**
 * Next questions after an answer: the entry's own follow-ups, then what shoppers most often asked
 * next after it (counted in the transcripts), then the entries ranked close to the question.
 * Returns the counted ones that made it into the buttons, for channelData.
 */
function guidedQuestions(entry: FaqEntry, related: readonly FaqHit[], kb: KnowledgeBase, askedNext: readonly { faqId: string; shoppers: number }[]): { actions: CardAction[]; askedNext: { faqId: string; shoppers: number }[] } {
  const ids = [...new Set([...(entry.followUps ?? []), ...askedNext.map((row) => row.faqId), ...related.map((hit) => hit.entry.id)])].filter((id) => id !== entry.id && kb.faqEntry(id));
  const shown = ids.slice(0, MAX_SUGGESTIONS);
  const questions = shown.map((id) => kb.faqEntry(id)!.questions[0]!);
  if (questions.length < 2) questions.push('Talk to a person');
  return { actions: imBacks(questions), askedNext: askedNext.filter((row) => shown.includes(row.faqId)) };
}

export function imBacks(texts: readonly string[]): CardAction[] {
  return texts.map((text) => ({ type: ActionTypes.ImBack, title: text, value: text }));
}

function postBack(title: string, value: CardActionValue): CardAction {
  return { type: ActionTypes.PostBack, title, value };
}

export function withAisle<T extends Partial<Activity>>(activity: T, aisle: AisleChannelData): T {
  activity.channelData = { ...(activity.channelData ?? {}), aisle };
  return activity;
}
