/**
 * Two questions in one message: "how long does delivery take and do u take paypal" is a
 * delivery question and a payment question. Splits a message at the one place it joins two
 * questions (a question mark with more after it, ", also", "and" before a question word),
 * so each part can be answered on its own. A message with no such place is one question.
 *
 *   questionParts('how long does delivery take and do u take paypal')
 *   // ['how long does delivery take', 'do u take paypal']
 *   questionParts('can I return shoes I have worn?')   // []
 */

/** Words that start a question (or a request phrased as one) after "and". */
const QUESTION_START = String.raw`(?:do|does|did|can|could|will|would|is|are|was|were|have|has|how|what|whats|what's|when|where|wheres|where's|why|which|who|should|u|you|i|im|i'm|any|also)`;

// Whitespace is collapsed to single spaces first, so no pattern can try the many ways of
// dividing a long run of spaces (a 2,000-character message of spaces took seconds).
const JOINS: RegExp[] = [
  // "...by friday? and do you take paypal"
  /\?+ ?(?:and |also |plus )?(?=\S)/i,
  // "..., also i need an invoice", ". also", "and also", "plus"
  /(?:[,.;] ?| and )(?:also|plus|oh and|and another thing)[,:]? /i,
  // "how long does it take and do you take paypal"
  new RegExp(String.raw`,? and (?=${QUESTION_START}\b)`, 'i'),
];

/** Fewer words than this on either side is not a question of its own ("...and how?"). */
const MIN_PART_WORDS = 3;

export function questionParts(message: string): string[] {
  const text = message.replace(/\s+/g, ' ').trim();
  for (const join of JOINS) {
    const match = join.exec(text);
    if (!match || match.index === 0) continue;
    const first = text.slice(0, match.index).trim();
    const second = text.slice(match.index + match[0].length).trim();
    if (words(first) >= MIN_PART_WORDS && words(second) >= MIN_PART_WORDS) return [first, second];
  }
  return [];
}

function words(text: string): number {
  return text.split(/\s+/).filter((word) => /[a-z0-9]/i.test(word)).length;
}

const QUESTION_OPENERS = /^ *(?:how|what|whats|what's|when|where|wheres|where's|why|which|who|do|does|did|can|could|will|would|is|are|was|should|if|have|has)\b/i;

/**
 * Asked as a question: a clause that starts with a question word ("how do your trainers fit",
 * "..., will i lose free postage?"). A question mark alone is not enough: "size 13 running
 * shoes?" asks for shoes.
 */
export function isQuestion(text: string): boolean {
  return text.split(/[,.;!?]/).some((clause) => QUESTION_OPENERS.test(clause));
}

/** "How do I ..." and its kin: a question about doing something. */
const HOW_TO = /^ *(?:how (?:do|can|could|should|would|will) (?:i|we|you|u|ya)|how to|(?:what'?s|whats|what is) the (?:best|right|easiest|quickest) way to|best way to)\s+(\w+)(?:\s+(\w+))?/i;
/** Verbs of a how-to that is about buying: "how do I choose a sleeping bag" is shopping. */
const BUYING_VERBS = /^(?:choose|pick|find|decide|know|tell|buy|get|order|shop|compare|select|work)$/i;

/**
 * Asked how to do something with a thing ("how do i fold a sleeping bag back into its bag", "how
 * do i pitch a 4 man tent on my own"), or who, why or when: a question about using or knowing,
 * not a request for products, whatever product it names. How to choose, find or buy one is
 * shopping. The FAQ may still answer it ("how do I wash merino").
 */
export function asksHowOrWhy(text: string): boolean {
  return text.split(/[,.;!?]/).some((clause) => {
    // "when will the tents be back", not "when it rains my jacket leaks".
    if (/^ *(?:who\b|(?:why|when)\s+(?:is|are|was|were|do|does|did|will|would|can|could|should|has|have|isn'?t|aren'?t|don'?t|doesn'?t|won'?t)\b)/i.test(clause)) return true;
    const howTo = HOW_TO.exec(clause);
    // "get rid of" is no getting.
    return Boolean(howTo && (!BUYING_VERBS.test(howTo[1]!) || howTo[2]?.toLowerCase() === 'rid'));
  });
}

/**
 * What happens to an order once bought: it arrives, breaks, goes back, is exchanged or refunded.
 * A message that tells of it ("changed my mind about the tent, can it go back", "one boot turned
 * up with the sole hanging off") is about an order, not a request for products, whatever product
 * it names.
 */
const ABOUT_AN_ORDER = new RegExp(
  [
    String.raw`\b(?:send|sent|take|took|bring|post) (?:it|them|this|these|that|those|one|both)(?: \w+)? back\b`,
    String.raw`\b(?:can|could|will|would|should) (?:it|they|this|these|that) (?:go|be sent|be taken) back\b`,
    String.raw`\bmoney back\b|\brefund(?:ed|s)?\b`,
    // Past forms only: "does it come in black?" asks about a product.
    String.raw`\b(?:turned|showed) up\b|\b(?:it|they|this|these|parcel|package|order|box) (?:arrived|came|(?:has|have|had) (?:arrived|come))\b`,
    // "just received my bonus" is no order.
    String.raw`\b(?:received|recieved|recived) (?:it|them|the (?:parcel|package|order|item|wrong)|my (?:order|parcel|package|refund)|a (?:damaged|broken|faulty|wrong))\b|\b(?:ordered|bought)\b[^.?!]*\b(?:received|recieved|recived|got)\b|\bgot (?:my order|the parcel|the wrong)\b`,
    String.raw`\b(?:has|have|had) (?:come|gone) (?:away|off|apart|blank)\b|\bcame (?:away|apart|off|broken|damaged|ripped|torn)\b`,
    // "a head torch that never stops working in the cold" is a wish.
    String.raw`\bstopped working\b|\b(?:won'?t|wont|doesn'?t|doesnt|will not|does not) (?:charge|turn on|switch on|power on)\b`,
    String.raw`\b(?:faulty|defective)\b`,
    // A part of something the shopper has that failed: "the zip on my coat has jammed", "strap snapped".
    String.raw`\b(?:zip|zipper|strap|buckle|seam|sole|handle|clasp|toggle|drawstring|lid|screen)\b[^.?!,]{0,30}\b(?:jammed|(?:is|got|gets|keeps getting) stuck|snapped|broken|broke|split|cracked|chipped|dented|shattered|come (?:off|undone|apart))\b|\b(?:jammed|snapped|broken|stuck|cracked|chipped) (?:zip|zipper|strap|buckle|clasp|lid|screen)\b`,
    // "jacket came with a rip in the sleeve".
    String.raw`\b(?:came|arrived) (?:with|in) (?:a |an |the )?(?:rip|tear|hole|stain|mark|scratch|crack|dent|broken|missing|damaged|wrong)\b`,
    // Not "the boots i bought last winter": "loved them, any new colours?" asks about products.
    String.raw`\b(?:isn'?t|is not|not) what (?:i|we) (?:bought|ordered|paid for)\b`,
    // Not "i'd like to place an order for 2 sleeping bags".
    String.raw`\b(?:my|our) order\b|(?<!\b(?:place|make|placing|making|put in|putting in) )\b(?:an|the|this) order\b(?! for)|\b(?:i|we|just) ordered\b|^\s*ordered\b`,
  ].join('|'),
  'i',
);

/**
 * The shopper tells of an order or something already bought: it arrived, broke, should go
 * back or be exchanged. Such a message is answered from the FAQ or by a person, not with
 * products.
 */
export function aboutAnOrder(text: string): boolean {
  return ABOUT_AN_ORDER.test(text);
}

/** Other retailers shoppers name. */
const OTHER_SHOPS = String.raw`(?:amazon|walmart|ebay|target|argos|tesco|asda|sainsbury'?s|john lewis|ikea|costco|decathlon|asos|zara|primark|currys|etsy|aldi|lidl|best buy|home depot|rei|kohl'?s|macy'?s|nordstrom|sports direct|jd sports|uniqlo|shein|temu|aliexpress)`;
/**
 * Other businesses a shopper deals with, whose policies are not this shop's: "a refund from my
 * airline", "cancel my netflix subscription", "does my home insurance cover...". Not a bank or a
 * flight: "my bank charged me twice" and "before my flight" are about this shop's orders.
 */
const OTHER_BUSINESSES = String.raw`(?:airline|insurer|(?:home|car|travel|contents|pet|health) insurance|netflix|spotify|amazon prime|disney\+?|broadband|phone (?:contract|provider|network)|energy supplier|landlord|letting agent|gym membership|mortgage|council)`;
const ABOUT_ANOTHER_SHOP = new RegExp(
  String.raw`\b(?:does|do|did|will|would|can|could|is|are|was|were) ${OTHER_SHOPS}\b|(?:^|\b(?:what'?s|whats|what is|how'?s|hows|how is) )${OTHER_SHOPS}'s\b|\b(?:bought|got|ordered|purchased) (?:it |them |something |this |these )?(?:at|from|on|off) ${OTHER_SHOPS}\b|\bmy ${OTHER_SHOPS} (?:order|parcel|package|delivery|refund|return|account)\b|` +
    // "what's the return policy at decathlon"; "a usps package that isn't from your shop".
    String.raw`\b(?:returns?|refund|exchange|delivery|shipping) polic(?:y|ies) (?:at|for|of|in) ${OTHER_SHOPS}\b|\b(?:order|parcel|package) from their (?:website|site|shop|store|app)\b|\b(?:is ?n'?t|is not|was ?n'?t|was not) (?:bought |ordered )?from (?:you|u|your (?:shop|store|site|website)|here|this (?:shop|store|site))\b|` +
    // Asked of the business, not mentioned beside a request: "a refund from my airline", "cancel my
    // netflix subscription", "does my home insurance cover…"; not "headphones for my airline flight".
    String.raw`\b(?:from|with|cancel|does|do|will|would|is|are|can|claim on) (?:my|our) ${OTHER_BUSINESSES}\b`,
  'i',
);

/**
 * A question about another shop ("does amazon deliver on sundays", "whats decathlon's returns
 * policy", "can i return something i bought at REI to your store"): this shop's FAQ answers for
 * this shop, so its answer would be untrue there. "Do you price match amazon" is about this shop
 * and does not count.
 */
export function asksAboutAnotherShop(text: string): boolean {
  return ABOUT_ANOTHER_SHOP.test(text);
}

const ABOUT_A_JOB = /\b(?:(?:are|r) (?:you|u|ya)(?: guys)? (?:hiring|recruiting)(?! out)|any (?:jobs?|vacanc(?:y|ies)|openings)|job (?:openings?|vacanc(?:y|ies)|application)|(?:do you offer|any) work experience|apply for (?:a |the )?(?:job|position|role)|(?:looking for|want|need|after) (?:a |some )?(?:weekend |part[- ]time |full[- ]time |summer |saturday |christmas )?(?:job|work) (?:at|in|with) (?:one of )?(?:your|ur|you)|(?:job|work) (?:at|in) (?:one of )?(?:your|ur) (?:stores?|shops?|branch(?:es)?|warehouses?))\b/i;

/**
 * Asking the shop for a job ("r u guys hiring? looking for weekend work at one of ur stores", "any
 * vacancies"): about the shop as an employer, never a request for products ("work" clothes).
 */
export function asksForAJob(text: string): boolean {
  return ABOUT_A_JOB.test(text);
}
