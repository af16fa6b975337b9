/**
 * Small shop vocabularies for query-understanding tests, without the catalog: a product type as
 * ShopVocabulary holds it. Plural and terms default to the name's ("tent" -> "tents", ["tent"]).
 */
import type { ShopVocabulary } from '../nlu/index.js';

export function vocabularyType(name: string, category: string, plural = `${name}s`, terms: string[] = [name]): NonNullable<ShopVocabulary['types']>[number] {
  return { name, category, plural, terms };
}
