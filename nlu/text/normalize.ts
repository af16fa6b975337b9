/**
 * Light normalisation for lexical matching, so that "Can't find my parcel!!" and
 * "cannot find my parcel" meet on the same words: Unicode folding, lower case, curly
 * quotes, common English contractions, British/American spellings of shop words, and
 * punctuation to spaces. Dense embeddings get the shopper's own text (the model was
 * trained on real punctuation); this is for BM25 and the query-understanding rules.
 *
 *   normalizeText("I can't cancel my order's colour")  // 'i can not cancel my order s color'
 *   lexicalTokens('Where are my cancelled orders?')     // ['cancel', 'order']
 */

import { keptOrComputed } from './kept.js';

const CONTRACTIONS: [RegExp, string][] = [
  [/\bcan['’]t\b/g, 'can not'],
  [/\bwon['’]t\b/g, 'will not'],
  [/\bshan['’]t\b/g, 'shall not'],
  [/\bain['’]t\b/g, 'is not'],
  [/n['’]t\b/g, ' not'],
  [/['’]re\b/g, ' are'],
  [/['’]ve\b/g, ' have'],
  [/['’]ll\b/g, ' will'],
  [/['’]d\b/g, ' would'],
  [/\bi['’]m\b/g, 'i am'],
  [/\b(it|that|what|where|there|who|how|here)['’]s\b/g, '$1 is'],
  // Shoppers drop the apostrophe too.
  [/\b(can|don|doesn|didn|isn|wasn|won|haven|hasn|couldn|wouldn|shouldn|aren)t\b/g, '$1 not'],
  [/\bim\b/g, 'i am'],
  [/\bcannot\b/g, 'can not'],
  // Shorthand: "frying pan w/o non stick", "jacket w/ a hood".
  [/(?<![\w/])w\/o\b/g, 'without'],
  [/(?<![\w/])w\/(?=\s)/g, 'with'],
];

/** British (and other) spellings of shop and support words -> one spelling. */
const SPELLING_VARIANTS: Record<string, string> = {
  colour: 'color', colours: 'colors', coloured: 'colored',
  grey: 'gray', favourite: 'favorite', favourites: 'favorites',
  cancelled: 'canceled', cancelling: 'canceling', cancellation: 'cancelation', cancellations: 'cancelations',
  jewellery: 'jewelry', centre: 'center', catalogue: 'catalog', aluminium: 'aluminum',
  pyjamas: 'pajamas', travelling: 'traveling', travelled: 'traveled', labelled: 'labeled',
  organise: 'organize', organiser: 'organizer', authorise: 'authorize', authorised: 'authorized',
  recognise: 'recognize', realise: 'realize', apologise: 'apologize', personalise: 'personalize',
  personalised: 'personalized', customise: 'customize', customised: 'customized',
  licence: 'license', cheque: 'check', cheques: 'checks', enquiry: 'inquiry', enquiries: 'inquiries',
  defence: 'defense', fibre: 'fiber', metre: 'meter', litre: 'liter', tonne: 'ton',
  programme: 'program', behaviour: 'behavior', neighbour: 'neighbor', honour: 'honor',
  storey: 'story', tyre: 'tire', tyres: 'tires', postcode: 'zipcode', 'e-mail': 'email',
  'e-mails': 'emails', 'log-in': 'login', 'sign-in': 'signin', 'check-out': 'checkout',
  'pre-order': 'preorder', 'pre-orders': 'preorders', 'gift-card': 'giftcard', 'wi-fi': 'wifi',
};

/** Texts normalised, kept: a turn reads the same words and names many times (each type's name, each of a product's), and a shop's are the same every turn. */
const normalised = new Map<string, string>();
const NORMALISED_KEPT = 50_000;
/** Longer texts (descriptions, rambling messages) are rarely read twice: not kept. */
const KEPT_UP_TO_CHARS = 200;

export function normalizeText(text: string): string {
  return text.length <= KEPT_UP_TO_CHARS ? keptOrComputed(normalised, text, NORMALISED_KEPT, normalizeOnce) : normalizeOnce(text);
}

function normalizeOnce(text: string): string {
  let out = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[‘’`´]/g, "'");
  for (const [pattern, replacement] of CONTRACTIONS) out = out.replace(pattern, replacement);
  out = out.replace(/[a-z]+(?:-[a-z]+)*/g, (word) => SPELLING_VARIANTS[word] ?? word);
  // Keep decimal points and $ inside numbers ("$12.50"); everything else that is not a word character separates.
  return out.replace(/(?<!\d)[.,](?!\d)|[^\p{L}\p{N}$.,]+/gu, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Function words that carry no topic: leaving them out keeps "how do I" from matching
 * every FAQ entry. Negations stay ("not", "no", "without") because they change meaning.
 */
const STOP_WORDS = new Set(
  ('a an the i me my mine myself we our ours you your yours he him his she her it its they them their ' +
    'is am are was were be been being have has had having do does did doing will would shall should can could may might must ' +
    'to of in on at by for with from into onto about as than then so and or but if because while ' +
    'this that these those there here what which who whom whose when where why how ' +
    'please hi hello hey thanks thank just also any some get got')
    .split(' '),
);

/** A light English stemmer: plural, -ing and -ed forms of a word meet ("orders", "ordered", "ordering" -> "order"). */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ches|shes|sses|xes|zes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('ing') && word.length > 5) return undouble(word.slice(0, -3));
  if (word.endsWith('ed') && word.length > 4 && !word.endsWith('eed')) return undouble(word.slice(0, word.endsWith('ied') ? -3 : -2) + (word.endsWith('ied') ? 'y' : ''));
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** "shipp" -> "ship", "stopp" -> "stop": the doubled consonant of "shipping", "stopped". */
function undouble(word: string): string {
  return /([bdfgmnprt])\1$/.test(word) ? word.slice(0, -1) : word.replace(/e$/, '');
}

/** Normalised, stop-word-free, stemmed tokens: the vocabulary of the lexical indexes. */
export function lexicalTokens(text: string): string[] {
  return normalizeText(text)
    .split(' ')
    .map((word) => word.replace(/^\$|[.,]$/g, ''))
    .filter((word) => word !== '' && !STOP_WORDS.has(word))
    .map(stem)
    .map((word) => word.replace(/e$/, ''));
}

/** The text with every character a regular expression gives a meaning escaped, to match it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
