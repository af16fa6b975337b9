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
  take: 'return', takes: 'returns', taking: 'returning', took: 'returned',
};

const SWAP: Record<string, string> = { swap: 'exchange', swaps: 'exchanges', swapped: 'exchanged', swapping: 'exchanging', swop: 'exchange', swops: 'exchanges' };

const IDIOMS: [RegExp, string | ((...groups: string[]) => string)][] = [
  // "get my money back", "want our money back", "money back?" -> a refund.
  [/\b(?:my|our|the|your|me)\s+money\s+back\b/gi, 'a refund'],
  [/\bmoney\s+back\b/gi, 'refund'],
  // "send it back", "post the boots back", "sending stuff back": up to three words sent, never
  // "back" itself nor a place ("ship it to my back door"). Not "bring back", which shops are asked
  // to do with a colour ("bring back the navy").
  [
    /\b(send|sends|sending|sent|post|posts|posting|posted|mail|mails|mailing|mailed|ship|ships|shipping|shipped|take|takes|taking|took)\s+((?:(?!(?:back|me|us|to|in|into|on|at|through|via|from|for|with|by|round|around|over)\b)[\w'-]+\s+){0,3}?)back\b(?!\s+(?:door|doors|garden|yard|porch|entrance|gate|pack|packs|of|home)\b)/gi,
    (_match, verb: string, sent: string) => `${SEND_BACK[verb.toLowerCase()]} ${sent}`.trimEnd(),
  ],
  // "can it go back?", "could they go back" -> "can it be returned?"
  [/\b(can|could|will|would)\s+(it|they|this|these|that|those)\s+go\s+back\b/gi, '$1 $2 be returned'],
  [/\b(swap|swaps|swapped|swapping|swop|swops)\b/gi, (word: string) => SWAP[word.toLowerCase()]!],
  [/\bgift\s+vouchers?\b/gi, (phrase: string) => (/s$/i.test(phrase) ? 'gift cards' : 'gift card')],
  // "give you a ring/bell/buzz", "ring you" -> call.
  [/\bgive\s+(you|u|them|me)\s+a\s+(?:ring|bell|buzz)\b/gi, 'call $1'],
  [/\bring\s+(you|u|ur|your)\b/gi, 'call $1'],
  [/\b(?:a\s+)?heads[\s-]up\b/gi, 'a notification'],
];

/** The message in the help page's words, for the FAQ search (the same text when no idiom is found). */
export function faqQueryText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of IDIOMS) out = typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement);
  return out;
}
