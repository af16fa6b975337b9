/**
 * One turn's decision, in nlu and catalog terms only (no Bot Framework types), so it can
 * be tested and evaluated without a server: answer from the FAQ, show products, ask which
 * of two close answers was meant, or admit not knowing and offer a person.
 *
 *   await decide('how do I return something?', services)
 *   // { kind: 'faq', confidence: 0.99, entry: { id: 'returns-policy', ... }, related: [...] }
 */
import { type FaqEntry, type FaqHit, type KnowledgeBase, type Product, type ProductHit, type ProductQuery } from '../catalog/index.js';
import { aboutAnOrder, singularize, answerConfidence, faqQueryText, shopWords, brandSpans, queryWords, englishLexicon, asksForAJob, messageAct, asksHowOrWhy, readSlangInContext, namesShopKind, giftInterests, messageClauses, unreadWords, isQuestion, lexicalTokens, nameTypedAlone, questionParts, requestedThing, type RequestedThing, smallTalk, type SmallTalk, understand, type SpellingCorrector, type Encoder, type QueryUnderstanding, type ShopVocabulary } from '../nlu/index.js';
import { currencyNote, oneKindNoun, opening, reasonFor, refinements } from './product-claims.js';
import { guidedQuestion, kindQuestion } from './guided-question.js';
import { forAnAnimal, knownByName, notSoldThing, otherSortOfKind, unheardOfMake } from './not-sold.js';
import { readFollowUp } from './follow-up.js';
import { answerAbout, answerSays, leansToHelpPages, readProductQuestion, type ProductAnswer, type ProductQuestion } from './product-questions.js';
import type { SlateRanking, TurnRanking } from './ranking.js';
import { recommend, type EventCounts, type Recommendation } from './recommend.js';
import { newSession, type ShopperSession } from './session.js';
import { referenceIn, type Reference } from './shown-products.js';
import { confirmNamedKind, defaultSteeringOptions, findProducts, narrowToNamedKind, settleColourOrScent, type ProductResult, type SteeringOptions } from './shopping.js';

export interface DecisionOptions {
  /**
   * Confidence (fused score plus the calibrated share of its lead over the runner-up) from
   * which the FAQ answer is given. Default: calibrated per knowledge base (FAQ_ANSWER_THRESHOLD overrides).
   */
  faqAnswerThreshold?: number;
  /** Two entries closer than this (both above the answer threshold) make a `clarify` reply. Default: calibrated. */
  clarifyMargin?: number;
  /** Entries within this of the answer threshold are offered as "did you mean" when no answer is given. Default 0.2. */
  suggestMargin: number;
  /**
   * Which side a message is about, by the FAQ's lead: the FAQ side (its best fused score) minus
   * the product side (the best product cosine, or the query categoriser's best need, gift, title
   * or description). Products when the lead is below minus this: the FAQ wins ties and near-ties.
   * Default 0.1, chosen on the tuning halves of the hand-written shopper questions and product
   * requests together, once an entry's score counted its answer's sentences too (FAQ strict
   * 0.739 / 0.755 / 0.755 / 0.759 at 0.06 / 0.10 / 0.14 / 0.18, product P@5 unchanged up to 0.14
   * and lower at 0.18).
   */
  productsBelowFaqLead: number;
  /**
   * Below this the product side is too far from everything the shop sells to be shopping
   * ("who won the football last night" is 0.40 from camp chairs). Default 0.45: 0.4 / 0.45 / 0.5
   * gave P@5 0.888 / 0.881 / 0.874 on the tuning half of the product requests; half of its
   * out-of-scope questions were below 0.35.
   */
  productFloor: number;
  /** A message that names a product type or category is that much closer to the product side. Default 0.08 (chosen with productsBelowFaqLead). */
  namedProductBonus: number;
  /**
   * A message asked as a question is that much closer to the FAQ side: "can i tumble dry my down
   * jacket" and "is the hoodie baggy or more fitted" name a product but ask about it. Default 0.08,
   * chosen on the tuning halves (routing right 0.965 -> 0.979; on the dev split 0.910 -> 0.936,
   * FAQ questions sent to products 27 -> 18 of 169, no product request lost).
   */
  questionTowardsFaq: number;
  /**
   * "Do you sell X?" is checked while the FAQ's lead is at most this (a thing the shop does not
   * sell is, by its nature, far from every product, so the product side may trail). Default 0.1.
   */
  notSoldUpToFaqLead: number;
  /** Products per reply. Default 6. */
  productCount: number;
  /** When a described need or a gift request is steered to product types (turn/shopping.ts). */
  steering: SteeringOptions;
  /**
   * A thing asked for by name that the catalog has no word for is "not sold here" unless the
   * query categoriser matches its words to a product title or description at least this well.
   * Default 0.8, chosen on the tuning half of the shopper requests (0.6: 5 of 13 not-sold requests
   * said so, 0.8: 7 of 13, no in-catalog request declined at either).
   */
  soldThreshold: number;
}

export const defaultDecisionOptions: DecisionOptions = {
  suggestMargin: 0.2,
  productsBelowFaqLead: 0.1,
  productFloor: 0.45,
  namedProductBonus: 0.08,
  questionTowardsFaq: 0.08,
  notSoldUpToFaqLead: 0.1,
  productCount: 6,
  steering: defaultSteeringOptions,
  soldThreshold: 0.8,
};

export interface DecisionServices {
  encoder: Encoder;
  kb: KnowledgeBase;
  vocabulary: ShopVocabulary;
  /** Corrects misspelt product words against the shop's vocabulary before anything else reads the message. */
  spelling?: SpellingCorrector;
  /** Counts of what shoppers chose, from the event log (the shop's store), for suggestions. */
  events?: EventCounts;
  /** This shopper's click model (turn/ranking.ts): ranks product lists in relevance order, and explores. */
  ranking?: TurnRanking;
  options?: Partial<DecisionOptions>;
}

export type Decision = (
  | {
      kind: 'faq';
      confidence: number;
      entry: FaqEntry;
      related: FaqHit[];
      /** The entry of a second question in the same message ("...and do you take paypal?"), answered too, in the order asked. */
      second?: FaqEntry;
      /** What shoppers asked next after this entry, with how many did (bot/asked-next.ts; the bot adds it from its transcripts). */
      askedNext?: { faqId: string; shoppers: number }[];
    }
  | {
      kind: 'products';
      confidence: number;
      hits: ProductHit[];
      understanding: QueryUnderstanding;
      found: ProductResult;
      /** The reply's first line, each product's reason and the suggestions: all provable (turn/product-claims.ts). */
      opening: string;
      reasons: string[];
      suggestions: string[];
      /** An FAQ question asked beside the request ("running shoes size 9, and do you take paypal?"), answered after the products. */
      answer?: { entry: FaqEntry; confidence: number };
      /** The question the list asks (the facet that splits its matches best), with the values its buttons offer. */
      question?: { facet: string; text: string; values: string[] };
      /** How the list was ranked and shown (with its propensities), when a click model ranked it: for the log and for learning. */
      ranking?: SlateRanking;
      /**
       * Set when the message refined the conversation's last request ("in blue", "cheaper"): that
       * request, and everything now applied, in the shopper's words; `more` for "show me more".
       */
      context?: { refines: string; applied: string[]; more?: boolean };
    }
  | { kind: 'not-sold'; confidence: number; thing: string; suggestions: string[]; service?: boolean }
  /** A greeting, thanks, goodbye, or asking whether Aisle is a person: answered as such, never with products. */
  | { kind: 'small-talk'; confidence: number; said: SmallTalk }
  | { kind: 'clarify'; confidence: number; options: FaqHit[] }
  /**
   * A question about a product shown ("is the second one waterproof?", "how much is it?"),
   * answered from its own data. Confidence 1 when the data answers it, 0 when the answer is "I don't know".
   */
  | { kind: 'product-answer'; confidence: number; product: Product; asked: ProductQuestion; answer: ProductAnswer }
  /** "Is it waterproof?" with several products shown: which one, each choice the question about it. Confidence 1: a rule, not a score. */
  | { kind: 'which-product'; confidence: number; choices: { product: Product; text: string }[] }
  /**
   * "What would you recommend for me?": picks from what this shopper viewed, clicked and carted and
   * what other shoppers chose (turn/recommend.ts), each with its reason; none yet, and the reply asks
   * what they are after. Confidence 1: a rule, not a score.
   */
  | { kind: 'recommendations'; confidence: number; picks: Recommendation[] }
  | { kind: 'fallback'; confidence: number; reason: 'empty' | 'low-confidence' | 'asked-for-person'; suggestions: FaqHit[] }
) & {
  /** The FAQ entries ranked for this query (up to 10), whatever was decided: for evaluation and logs. */
  faqRanking: FaqHit[];
};


/** Facts of the turn beside the session: who is asking, and when. */
export interface TurnFacts {
  /** The conversation's id: its own events are not counted as other shoppers'. */
  conversationId?: string;
  /** The time now (ms since the epoch); a follow-up refines only a recent request. Default: the clock. */
  now?: number;
}

/**
 * The decision for one message, in the conversation as the session has it (turn/session.ts): the
 * last request, which a follow-up refines ("in blue", "cheaper"); the list shown, which "the
 * second one" points into; the product singled out since, which "it" means; and what the shopper
 * viewed, clicked and carted, which suggestions draw on. decide() only reads the session; what the
 * turn leaves in it is `rememberTurn`'s to write.
 */
export async function decide(text: string, services: DecisionServices, session: Readonly<ShopperSession> = newSession(), turn: TurnFacts = {}): Promise<Decision> {
  const typed = text.trim();
  if (typed === '') return { kind: 'fallback', confidence: 0, reason: 'empty', suggestions: [], faqRanking: [] };
  // Acts that decide the reply kind before any search (nlu/text/message-act.ts).
  const act = messageAct(typed);
  switch (act?.act) {
    case 'small-talk':
      return { kind: 'small-talk', confidence: 1, said: act.said, faqRanking: [] };
    case 'person':
      return { kind: 'fallback', confidence: 1, reason: 'asked-for-person', suggestions: [], faqRanking: [] };
    case 'another-shop':
      return { kind: 'fallback', confidence: 0, reason: 'low-confidence', suggestions: [], faqRanking: [] };
    case 'suggestions': {
      // "What would you recommend for me?": from what this shopper did, and what others chose.
      const behaviour = { viewed: session.viewed, clicked: session.clicked, cart: session.cart };
      const picks = recommend(services.kb, behaviour, services.events, { count: defaultDecisionOptions.productCount, ...(turn.conversationId ? { conversationId: turn.conversationId } : {}), ...(turn.now ? { now: turn.now } : {}) });
      return { kind: 'recommendations', confidence: 1, picks, faqRanking: [] };
    }
  }

  const reading = readMessage(typed, services);
  // "Is the second one waterproof?", "how much is it?": a question about a product shown.
  const about = await aboutShownProduct(reading, services, session);
  if (about) return about;
  // "in blue", "under $50", "cheaper" after a product list: the last request, refined.
  const last = session.lastRequest;
  const followUp = last && readFollowUp(reading.message, reading.understood, last, services.vocabulary, turn.now);
  if (followUp) {
    const request = readMessage(last.text, services);
    const refined = await decideMessage({ ...request, understood: followUp.understanding, read: request.understood }, services, followUp.more ? last.shownIds : undefined);
    // The follow-up's own words may have been corrected ("in bleu"): said, as for any message.
    if (refined.kind === 'products') return { ...refined, opening: didYouMean(reading.spelling?.corrections ?? []) + refined.opening, context: { refines: last.text, applied: followUp.applied, ...(followUp.more ? { more: true } : {}) } };
  }
  return decideMessage(reading, services);
}

/**
 * The reply to a message about a product shown, when it is one: answered from the product's data,
 * or "which one?" when "it" could be any of several. A question the product's listing does not
 * answer goes to the FAQ when the FAQ answers it ("can i return it?").
 */
async function aboutShownProduct(reading: Reading, services: DecisionServices, session: Readonly<ShopperSession>): Promise<Decision | undefined> {
  const { kb, vocabulary } = services;
  const shown = session.lastProductIds.flatMap((id) => kb.product(id) ?? []);
  const focus = session.focusId ? kb.product(session.focusId) : undefined;
  if (shown.length === 0 && !focus) return undefined;
  const words = queryWords(reading.message);
  const { filters } = reading.understood;
  const namesKind = Boolean(filters.types?.length || filters.category);
  const reference = referenceIn(words, shown, focus, vocabulary) ?? elliptical(reading, words, focus, namesKind, vocabulary);
  if (!reference) return undefined;
  // The product's own kind named is no part of the question: "is the 1st one a 4 season tent".
  const ownKind = new Set('product' in reference ? queryWords(`${kb.typeOf(reference.product) ?? ''} ${reference.product.category ?? ''}`) : []);
  const rest = [...words.slice(0, reference.span[0]), ...words.slice(reference.span[1])].filter((word) => !ownKind.has(word) && !ownKind.has(singularize(word))).join(' ');
  const asked = readProductQuestion(rest, understand(rest, vocabulary), vocabulary);
  if (!asked) return undefined;
  // "Can i return it?", "how long will it take to get here?": a question for the help pages, whatever "it" is.
  if (asked.about === 'feature' && leansToHelpPages(asked.words, kb)) return undefined;
  if (reference.how === 'pronoun') {
    // "It" in a request ("i need a jacket, it must be waterproof") or a new kind named ("is it a good tent for snow?") starts afresh.
    if ((namesKind && !ASKS_OF_IT.test(reading.message)) || (!isQuestion(reading.message) && asked.about === 'feature')) return undefined;
    // "Do you have it in blue?" after a list: that kind of thing in blue, a refinement.
    if ('unclear' in reference && (((asked.about === 'colour' || asked.about === 'size') && asked.value) || asked.about === 'details')) return undefined;
  }
  if ('unclear' in reference) {
    // "Is there a warranty on it?" of a list: the FAQ's answer holds for any of them.
    const faq = asked.about === 'feature' ? await faqSaying(reading, services, asked.words) : undefined;
    if (faq) return faq;
    return { kind: 'which-product', confidence: 1, choices: reference.unclear.map((product) => ({ product, text: questionAbout(words, reference, shown.indexOf(product)) })), faqRanking: [] };
  }
  const answer = answerAbout(reference.product, asked, kb);
  // What its listing does not say, the FAQ may, when its answer speaks of it: "has it got a warranty?".
  if (!answer.known && answer.asked.about === 'feature') {
    const faq = await faqSaying(reading, services, answer.asked.words);
    if (faq) return faq;
  }
  return { kind: 'product-answer', confidence: answer.known ? 1 : 0, product: reference.product, asked: answer.asked, answer, faqRanking: [] };
}

/** A yes-or-no question of "it": "does it have side pockets for a water bottle?" names a kind, but asks about the one shown. */
const ASKS_OF_IT = /^\s*(?:is|does|can|has|will|would|could|are|do)\s+(?:it|they|this|that)\b/i;
/** A question about a part of the product singled out: "is the cover removable?", "does the lid lock?". */
const ASKS_OF_A_PART = /^\s*(?:is|are|does|do|has|have|can|will)\s+the\s+[a-z]+/i;

/** Words that ask for a list, not about one product: "any in black?", "what about in blue", "show me others". */
const ASKS_FOR_A_LIST = /\b(?:any|ones|others?|what about|how about|show me|instead)\b/;

/**
 * "xl?", "price?", "and in a size 8?", "how long does the battery last": a short question that
 * names no product, right after one was singled out, is about that one.
 */
function elliptical(reading: Reading, words: readonly string[], focus: Product | undefined, namesKind: boolean, vocabulary: ShopVocabulary): Reference | undefined {
  if (!focus || namesKind || words.length === 0 || words.length > 8 || ASKS_FOR_A_LIST.test(reading.message.toLowerCase())) return undefined;
  const asked = readProductQuestion(words.join(' '), reading.understood, vocabulary);
  if (!asked || asked.about === 'details' || (asked.about === 'feature' && !ASKS_OF_A_PART.test(reading.message))) return undefined;
  return { product: focus, span: [0, 0], how: 'pronoun' };
}

/** The FAQ's answer to the message, when it is one and its answer says every word asked. */
async function faqSaying(reading: Reading, services: DecisionServices, words: readonly string[]): Promise<Decision | undefined> {
  const decision = await decideMessage(reading, services);
  return decision.kind === 'faq' && answerSays(decision.entry, words) ? decision : undefined;
}

const ORDINAL_NAMES = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth'];

/** The message with its reference made a position: "is it waterproof" -> "is the second one waterproof". */
function questionAbout(words: readonly string[], reference: Reference, index: number): string {
  const named = `the ${ORDINAL_NAMES[index] ?? `number ${index + 1}`} one`;
  const said = words.slice(reference.span[0], reference.span[1]).join(' ');
  const replacement = said === 'its' ? `${named}'s` : named;
  return [...words.slice(0, reference.span[0]), replacement, ...words.slice(reference.span[1])].join(' ');
}

/** "I found 24 running shoes that match. Any colour in mind? Here are 6 of them:": the question before the list it is about. */
function withQuestion(opening: string, question: string): string {
  const list = / (Here (?:are|is) \d+ of them:)$/.exec(opening);
  return list ? `${opening.slice(0, list.index)} ${question} ${list[1]}` : opening;
}

/** A message as every step reads it: spelling corrected, slang read, the thing asked for, the constraints. */
interface Reading {
  typed: string;
  spelling: ReturnType<SpellingCorrector['correct']> | undefined;
  message: string;
  thing: RequestedThing | undefined;
  understood: QueryUnderstanding;
  /** Refining: the request's own reading, by which its words were all read or not (the follow-up's replace some of its spans). */
  read?: QueryUnderstanding;
}

function readMessage(typed: string, services: DecisionServices): Reading {
  const spelling = services.spelling?.correct(typed);
  // The corrected text is what the shopper meant; it is read by every step below.
  // Curly apostrophes as straight ones: "she’s about 70" is read as "she's about 70".
  const message = readSlangInContext(spelling && spelling.corrections.length ? spelling.text : typed).replace(/[’‘]/g, "'");
  const thing = requestedThing(message, undefined, shopWords(services.vocabulary).terms);
  const understood = askedKindFirst(understand(message, services.vocabulary), thing, services.vocabulary);
  return { typed, spelling, message, thing, understood };
}

/**
 * The decision for one message. A reading with `read` set is refining: its understanding is what a
 * follow-up made of an earlier request, and the reply is products, since the shopper is narrowing
 * a list. `notAgain`: the products already shown for it ("show me more").
 */
async function decideMessage(reading: Reading, services: DecisionServices, notAgain?: readonly string[]): Promise<Decision> {
  const refining = reading.read !== undefined;
  const options = { ...defaultDecisionOptions, ...services.options };
  const { kb, encoder } = services;
  const answerThreshold = options.faqAnswerThreshold ?? kb.faqCalibration.answerThreshold;
  const clarifyMargin = options.clarifyMargin ?? kb.faqCalibration.clarifyMargin;
  const { typed, spelling, message, thing, understood } = reading;
  // Every text this turn may need a vector for, asked of the encoder at once: the message, its two
  // questions if it asks two, the thing it asks for if the shop has no word for it, and what a
  // gift's recipient is into. Asked one after another, each would wait for the last before it
  // started (int8 runs them one by one in any case, fp32 as one batch).
  const parts = questionParts(message);
  // A name typed alone that English may not know ("calpol", "garmin forerunner 265"), when the
  // shop reads no kind, category or brand in the message.
  const typedAlone = !thing && !understood.filters.types?.length && !understood.filters.category && !understood.filters.brands?.length ? nameTypedAlone(message) : undefined;
  const unknownThing = [thing, typedAlone].find((named) => named && !knownByName(named, services.vocabulary));
  // "Do you have any PS5 games": a kind the shop has, of a make or model it has never heard of.
  const unheardOf = thing?.asked && !unknownThing ? unheardOfMake(thing, typed, kb, services.vocabulary) : undefined;
  const interests = understood.gift && !understood.filters.types?.length ? giftInterests(message) : [];
  // A need described at length, read clause by clause as well (turn/shopping.ts steer): not a
  // message that names a type or a category (only the whole message decides whether to set a
  // category aside), nor a gift (read by its interests). Leaving out the named categories cost
  // nothing (dev P@5 0.835 -> 0.839, tune unchanged) and saves their encoder time.
  const clauses = !understood.gift && !understood.filters.types?.length && !understood.filters.category ? messageClauses(message) : [];
  // Texts that differ only by their closing "?" or "!" (a question part and the same clause) are embedded once.
  const sameText = (text: string) => text.replace(/[\s?!.]+$/, '');
  // The FAQ is searched with the message in the help page's words ("send it back" -> "return it").
  const faqText = faqQueryText(message);
  const faqParts = parts.map(faqQueryText);
  const wanted = [message, faqText, ...faqParts, ...(unknownThing ? [unknownThing.phrase] : []), ...interests, ...clauses];
  const texts: string[] = [];
  const keys: string[] = [];
  for (const text of wanted) {
    if (keys.includes(sameText(text))) continue;
    keys.push(sameText(text));
    texts.push(text);
  }
  const embedded = await encoder.embed(texts);
  const vectorOf = (text: string) => embedded[keys.indexOf(sameText(text))]!;
  const vector = vectorOf(message);
  const tokens = lexicalTokens(message);
  const query: ProductQuery = { vector, tokens };
  const understanding = narrowToNamedKind(settleColourOrScent(kb, confirmNamedKind(kb, query, understood, options.steering, message, services.vocabulary), services.vocabulary), message, thing, services.vocabulary);
  const faqRanking = kb.searchFaq(faqText === message ? { vector, tokens } : { vector: vectorOf(faqText), tokens: lexicalTokens(faqText) }, 10);
  const faqHits = faqRanking.slice(0, 4);
  const faqScore = faqHits[0]?.score ?? 0;
  const interestVectors = !understanding.filters.category ? interests.map(vectorOf) : [];
  const wholeRequestRead = unreadWords(message, reading.read ?? understanding).length === 0;
  const clauseVectors = clauses.map(vectorOf);
  const { ranking } = services;
  // Ranked for the request's own words: a follow-up's reading is the request it refines.
  const rank = ranking && (<T extends ProductHit>(hits: readonly T[]) => ranking.rank(hits, message));
  const searched = await findProducts(kb, query, understanding, { count: options.productCount, vocabulary: services.vocabulary, steering: options.steering, interests: interestVectors, clauses: clauseVectors, wholeRequestRead, ...(notAgain ? { notAgain } : {}), ...(ranking && rank ? { rank, ...(ranking.sessionVector ? { session: ranking.sessionVector } : {}) } : {}) });
  // A list in relevance order may be shown shuffled, to learn what position hides (turn/ranking.ts);
  // one in an order asked for ("cheapest"), or youngest first for a child's age dropped, keeps its order.
  const presented = services.ranking && searched.order === 'relevance' && !searched.dropped.includes('age') && searched.hits.length > 0 ? services.ranking.present(searched.hits) : undefined;
  const found = presented ? { ...searched, hits: presented.shown } : searched;
  // The best cosine, not the fused score: BM25 can lift one matching word ("long" in "long-sleeve") above any cosine.
  const productScore = Math.max(0, ...found.hits.map((hit) => hit.cosine));
  // The message is about what the shop sells when it is closer to the products, and to the
  // categoriser's texts of what they are for, than to the FAQ's phrasings: "how do your trainers
  // fit?" names a product but is a sizing question; "secret santa, 20 quid" names none but is shopping.
  // A clause of a long need may say it plainly where the whole does not ("... want something on my
  // wrist i can actually take down to 18m"): dev P@5 0.827 -> 0.834, no FAQ question lost.
  const namesProduct = Boolean(understanding.filters.types?.length || understanding.filters.category);
  const phrasedAsQuestion = isQuestion(message);
  const productSide = Math.max(productScore, ...[vector, ...clauseVectors].map((v) => kb.categoriser?.classify(v).types[0]?.score ?? 0)) + (namesProduct ? options.namedProductBonus : 0) - (phrasedAsQuestion ? options.questionTowardsFaq : 0);
  // Naming a product and stating what it must be ("running shoes size 9", or asking whether the
  // shop has it: "any hiking boots in size 9?"), it is shopping even when an FAQ entry shares its
  // words (the shoe sizing guide).
  // So is asking whether the shop has one of its kinds by name ("do you sell running shoes?"):
  // the FAQ's sizing guide for running shoes is not what was asked.
  const askedForItsKind = Boolean(thing?.asked) && !unknownThing && namesShopKind(thing!.phrase, services.vocabulary);
  // Telling of an order ("my order came with a broken handle on the pan", "one boot turned up with
  // the sole hanging off") names products but asks for none, nor for a present ("... for my
  // husband's 50th, now it won't charge"): the FAQ answers it or a person is offered.
  // Unless, having told of it, they ask for another: "the strap broke again, need something sturdier".
  const orderTold = aboutAnOrder(message) && !ASKS_FOR_ANOTHER.test(message);
  // A brand asked for is a request too ("show me stuff from kestrel but not shoes"), though it names no kind.
  // Only asked for ("show me", "anything from", "got any") or typed alone: "kestrel customer service is rubbish" asks for nothing.
  // Not a brand's name right before "stores": "any harbor & pine stores in the seattle area?" asks where they are.
  const namesBrand = Boolean(understanding.filters.brands?.length) && !storesOfTheBrand(message, understanding.filters.brands!) && (BRAND_ASKED.test(message) || message.split(/\s+/).filter(Boolean).length <= 3);
  // A kind's name and nothing else ("cagoule", "cardis pls") is a search, however rare the word is
  // to the encoder and so however far from the products.
  const kindAlone = namesProduct && wholeRequestRead && !phrasedAsQuestion && Boolean(understanding.filters.types?.length);
  const plainRequest = (namesProduct && ((found.stated.length > 0 && (!phrasedAsQuestion || Boolean(thing?.asked))) || askedForItsKind || kindAlone)) || (namesBrand && !phrasedAsQuestion && !orderTold);
  const faqLead = faqScore - productSide;
  // Asking for a present ("thank you present for our neighbour, 25ish") is shopping unless the
  // FAQ answers it surely ("can you gift wrap it?"), however loosely its words fit any product.
  const faqConfidence = answerConfidence(faqScore, faqHits[1]?.score ?? 0, kb.faqCalibration.gapWeight);
  const giftRequest = Boolean(understanding.gift) && faqConfidence < answerThreshold && !orderTold;
  // A question about a product that asks for none ("how long are headphones guaranteed for", "is
  // the hoodie baggy or more fitted": no "do you have", no constraint) is answered from the FAQ
  // when the FAQ is sure of its answer, however close the product's name brings the products.
  const askedAbout = phrasedAsQuestion && !thing?.asked && found.stated.length === 0 && faqConfidence >= answerThreshold;
  // Asking how to use a product or who makes it ("how do i fold a sleeping bag back into its
  // bag", "who started harbor and pine") names products but asks for none.
  // A brand, colour or capacity says which one it is about ("how do i put up the 2 person tent"),
  // not what it asks for; a price does ask.
  // A category named only by an activity ("how do i not freeze wild camping") names no product to use.
  const activityOnly = !understanding.filters.types?.length && understanding.matched.length > 0 && understanding.matched.every((term) => englishLexicon().isIngForm(term));
  const aboutUse = asksHowOrWhy(message) && !thing?.asked && !found.stated.includes('price') && ((namesProduct && !activityOnly) || Boolean(understanding.filters.brands?.length));
  // A product named with what it must be is still no request in a message telling of an order,
  // unless it asks for one ("the tent I ordered leaks, need a new one").
  // Asking for a job ("looking for weekend work at one of ur stores") asks for no product, nor for
  // a thing not sold; only an FAQ entry about jobs answers it, never the nearest one (store hours).
  const jobAsked = asksForAJob(message);
  if (!refining && jobAsked && !(faqHits[0] && aboutJobs(faqHits[0].entry))) return { kind: 'fallback', confidence: faqScore, reason: 'low-confidence', suggestions: [], faqRanking };
  const aboutProducts = refining || (!jobAsked && ((plainRequest && !(orderTold && !thing?.asked)) || giftRequest || (!askedAbout && !aboutUse && !orderTold && productSide >= options.productFloor && faqLead < -options.productsBelowFaqLead)));

  // "Do you sell laptops?": a thing asked for by name that the shop has no word or type for.
  // "Do you sell laptops?" is a question by its form, but not about the shop's policies: the
  // question's lean towards the FAQ does not count here.
  // Named and given what it must be ("hiking boots size 8"), it is asked for however close the
  // FAQ's sizing guide comes, as a plain request is above.
  const thingWithConstraint = Boolean(unknownThing) && found.stated.length > 0 && (!phrasedAsQuestion || Boolean(unknownThing?.asked));
  if (!refining && !jobAsked && (thingWithConstraint || faqLead - (phrasedAsQuestion ? options.questionTowardsFaq : 0) <= options.notSoldUpToFaqLead)) {
    const askedFor = { typed, message, kb, vocabulary: services.vocabulary, encoder, soldThreshold: options.soldThreshold };
    const notSold = unknownThing && (await notSoldThing(unknownThing, vectorOf(unknownThing.phrase), vector, askedFor));
    if (notSold) return { kind: 'not-sold', ...notSold, faqRanking };
    if (unheardOf) return { kind: 'not-sold', confidence: 1, ...unheardOf, faqRanking };
    // "Do you have office chairs": the shop's chairs are all camp chairs; "dog shampoo": its shampoos are for people.
    const otherSort = thing && !unknownThing ? (forAnAnimal(thing, askedFor) ?? (await otherSortOfKind(thing, askedFor))) : undefined;
    if (otherSort) return { kind: 'not-sold', ...otherSort, faqRanking };
  }

  // "Show me more" with every match already shown; a refinement nothing meets (exclusions and
  // kinds are never dropped to show something). The request stays as it was (turn/session.ts).
  if (refining && found.hits.length === 0) {
    const opening = notAgain && found.total > 0 ? "That's all of them: you've seen every one I found for that." : 'Nothing matches all of that together. What you asked before still stands: try changing one thing.';
    return { kind: 'products', confidence: 0, hits: [], understanding, found, opening, reasons: [], suggestions: [], faqRanking };
  }
  if (aboutProducts && found.hits.length > 0) {
    // More matches than the list shows: ask about what splits them best, with its commonest values as buttons.
    const noun = notAgain ? undefined : oneKindNoun(found, kb);
    const guided = noun ? guidedQuestion(found, noun, kb, services.vocabulary) : notAgain ? undefined : kindQuestion(found, kb);
    const suggestions = refinements(found, understanding, kb, services.vocabulary, guided?.buttons);
    // Asked only when a button for it survived (each must lead somewhere), before "Here are 6 of them:".
    const asked = guided && suggestions.some((text) => guided.buttons.some((button) => text.startsWith(button))) ? guided : undefined;
    const said = (refining ? '' : didYouMean(spelling?.corrections ?? [])) + currencyNote(understanding.filters, understanding.matched, kb) + opening(found, understanding.filters, kb, wholeRequestRead, understanding.kindNamed);
    return {
      kind: 'products',
      confidence: productScore,
      hits: found.hits,
      understanding,
      found,
      // Refining, the shopper's earlier words were corrected, and said so, when they were first read.
      opening: notAgain
        ? `Here ${found.hits.length === 1 ? 'is 1 more' : `are ${found.hits.length} more`}${found.dropped.length ? ' of the closest ones' : ''}:`
        : asked ? withQuestion(said, asked.question) : said,
      reasons: found.hits.map((hit) => reasonFor(hit, found, kb, services.vocabulary, message)),
      suggestions,
      ...(asked ? { question: { facet: asked.facet, text: asked.question, values: asked.values } } : {}),
      ...(presented ? { ranking: presented.ranking } : {}),
      ...(refining ? {} : questionBeside(faqParts, faqParts.map(vectorOf), kb, answerThreshold)),
      faqRanking,
    };
  }
  // Two questions in one message get both answers.
  const both = twoQuestions(faqParts, faqParts.map(vectorOf), faqRanking, kb, answerThreshold);
  if (both) return { kind: 'faq', ...both, related: faqHits.filter((hit) => hit.entry.id !== both.entry.id && hit.entry.id !== both.second.id).slice(0, 3), faqRanking };

  const [first, second] = faqHits;
  // Near-tie between two entries that could each be the answer: ask which one.
  if (first && second && second.score >= answerThreshold && first.score - second.score < clarifyMargin) {
    return { kind: 'clarify', confidence: faqScore, options: [first, second], faqRanking };
  }
  if (first && faqConfidence >= answerThreshold) {
    // The lead bonus can take confidence past 1; shoppers' clients and logs get it on a 0..1 scale.
    return { kind: 'faq', confidence: Math.min(1, faqConfidence), entry: first.entry, related: faqHits.slice(1), faqRanking };
  }
  return {
    kind: 'fallback',
    confidence: faqScore,
    reason: 'low-confidence',
    suggestions: faqHits.filter((hit) => hit.score >= answerThreshold - options.suggestMargin).slice(0, 3),
    faqRanking,
  };
}


/** An FAQ entry about working for the shop: the only answer to a question about a job. */
function aboutJobs(entry: FaqEntry): boolean {
  return JOB_WORDS.test(`${entry.questions.join(' ')} ${entry.answer}`);
}
const JOB_WORDS = /\b(?:jobs?|careers?|hiring|vacanc(?:y|ies)|recruit\w*)\b/i;

/**
 * Asking for another of what failed, not for it to be put right: "need something sturdier", "want a
 * new one", "recommend a water bottle, the lid on mine cracked", "the strap on my old one snapped"
 * (not "a replacement", which the returns policy answers).
 */
const ASKS_FOR_ANOTHER = /\b(?:need|want|looking for|after)\s+(?:something|a new one|a new [a-z]+|another one|a better one|a sturdier one|one that)\b|\b(?:my old one|on mine|of mine|my old [a-z]+)\b|\brecommend\b|\bwhat'?s a good\b/i;

/** A brand's name (however "&" is typed) right before its shops: "harbor & pine stores in the seattle area", "harbor and pine branches". */
function storesOfTheBrand(message: string, brands: readonly string[]): boolean {
  const words = queryWords(message);
  return brandSpans(words, brands).some(([, end]) => STORE_WORDS.test(words[end] ?? ''));
}

const STORE_WORDS = /^(?:stores?|shops?|branch(?:es)?|outlets?)$/;

/** Words that ask for what a brand makes: "show me stuff from kestrel", "anything by fjellby", "got any northpeak". */
const BRAND_ASKED = /\b(?:show me|see|got any|any|anything|stuff|things|range|looking for|want|need|from|by|what do you have)\b/i;


/** How far down the whole message's FAQ ranking both parts' answers may be for the message to be about both. */
const TWO_QUESTIONS_WITHIN = 4;
/**
 * Or each part answered at least this confidently on its own: the whole message's ranking is
 * led by its first topic ("how long does delivery take and do u take paypal" ranks five
 * delivery entries first). Chosen on the tuning half of the shopper questions.
 */
const TWO_QUESTIONS_EACH_SURE = 0.6;

/**
 * The answers to two questions asked in one message: each part on its own answered (the same
 * confidence and threshold as a single question), by two different entries that both rank near
 * the top for the whole message or are each answered surely. Undefined for one question.
 */
function twoQuestions(
  parts: readonly string[],
  vectors: readonly ArrayLike<number>[],
  ranking: readonly FaqHit[],
  kb: KnowledgeBase,
  answerThreshold: number,
): { entry: FaqEntry; second: FaqEntry; confidence: number } | undefined {
  if (parts.length !== 2) return undefined;
  const [a, b] = parts.map((part, i) => answerOnItsOwn(part, vectors[i]!, kb));
  if (!a || !b || a.entry.id === b.entry.id || a.confidence < answerThreshold || b.confidence < answerThreshold) return undefined;
  const near = new Set(ranking.slice(0, TWO_QUESTIONS_WITHIN).map((hit) => hit.entry.id));
  const aboutBoth = near.has(a.entry.id) && near.has(b.entry.id);
  if (!aboutBoth && Math.min(a.confidence, b.confidence) < TWO_QUESTIONS_EACH_SURE) return undefined;
  return { entry: a.entry, second: b.entry, confidence: Math.min(1, a.confidence, b.confidence) };
}

/**
 * The answer to a question asked beside a product request: of the message's two parts, the one
 * asked as a question while the other is not, when its FAQ answer is as sure as each answer to
 * two questions must be.
 */
function questionBeside(parts: readonly string[], vectors: readonly ArrayLike<number>[], kb: KnowledgeBase, answerThreshold: number): { answer?: { entry: FaqEntry; confidence: number } } {
  if (parts.length !== 2) return {};
  const asked = parts.map((part) => isQuestion(part));
  if (asked[0] === asked[1]) return {};
  const i = asked[0] ? 0 : 1;
  const answer = answerOnItsOwn(parts[i]!, vectors[i]!, kb);
  return answer && answer.confidence >= Math.max(answerThreshold, TWO_QUESTIONS_EACH_SURE) ? { answer: { entry: answer.entry, confidence: Math.min(1, answer.confidence) } } : {};
}

/** The FAQ's best entry for one part of a message, with the confidence a whole question would get. */
function answerOnItsOwn(part: string, vector: ArrayLike<number>, kb: KnowledgeBase): { entry: FaqEntry; confidence: number } | undefined {
  const [best, next] = kb.searchFaq({ vector, tokens: lexicalTokens(part) }, 2);
  return best && { entry: best.entry, confidence: answerConfidence(best.score, next?.score ?? 0, kb.faqCalibration.gapWeight) };
}

/** An unsure correction is said out loud, so the shopper sees what was searched. */
function didYouMean(corrections: readonly { from: string; to: string; sure: boolean }[]): string {
  const unsure = corrections.filter((c) => !c.sure);
  return unsure.length ? `Did you mean "${unsure.map((c) => c.to).join(' ')}"? ` : '';
}

/**
 * The kind of product the message asks for, when it asks for one by name, over others it only
 * mentions: "I basically own jeans and jumpers. need tops that won't have me dripping" is about
 * tops, though "jeans" is the longer catalog word.
 */
function askedKindFirst(understood: QueryUnderstanding, thing: RequestedThing | undefined, vocabulary: ShopVocabulary): QueryUnderstanding {
  if (!thing?.asked) return understood;
  const asked = understand(thing.phrase, vocabulary).filters;
  if (!asked.category || asked.category === understood.filters.category) return understood;
  const { types: _types, category: _category, ...rest } = understood.filters;
  return { ...understood, filters: { ...rest, category: asked.category, ...(asked.types?.length ? { types: asked.types } : {}) } };
}
