/**
 * Things the shopper or the person they buy for has already: no thing to buy them.
 *
 *   isOwnedAt(['she', 'has', 'a', 'tent', 'already'], 3)  // true
 *   isOwnedAt(['do', 'you', 'have', 'a', 'tent'], 4)       // false
 */
/** Words that join the items of a list ("boots and a backpack", "not grey or black"). */
export const LIST_JOINERS: ReadonlySet<string> = new Set(['or', 'and', 'nor']);

/** Words between an owner's verb and the thing: "has a tent", "owns good boots", "got a decent one". */
const OWNED_BRIDGE = new Set(['a', 'an', 'the', 'some', 'good', 'nice', 'decent', 'new', 'old', 'proper', 'already', 'their', 'her', 'his', 'my']);
const OWNERS = new Set(['i', 'ive', 'she', 'he', 'they', 'we', 'shes', 'hes', 'theyve', 'weve', 'who', 'already']);
const OWNING = new Set(['has', 'have', 'got', 'own', 'owns', 'owned']);
const ASKING = new Set(['can', 'could', 'may', 'might', 'do', 'does', 'did', 'would', 'will', 'should', 'shall']);

/**
 * Whether the word at `start` names something someone has already, which is no thing to buy them:
 * "she has a tent already", "he already owns good boots and a backpack", "ive got a yoga mat". Not
 * a question to the shop ("do you have a tent", "you got tents?"): the owner must be a person
 * other than "you", told and not asked ("can i have a tent"). Walks back over up to two one-word
 * list items ("boots and a backpack").
 */
export function isOwnedAt(words: readonly string[], start: number): boolean {
  let i = start - 1;
  for (let items = 0; items < 2; items++) {
    while (i >= 0 && OWNED_BRIDGE.has(words[i]!)) i--;
    if (i >= 1 && LIST_JOINERS.has(words[i]!)) i -= 2;
    else break;
  }
  while (i >= 0 && OWNED_BRIDGE.has(words[i]!)) i--;
  if (i < 1 || !OWNING.has(words[i]!)) return false;
  // "she already has", "i have got": one word may sit between the owner and the verb.
  const owner = OWNERS.has(words[i - 1]!) ? i - 1 : (words[i - 1] === 'already' || words[i - 1] === 'have') && OWNERS.has(words[i - 2] ?? '') ? i - 2 : -1;
  // Asked, not told: "can i have a tent", "do they have one", "could we get a bigger one".
  return owner >= 0 && !ASKING.has(words[owner - 1] ?? '');
}
