/**
 * Light normalisation for lexical matching, so that "Can't find my parcel!!" and
 * "cannot find my parcel" meet on the same words: Unicode folding, lower case, curly
 * quotes, common English contractions, British/American spellings of shop words, and
 * punctuation to spaces. Dense embeddings get the shopper's own text (the model was
 * trained on real punctuation); this is for BM25 and the query-understanding rules.
 *
 *   normalizeText("I can't cancel my order's colour")  // 'i can not cancel my order s color'
 *
 * Words are cut from it in nlu/text/words.ts.
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

/** The text with every character a regular expression gives a meaning escaped, to match it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
