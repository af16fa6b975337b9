/**
 * What a set or kit says it comes with: a duvet cover set "with two pillowcases" sells
 * pillowcases, as part of the set. Saying "we don't sell pillow cases" would be untrue; a bag
 * with "an adjustable strap" is no set, and sells no straps.
 *
 *   productSetWithPart(kb, 'pillow cases') // Nestwell Haven Duvet Cover Set
 */
import { escapeRegExp } from '../nlu/index.js';
import type { KnowledgeBase } from './knowledge-base.js';
import type { Product } from './schemas.js';

const SET_TYPE = /\b(?:set|kit)$/;
const COMES_WITH = /\b(?:with|includes?|including|comes with|contains)\b([^.;]*)/gi;

export function productSetWithPart(kb: KnowledgeBase, phrase: string): Product | undefined {
  // "pillow cases", "pillowcases", "pillow case": the words, joined or not, with an optional plural.
  const words = phrase.toLowerCase().split(/\s+/).filter(Boolean).map((word) => word.replace(/(?:es|s)$/, ''));
  if (words.length === 0) return undefined;
  const named = new RegExp(`\\b${words.map(escapeRegExp).join('[\\s-]?')}(?:e?s)?\\b`, 'i');
  return kb.products().find((product) => {
    if (!SET_TYPE.test(kb.typeOf(product) ?? '')) return false;
    for (const clause of (product.description ?? '').matchAll(COMES_WITH)) if (named.test(clause[1] ?? '')) return true;
    return false;
  });
}
