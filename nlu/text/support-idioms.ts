/**
 * Shoppers' everyday words for what a help page calls by its name: "send it back" is a return,
 * "my money back" a refund, "a swap" an exchange, "give you a ring" a call. The encoder reads
 * "can I send it back?" as far from "Can I return it?" as from many an unrelated question, so the
 * FAQ is searched with the message in the help page's words (like a search engine's synonyms or
 * a question-answering service's alterations). Only the FAQ search reads this text: products are
 * found by the shopper's own words.
 *
 *   faqQueryText('if it doesnt fit can i send it back and get my money back')
 *   // 'if it doesnt fit can i return it and get a refund'
 */

/** Verb forms that, with "back" after what is sent, mean returning it ("post the boots back"). */
const SEND_BACK: Record<string, string> = {
  send: 'return', sends: 'returns', sending: 'returning', sent: 'returned',
  post: 'return', posts: 'returns', posting: 'returning', posted: 'returned',
  mail: 'return', mails: 'returns', mailing: 'returning', mailed: 'returned',
  ship: 'return', ships: 'returns', shipping: 'returning', shipped: 'returned',
};
/** Verbs that mean returning only with "it" or "them" ("take it back", "pop them back in the post"). */
const PUT_BACK: Record<string, string> = {
  take: 'return', taking: 'returning', took: 'returned', bring: 'return', bringing: 'returning', brought: 'returned',
  pop: 'return', popping: 'returning', popped: 'returned', drop: 'return', dropping: 'returning', dropped: 'returned',
};

const SWAP: Record<string, string> = {
  swap: 'exchange', swaps: 'exchanges', swapped: 'exchanged', swapping: 'exchanging',
  swop: 'exchange', swops: 'exchanges', swopped: 'exchanged', swopping: 'exchanging',
};

/**
 * Not a return: the courier or the shop sending it ("the courier took it back to the depot", "you
 * sent my jacket back after the repair"), a parcel sent back ("my parcel got sent back": only a past
 * participle after "was" or "got"; "is sending back free?" is a return), a back order, a place ("ship
 * it to my back door", "back-packs"), or anyone going back somewhere ("sending my son back to uni",
 * "can u send the receipt back to me"; "back to you" is a return to the shop).
 */
const NOT_BY_THEM = String.raw`(?<!\b(?:courier|carrier|driver|postman|postie|they|you|u|ups|fedex|dhl|usps)\s+)`;
const NOT_PASSIVE = String.raw`(?<!\b(?:was|were|been|being|be|got|get|gets|getting|is|are)\s+(?=(?:sent|posted|mailed|shipped|taken|took|brought|popped|dropped)\b))`;
const NOT_A_PLACE_AFTER = String.raw`(?![-\w]|\s+(?:door|doors|garden|yard|porch|entrance|gate|pack|packs|of|home|order|orders|ordered)\b|\s+to\s+(?:me|us|school|uni|university|college|work|class|bed|sleep|the\s+(?:depot|warehouse|sender|office))\b)`;
const WORDS_SENT = String.raw`((?:(?!(?:back|me|us|to|in|into|on|at|through|via|from|for|with|by|round|around|over)\b)[\w'-]+\s+){0,3}?)`;

const IDIOMS: [RegExp, string | ((...groups: string[]) => string)][] = [
  // "get my money back", "want our money back", "money back?" -> a refund; a money-back guarantee stays one.
  [/\b(?:my|our|the|your|me)\s+money\s+back\b(?![-\s]+guarantee)/gi, 'a refund'],
  [/\bmoney\s+back\b(?![-\s]+guarantee)/gi, 'refund'],
  // "send it back", "post the boots back", "sending stuff back": up to three words sent, never
  // "back" itself nor a place ("ship it to my back door", "shipping back-packs").
  [
    new RegExp(String.raw`${NOT_BY_THEM}${NOT_PASSIVE}\b(${Object.keys(SEND_BACK).join('|')})\s+${WORDS_SENT}back\b${NOT_A_PLACE_AFTER}`, 'gi'),
    (_match, verb: string, sent: string) => `${SEND_BACK[verb.toLowerCase()]} ${sent}`.trimEnd(),
  ],
  // "take it back", "bring them back": not "bring back the navy", which shops are asked to do with a
  // colour, nor "take a look back at my order".
  [
    new RegExp(String.raw`${NOT_BY_THEM}${NOT_PASSIVE}\b(${Object.keys(PUT_BACK).join('|')})\s+(it|them|this|these|that|those)\s+back\b${NOT_A_PLACE_AFTER}`, 'gi'),
    (_match, verb: string, what: string) => `${PUT_BACK[verb.toLowerCase()]} ${what}`,
  ],
  // Asking the shop: "do you take stuff back?", "will you take the boots back if worn once" -> accept returns of.
  [
    new RegExp(String.raw`\b(you|u)\s+(?:take|accept)\s+((?:(?!(?:back|me|us|to|in|into|on|at|for|with)\b)[\w'-]+\s+){1,3}?)back\b${NOT_A_PLACE_AFTER}`, 'gi'),
    (_match, you: string, what: string) => `${you} accept returns of ${what}`.trimEnd(),
  ],
  // "can it go back?", "could they go back" -> "can it be returned?"
  [/\b(can|could|will|would)\s+(it|they|this|these|that|those)\s+go\s+back\b/gi, '$1 $2 be returned'],
  // A swap of an item, not of an email address or a delivery, nor a gift swap at work.
  [
    /(?<!\b(?:santa|gift|christmas|xmas|secret|elephant|present|book|toy|clothes|clothing)\s+)\b(swap|swaps|swapped|swapping|swop|swops|swopped|swopping)\b(?!\s+(?:(?:my|the|our|your|an?)\s+)?(?:e-?mail|address|addresses|delivery|shipping|payment|card|cards|points|battery|batteries|strap|straps|password|name|number|phone|account|details))/gi,
    (word: string) => SWAP[word.toLowerCase()]!,
  ],
  [/\bgift[\s-]?(?:vouchers?|tokens?|certificates?)\b/gi, (phrase: string) => (/s$/i.test(phrase) ? 'gift cards' : 'gift card')],
  // "give you a ring/bell/buzz" -> call. Not "ring" alone: help pages say "ring" too ("Can I ring
  // you on a bank holiday?"), and the FAQ's phrasings keep their own words.
  [/\bgive\s+(you|u|them|me|us)\s+a\s+(?:ring|bell|buzz)\b/gi, 'call $1'],
  // "can i get a heads up when it's back": asked for, a notification; "just a heads up, ..." tells one.
  [/(?<=\b(?:get|give|send|want|like|have)\s+(?:me\s+|us\s+)?)(?:a\s+)?heads[\s-]up\b/gi, 'a notification'],
];

/** The message in the help page's words, for the FAQ search (the same text when no idiom is found). */
export function faqQueryText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of IDIOMS) out = typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement);
  return out;
}
