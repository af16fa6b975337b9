/**
 * Category from the catalog's own words: "jacket", "parka" -> "Jackets & Coats".
 * Longest matching term wins, so "running shoe" beats "shoe".
 *
 *   categoryTask.run('a warm jacket please', vocabulary) // { filters: { category: 'Jackets & Coats' } }
 */
import type { QueryTask } from './types.js';

export const categoryTask: QueryTask = {
  name: 'category',
  run(text, vocabulary) {
    const words = tokenizeWords(text);
    const singular = words.map(singularize);
    let best: { category: string; term: string } | undefined;
    for (const { name, terms } of vocabulary.categories) {
      for (const term of terms) {
        if (best && term.length <= best.term.length) continue;
        if (containsPhrase(singular, term.split(' '))) best = { category: name, term };
      }
    }
    return best ? { filters: { category: best.category }, matched: [best.term], shoppingCue: true } : {};
  },
};

export function tokenizeWords(text: string): string[] {
  const words = text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').match(/[a-z0-9]+(?:['’-][a-z0-9]+)*/g) ?? [];
  // Possessives carry no product meaning: "men's" -> "men", "chef's knife" -> "chef knife".
  return words.map((word) => word.replace(/['’]s$/, ''));
}

/** English plural to singular, good enough for product nouns ("dresses", "knives", "shoes"). */
export function singularize(word: string): string {
  if (word.length <= 3) return word;
  if (/(ches|shes|sses|xes|zes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ves') && word !== 'gloves') return `${word.slice(0, -3)}fe`;
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

function containsPhrase(words: string[], phrase: string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}
