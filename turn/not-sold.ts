/**
 * What the shop does not sell, and how to say so truly: a thing asked for by a name the shop
 * has no word for ("do you sell laptops?"), or a kind the shop has of a make or sort it has never
 * heard of ("PS5 games"). Each answer names the thing as the shopper would and offers what the
 * shop does sell instead. turn/decide.ts decides when to ask.
 *
 *   await notSoldThing(requestedThing('do you sell laptops?')!, ...) // { thing: 'laptops', suggestions: ['Show me bags & backpacks', ...], confidence: 0.9 }
 */
import { pluralize, productSetWithPart, type KnowledgeBase, type ProductType } from '../catalog/index.js';
import { normalizeText, stem, dot, englishLexicon, englishSpelling, escapeRegExp, namesShopKind, shopWords, CONTAINERS, kindName, type RequestedThing, singularize, understand, type Encoder, type ShopVocabulary } from '../nlu/index.js';


/** The message a thing was asked for in, and what the checks read it against. */
export interface AskedFor {
  /** As the shopper typed it (a name is said back as typed). */
  typed: string;
  /** Spelling corrected and slang read: what every check reads. */
  message: string;
  kb: KnowledgeBase;
  vocabulary: ShopVocabulary;
  encoder: Encoder;
  /** turn/decide.ts `soldThreshold`: how near a product a thing's name must be to count as sold. */
  soldThreshold: number;
}
/**
 * The thing the shopper asked for by name when the shop does not sell it: its name has no
 * word in the shop's vocabulary (types, categories, brands, shoppers' synonyms; checked by
 * the caller) and the query categoriser does not match it to any product well enough.
 * Returns the reply's facts.
 */
export async function notSoldThing(
  thing: RequestedThing,
  vector: ArrayLike<number>,
  messageVector: ArrayLike<number>,
  { message, kb, vocabulary, encoder, soldThreshold }: AskedFor,
): Promise<{ confidence: number; thing: string; suggestions: string[] } | undefined> {
  // A message that names a kind of product, a category or a brand besides the thing is about what
  // the shop has ("running shoes, just not racing flats, I need actual cushioning"): never answered
  // "not sold". A kind inside the thing's own name does not count ("sports bra", "watch strap"),
  // nor one the shopper already owns or turns down ("my chef's knife is blunt", "to go with my
  // speakers", "don't need a whole backpack"): that is not what they ask the shop for.
  const besides = understand(withoutOwnedOrRefused(withoutPhrase(message, thing.phrase)), vocabulary).filters;
  // A category said only as what the thing is for is no request for it: "hammock to take camping",
  // "a toaster for the kitchen".
  const after = message.slice((phrasePattern(thing.phrase).exec(message)?.index ?? 0) + thing.phrase.length);
  const forUse = !besides.types?.length && !besides.brands?.length && Boolean(besides.category) && /^\W*(?:to|for)\b/i.test(after) && understand(message.slice(0, message.length - after.length), vocabulary).filters.category === undefined;
  if (besides.types?.length || (besides.category && !forUse) || besides.brands?.length || !kb.categoriser) return undefined;
  // A service the shop offers is one its FAQ or products mention ("repairs", "price matching");
  // one they never mention ("yoga classes") it does not offer.
  if (thing.service && mentionedByTheShop(thing.head, kb)) return undefined;
  // Only what the products are (titles, descriptions, clicks): needs mention things the shop
  // does not sell ("a blanket for the sofa"), and "laptop" must not count as sold for a laptop backpack.
  const best = thing.service ? 0 : (kb.categoriser.classify(vector, ['title', 'description', 'click']).types[0]?.score ?? 0);
  if (best >= soldThreshold) return undefined;
  if (coversAShopType(thing, kb) || productSetWithPart(kb, thing.phrase) || saidAsATypeIs(thing, kb)) return undefined;
  if (await sameKindAsAType(thing, kb, vocabulary, encoder, soldThreshold)) return undefined;
  // Buttons for the categories nearest both the thing and the whole message: "rug" alone is near
  // clothing words, "a rug for the lounge" near the home.
  // A category missing from one reading's nearest texts counts as that reading's lowest score, not 0.
  const readings = [vector, messageVector].map((v) => kb.categoriser!.classify(v).categories);
  const names = new Set(readings.flatMap((categories) => categories.map((c) => c.category)));
  const nearness = [...names].map((name) => {
    const score = readings.reduce((sum, categories) => sum + (categories.find((c) => c.category === name)?.score ?? Math.min(...categories.map((c) => c.score))), 0);
    return { name, score };
  });
  const suggestions = nearness.sort((a, b) => b.score - a.score).slice(0, 3).map(({ name }) => `Show me ${name.toLowerCase()}`);
  // How sure: the distance of the best-matching type from the line at which it would count as sold.
  // Said as a kind: "we don't sell air fryers" for "air fryer?", "sports bras" for "sports bra". A
  // plural is kept as typed ("tvs"), and so is a word that has no plural (furniture) or ends in "s".
  // Spelt as English does where the shopper slipped: "we don't sell ps5 controllers", not "controlers".
  // Only the thing's own noun after another word ("ps5 controler"), and only for a doubled letter
  // or two swapped: a make is spelt as its maker spells it ("iphone", "retro casio"), and so may a
  // name typed alone be one ("chanel", "dyson"). A typo before the noun is said as typed ("protien").
  const typed = kindName(thing.phrase).split(' ');
  const last = typed.length > 1 ? englishSpelling(typed.at(-1)!, 'likely') : typed[0]!;
  const name = [...typed.slice(0, -1), last].join(' ');
  const head = last === typed.at(-1) ? thing.head : singularize(last);
  // A word ending in "s" may be a plural the singularizer left alone ("tvs"); one in "-ss" is a
  // singular ("mattress": "we don't sell mattresses"), but for a material ("glass").
  // Nor an activity's name ("personal styling").
  const countable = last === head && !thing.contained && !thing.asTyped && (!/s$/.test(last) || /ss$/.test(last)) && !UNCOUNTABLE.has(last) && !englishLexicon().isIngForm(last);
  // A model's name is said as typed, number and all ("iphone 15", "ps5"), not as a plural; a thing
  // named after one is counted as any thing is ("iphone 15 cases", "ps5 controllers").
  // The number only where it ends the clause: "laptops 15 inch" are laptops.
  const typedName = phrasePattern(thing.phrase, '(?:\\s+\\d+(?=\\s*(?:[?.!,;]|$)))?').exec(message)?.[0];
  const kind = typedName && /\d/.test(typedName.split(/\s+/).at(-1)!) ? typedName : countable ? pluralize(name) : name;
  return { confidence: Math.min(1, Math.max(0, (soldThreshold - best) / soldThreshold + 0.5)), thing: kind, suggestions, ...(thing.service ? { service: true } : {}) };
}

/**
 * The thing asked for, when its kind is the shop's but a word before it names a make or model the
 * shop has never heard of: no product, FAQ entry or shop word has it, and English does not know it
 * ("PS5 games"; not "comfy trainers" or "festival tents", which may be any). Said as typed,
 * with the shop's types of that kind as buttons.
 */
export function unheardOfMake(thing: RequestedThing, typed: string, kb: KnowledgeBase, vocabulary: ShopVocabulary): { thing: string; suggestions: string[] } | undefined {
  const words = thing.phrase.split(' ');
  if (words.length < 2) return undefined;
  const lexicon = englishLexicon();
  const { allWords } = shopWords(vocabulary);
  const unheard = words
    .slice(0, -1)
    .map((word) => word.replace(/'s$/, ''))
    // A make or model: English does not know the word at all ("festival tents" are tents).
    .filter((word) => /[a-z]/.test(word) && !allWords.has(word) && !allWords.has(singularize(word)) && !lexicon.isModifier(word) && !lexicon.isNoun(word) && !lexicon.isVerb(word) && !readsAsConstraint(word, vocabulary) && !mentionedByTheShop(word, kb));
  if (unheard.length === 0) return undefined;
  const kinds = kb.productTypes.types.filter((type) => singularize(type.name.split(/[\s-]+/).at(-1)!) === thing.head);
  if (kinds.length === 0) return undefined;
  return { thing: saidAsAKind(thing.phrase, typed), suggestions: kindButtons(kinds) };
}

/**
 * The thing asked for, when the shop has its kind only in other sorts: "office chairs" where the
 * shop's chairs are camp chairs, "dog coats" where its coats are wool coats, "bean bags" among
 * its backpacks and totes. A word before the name says which sort, and nothing the shop says of
 * its products of that kind has it: not their titles or descriptions, nor the needs and gift
 * phrases written for them, nor searches that led to them. "Winter coats", "work trousers" and
 * "bedside lamps" are what the shop says its coats, trousers and lamps are for. Nor is the whole
 * name, by meaning, one of those sorts ("kitchen knife" is a chef's knife). Said as typed, from
 * the word that says which sort ("office chairs" for "a black office chair"), with the shop's
 * sorts as buttons.
 */
export async function otherSortOfKind(
  thing: RequestedThing,
  { typed, message, kb, vocabulary, encoder, soldThreshold }: AskedFor,
): Promise<{ confidence: number; thing: string; suggestions: string[] } | undefined> {
  const words = thing.phrase.split(' ');
  if (words.length < 2 || !kb.categoriser) return undefined;
  const lexicon = englishLexicon();
  const { allWords } = shopWords(vocabulary);
  const modifiers = words.slice(0, -1).map((word) => word.replace(/'s$/, ''));
  // Words that name a sort: a noun or an act ("gaming"), not a quality ("facial", "plain", "dope"),
  // and not one the shop reads as which one (a colour, a gender, a brand) or has in its own names ("camp").
  // Nor part of two words the shop reads so ("carbon fibre" is a material).
  const sorts = modifiers.filter(
    (word, i) =>
      /^[a-z]{3,}$/.test(word) &&
      (lexicon.isNoun(word) || lexicon.isVerb(word)) &&
      !lexicon.isModifier(word) &&
      !PRAISE.has(word) &&
      !WHO.has(word) &&
      // "Sulfate free", "fragrance-free": what it is without, not a sort of it.
      modifiers[i + 1] !== 'free' &&
      !allWords.has(word) &&
      !allWords.has(singularize(word)) &&
      !readsAsConstraint(word, vocabulary) &&
      !(i > 0 && readsAsConstraint(`${modifiers[i - 1]} ${word}`, vocabulary)),
  );
  if (sorts.length === 0) return undefined;
  const kinds = kindsNamed(thing.head, kb, vocabulary);
  if (kinds.length === 0) return undefined;
  const said = categoryStems(kinds, kb);
  // Said in another form counts: "enamel" of the shop's "enamelled cast iron".
  const sayings = [...said].filter((form) => form.length >= MIN_STEM);
  const saidAlike = (word: string) => {
    const wordStem = stem(word);
    return said.has(wordStem) || (wordStem.length >= MIN_STEM && sayings.some((form) => form.startsWith(wordStem) || wordStem.startsWith(form)));
  };
  if (sorts.some(saidAlike)) return undefined;
  if (namesSomethingElse(message, thing.phrase, vocabulary)) return undefined;
  const singular = [...words.slice(0, -1), thing.head].join(' ');
  const [vector, ...kindVectors] = await encoder.embed([singular, ...kinds.map((kind) => kind.name)]);
  const nearest = Math.max(...kindVectors.map((kindVector) => dot(vector!, kindVector)));
  if (nearest >= soldThreshold) return undefined;
  const first = modifiers.indexOf(sorts[0]!);
  return {
    confidence: Math.min(1, Math.max(0, (soldThreshold - nearest) / soldThreshold + 0.5)),
    thing: saidAsAKind(words.slice(first).join(' '), typed),
    suggestions: kindButtons(kinds),
  };
}

/**
 * The thing asked for, when it is for an animal and the shop sells that kind only for people:
 * "dog shampoo", "a waterproof coat for my dog", "jumper for my dachshund". Only a product title
 * naming the animal makes it sold; descriptions and needs mention dogs as what people walk ("for
 * dog walks in the rain"), and the encoder puts "dog shampoo" as near shampoo as any shampoo.
 * Said as a kind for the animal ("waterproof coats for dogs"), with the shop's kinds as buttons.
 */
export function forAnAnimal(thing: RequestedThing, { typed, message, kb, vocabulary }: AskedFor): { confidence: number; thing: string; suggestions: string[] } | undefined {
  const words = thing.phrase.split(' ');
  const before = animalBefore(words, typed);
  const animal = before ?? animalItIsFor(message.slice((phrasePattern(thing.phrase).exec(message)?.index ?? 0) + thing.phrase.length));
  if (!animal) return undefined;
  const kinds = kindsNamed(thing.head, kb, vocabulary);
  if (kinds.length === 0) return undefined;
  const wanted = new Set(kinds.map((kind) => kind.name));
  const animalStem = stem(singularize(animal));
  if (kb.products().some((product) => wanted.has(kb.productTypes.typeOf.get(product.id) ?? '') && normalizeText(product.title).split(' ').map(stem).includes(animalStem))) return undefined;
  if (namesSomethingElse(message, thing.phrase, vocabulary)) return undefined;
  const name = before ? saidAsAKind(words.slice(words.indexOf(before)).join(' '), typed) : `${saidAsAKind(thing.phrase, typed)} for ${pluralize(singularize(animal))}`;
  return { confidence: 1, thing: name, suggestions: kindButtons(kinds) };
}

/**
 * The animal a thing's name says it is for: right before its name ("dog coat", "waterproof dog
 * coat"), or before one more noun ("dog rain coat"). Not an animal that says what the thing is
 * for doing ("dog walking jacket") or who likes it ("dog-mad", "dog-friendly blanket").
 */
function animalBefore(words: readonly string[], typed: string): string | undefined {
  const at = words.length >= 3 && !/ing$/.test(words.at(-2)!) && isAnimal(words.at(-3)!) ? words.length - 3 : words.length >= 2 && isAnimal(words.at(-2)!) ? words.length - 2 : -1;
  if (at < 0) return undefined;
  const animal = words[at]!;
  return new RegExp(String.raw`\b${animal}[-'’]`, 'i').test(typed) ? undefined : animal;
}

/**
 * The animal a thing is for, said after it: "for my dog", "for our cocker spaniel", "for my
 * dachshund lol". Not a word that only starts with the animal ("for my dog's walks", "for my
 * dog-mad brother"), nor an animal before another noun ("for my dog walks").
 */
function animalItIsFor(after: string): string | undefined {
  const [, first, second] = FOR_WHOM.exec(after) ?? [];
  if (!first) return undefined;
  if (second && isAnimal(second)) return second.toLowerCase();
  return isAnimal(first) && !(second && !NOT_WHAT_IT_DOES.has(second.toLowerCase()) && englishLexicon().isNoun(second)) ? first.toLowerCase() : undefined;
}
/** Words after an animal that English files as nouns but say nothing it does: "for my dog thanks", "for my dog now its cold". */
const NOT_WHAT_IT_DOES = new Set(['thanks', 'thank', 'now', 'please', 'pls', 'lol', 'too', 'asap', 'today', 'tonight', 'tomorrow', 'though', 'tho', 'x', 'xx', 'cheers', 'again', 'here', 'there']);
const FOR_WHOM = /^\W*(?:for|4) (?:my|our|the|a|his|her|their) ([a-z]+)(?![\w'’-])(?: ([a-z]+)(?![\w'’-]))?/i;

/** Pets by name, and any dog by its breed ("dachshund", "spaniel", as WordNet files them). */
const PETS = new Set(['dog', 'puppy', 'pup', 'cat', 'kitten', 'kitty', 'rabbit', 'bunny', 'hamster', 'gerbil', 'horse', 'pony', 'parrot', 'budgie', 'pet', 'ferret', 'tortoise']);
function isAnimal(word: string): boolean {
  const singular = singularize(word.toLowerCase());
  return PETS.has(singular) || englishLexicon().isKindOf(singular, 'dog', 1) === true;
}

/** Shoppers' praise that English files as nouns: "any dope hoodies", "killer boots". */
const PRAISE = new Set(['dope', 'fire', 'killer', 'banger', 'beast', 'boss', 'lush', 'peng']);

/** Stems this long or longer are compared by their beginnings ("enamel", "enamelled"); shorter ones whole. */
const MIN_STEM = 5;

/** Whom a thing is for, not which sort it is: "kids backpacks" are backpacks, for kids. */
const WHO = new Set(['kid', 'kids', 'child', 'children', 'toddler', 'toddlers', 'teen', 'teens', 'teenager', 'teenagers', 'boy', 'boys', 'girl', 'girls', 'man', 'men', 'woman', 'women', 'lady', 'ladies', 'adult', 'adults', 'junior', 'youth']);

/**
 * Whether the message, the thing and what is owned or refused taken out, names another of the
 * shop's kinds, a category or a brand: then it is about what the shop has.
 */
function namesSomethingElse(message: string, phrase: string, vocabulary: ShopVocabulary): boolean {
  const besides = understand(withoutOwnedOrRefused(withoutPhrase(message, phrase)), vocabulary).filters;
  return Boolean(besides.types?.length || besides.category || besides.brands?.length);
}

/** Buttons for the shop's own sorts of the kind asked for. */
function kindButtons(kinds: readonly ProductType[]): string[] {
  return kinds.slice(0, 3).map((type) => `Show me ${type.plural}`);
}

/**
 * The shop's kinds a head word names: the types it ends ("chair": camp chairs), or else those the
 * shop reads it as ("coat": wool coats), or else every type of the category it names ("bag").
 */
function kindsNamed(head: string, kb: KnowledgeBase, vocabulary: ShopVocabulary): ProductType[] {
  const ending = kb.productTypes.types.filter((type) => singularize(type.name.split(/[\s-]+/).at(-1)!) === head);
  if (ending.length) return ending;
  const { types, category } = understand(head, vocabulary).filters;
  if (types?.length) return kb.productTypes.types.filter((type) => types.includes(type.name));
  return category ? kb.productTypes.types.filter((type) => type.category === category) : [];
}

const categoryStemsCache = new WeakMap<KnowledgeBase, Map<string, Set<string>>>();
const typeStemsCache = new WeakMap<KnowledgeBase, Map<string, { said: Set<string>; beforeANoun: Set<string> }>>();

/**
 * The stems of the words the shop says of the kinds (their products' titles and descriptions, and
 * the categoriser's texts for them), and of the words it puts before a noun for the other types of
 * their categories: "lounge pants" are the shop's, though its pants are hiking pants, when its
 * joggers are "lounge joggers"; an "acne cleanser" is, when its serum will "fade acne marks". Only
 * before a noun: "switch games" are not the shop's for a jigsaw to "switch off" with.
 */
function categoryStems(kinds: readonly ProductType[], kb: KnowledgeBase): Set<string> {
  let byKinds = categoryStemsCache.get(kb);
  if (!byKinds) categoryStemsCache.set(kb, (byKinds = new Map()));
  const key = kinds.map((kind) => kind.name).sort().join('|');
  const known = byKinds.get(key);
  if (known) return known;
  const stems = new Set<string>();
  const named = new Set(kinds.map((kind) => kind.name));
  for (const kind of kinds) for (const word of typeStems(kind.name, kb).said) stems.add(word);
  const categories = new Set(kinds.flatMap((kind) => (kind.category ? [kind.category] : [])));
  for (const type of kb.productTypes.types) {
    if (named.has(type.name) || !type.category || !categories.has(type.category)) continue;
    for (const word of typeStems(type.name, kb).beforeANoun) stems.add(word);
  }
  byKinds.set(key, stems);
  return stems;
}

/** A type's stems, every one and those said before a noun, read once per knowledge base. */
function typeStems(type: string, kb: KnowledgeBase): { said: Set<string>; beforeANoun: Set<string> } {
  let byType = typeStemsCache.get(kb);
  if (!byType) typeStemsCache.set(kb, (byType = new Map()));
  let stems = byType.get(type);
  if (!stems) {
    const lexicon = englishLexicon();
    const products = kb.products().filter((product) => kb.productTypes.typeOf.get(product.id) === type);
    const texts = [...products.flatMap((product) => [product.title, product.description ?? '']), ...(kb.categoriser?.textsAbout(type) ?? [])];
    stems = { said: new Set(), beforeANoun: new Set() };
    for (const text of texts) {
      const words = normalizeText(text).split(' ');
      for (const [i, word] of words.entries()) {
        stems.said.add(stem(word));
        const next = words[i + 1];
        if (next && lexicon.isNoun(next) && !PARTICLES.has(next)) stems.beforeANoun.add(stem(word));
      }
    }
    byType.set(type, stems);
  }
  return stems;
}

/** Words after a verb that make it a phrasal verb, though English also files some as nouns ("switch off", "lounge in"). */
const PARTICLES = new Set(['off', 'on', 'up', 'out', 'down', 'in', 'over', 'away', 'back', 'between', 'around', 'through', 'about', 'with', 'for', 'to', 'at', 'by']);

/**
 * The shopper's own spelling of a thing ("PS5 games"), as a kind: "we don't sell desk chairs" for
 * "a desk chair".
 */
function saidAsAKind(phrase: string, typed: string): string {
  const said = phrasePattern(phrase).exec(typed)?.[0] ?? phrase;
  const last = said.split(' ').at(-1)!.toLowerCase();
  return singularize(last) === last && !UNCOUNTABLE.has(last) ? pluralize(said) : said;
}

const shopStemsCache = new WeakMap<KnowledgeBase, Set<string>>();

/** Whether any FAQ entry or product of the shop has the word, stem for stem ("matching" in "price match"). */
function mentionedByTheShop(word: string, kb: KnowledgeBase): boolean {
  let stems = shopStemsCache.get(kb);
  if (!stems) {
    const texts = [...kb.faqEntries().flatMap((entry) => [...entry.questions, entry.answer]), ...kb.products().flatMap((product) => [product.title, product.description ?? ''])];
    stems = new Set(texts.flatMap((text) => normalizeText(text).split(' ').map(stem)));
    shopStemsCache.set(kb, stems);
  }
  return stems.has(stem(normalizeText(word)));
}

/**
 * The message with the phrase's words taken out, wherever they are (case and punctuation aside),
 * and what it comes in with them: "a bottle of prosecco" asks for no water bottle.
 */
const CONTAINER_WORDS = [...CONTAINERS].join('|');

function withoutPhrase(message: string, phrase: string): string {
  const container = new RegExp(`\\b(?:${CONTAINER_WORDS}) of\\s+(?=${phrasePattern(phrase).source})`, 'gi');
  return message.replace(container, ' ').replace(phrasePattern(phrase), ' ');
}

/** The phrase's words wherever the message has them, whatever lies between (case and punctuation aside), then `after`. */
function phrasePattern(phrase: string, after = ''): RegExp {
  return new RegExp(`\\b${phrase.split(' ').map(escapeRegExp).join('[^a-z0-9]+')}${after}\\b`, 'i');
}

/**
 * Whether one of the shop's types is, in English, a kind of the thing: "utensils" covers frying
 * pans, "footwear" running shoes ("trail running shoe" by the "running shoe" English knows),
 * "furniture" camp chairs. Only the two most frequent senses of each name count ("phones" are
 * telephones, not the earphones of WordNet's third sense), and of a type's last word alone only
 * the most frequent: otherwise the shop's sleeping pads made tablets sold (a pad of paper is a
 * tablet), and its resistance bands jewellery.
 */
function coversAShopType(thing: RequestedThing, kb: KnowledgeBase): boolean {
  const lexicon = englishLexicon();
  return typeNamesInEnglish(kb).some(({ name, senses }) => lexicon.isKindOf(name, thing.phrase, senses) === true);
}

const typeNamesInEnglishCache = new WeakMap<KnowledgeBase, { name: string; senses: number }[]>();

/** Each type by the name English knows it by, with the senses that count (see coversAShopType), kept per shop. */
function typeNamesInEnglish(kb: KnowledgeBase): { name: string; senses: number }[] {
  let names = typeNamesInEnglishCache.get(kb);
  if (!names) {
    const lexicon = englishLexicon();
    names = kb.productTypes.types.map(({ name }) => {
      const words = name.split(/[\s-]+/);
      const ending = [name, words.slice(-2).join(' ')].find((candidate) => candidate.includes(' ') && lexicon.isNoun(candidate));
      return ending ? { name: ending, senses: 2 } : { name: words.at(-1)!, senses: 1 };
    });
    typeNamesInEnglishCache.set(kb, names);
  }
  return names;
}

/**
 * Whether the words before the thing's last are all that sets one of the shop's types apart from
 * others of its kind, and say what it does: "noise cancelling cans" are noise-cancelling
 * headphones, whatever "cans" are to the shop. Two words at least (one, "camp" or "wool", says too
 * little), ending in a word of doing or a quality: "vitamin c tablets" name what is in them, and are
 * no vitamin c serum.
 */
function saidAsATypeIs(thing: RequestedThing, kb: KnowledgeBase): boolean {
  const modifiers = thing.phrase.split(/[\s-]+/).slice(0, -1);
  const lexicon = englishLexicon();
  const last = modifiers.at(-1) ?? '';
  if (modifiers.length < 2 || !(lexicon.isIngForm(last) || !lexicon.isNoun(last))) return false;
  return kb.productTypes.types.some((type) => type.name.split(/[\s-]+/).slice(0, -1).join(' ') === modifiers.join(' '));
}

/**
 * The message without the few words after a possessive ("my chef's knife", "our old speakers"), a
 * refusal ("don't need a whole backpack", "rather than a tent"), a purpose ("for camping", "for
 * the bedroom": where it is used, not what it is) or a part ("with a bottle opener"). Not "your":
 * "your shampoo" is the shop's.
 */
function withoutOwnedOrRefused(message: string): string {
  return message.replace(OWNED_OR_REFUSED, ' ');
}
// Up to three words, not across "or"/"and" ("looking for leggings or joggers" keeps the joggers);
// not the "for" of "looking for".
const OWNED_OR_REFUSED = /\b(?:my|our|his|her|their|(?:mum|mom|dad|wife|husband|partner|son|daughter)'?s|(?:do ?n'?t|do not|doesn'?t) (?:need|want)|rather than|instead of|not|(?<!(?:looking|searching|shopping|hunting) )for|with)(?:\s+(?!(?:or|and|nor)\b)[^\s,.!?;:()]+){1,3}/gi;

const typeVectorsCache = new WeakMap<KnowledgeBase, Map<string, ArrayLike<number>>>();

/**
 * Whether the thing is, by meaning, one of the shop's types that has its word in its name: a
 * "fleece" is a fleece jacket and a "skipping rope" a jump rope, while a "laptop" is no laptop
 * backpack. Compared singular to singular (the encoder scores plurals lower): "fleece" to "fleece
 * jacket" 0.86, "skipping rope" to "jump rope" 0.84, "laptop" to "laptop backpack" 0.67. Embeds
 * only on the rare turn that would otherwise say "we don't sell".
 */
async function sameKindAsAType(thing: RequestedThing, kb: KnowledgeBase, vocabulary: ShopVocabulary, encoder: Encoder, threshold: number): Promise<boolean> {
  const words = thing.phrase.split(' ');
  const singular = [...words.slice(0, -1), thing.head].join(' ');
  // A type is related when it is a kind of the same thing ("jump rope" for "skipping rope"), or when
  // the thing's name is the type's modifier, as shoppers shorten it ("a fleece" for a fleece
  // jacket, "a cable knit" for a cable-knit sweater). Words the shop reads as which one ("mens",
  // "xl", "wool") are not part of the name. A laptop sleeve is a sleeve: the sleeve of a
  // long-sleeve top does not make it sold.
  const lexicon = englishLexicon();
  const named = [...words.slice(0, -1).filter((word) => !readsAsConstraint(word, vocabulary)), thing.head].join(' ');
  const related = kb.productTypes.types
    .map((type) => type.name)
    .filter((name) => {
      const typeWords = name.split(/[\s-]+/);
      return typeWords.at(-1) === thing.head || typeWords.at(-1) === words.at(-1) || ` ${typeWords.slice(0, -1).join(' ')} `.includes(` ${named} `);
    })
    // A type English knows the thing is not a kind of is no match however close the words: a
    // hot-water bottle is no water bottle.
    .filter((name) => lexicon.isKindOf(thing.phrase, name) !== false);
  if (related.length === 0) return false;
  let cached = typeVectorsCache.get(kb);
  if (!cached) typeVectorsCache.set(kb, (cached = new Map()));
  const missing = related.filter((name) => !cached!.has(name));
  // The head alone as well: "mens fleece" is as much a fleece jacket as "fleece" is; not when
  // English files the thing elsewhere ("life jacket" is no jacket).
  const said = [...new Set([singular, ...(lexicon.isKindOf(thing.phrase, thing.head) === false ? [] : [thing.head])])];
  const vectors = await encoder.embed([...said, ...missing]);
  missing.forEach((name, i) => cached!.set(name, vectors[said.length + i]!));
  return related.some((name) => said.some((_, i) => dot(vectors[i]!, cached!.get(name)!) >= threshold));
}

/** The shop reads the word as an attribute or a brand: a gender, a size, a colour, a material. */
function readsAsConstraint(word: string, vocabulary: ShopVocabulary): boolean {
  const { attributes, brands } = understand(word, vocabulary).filters;
  return Object.keys(attributes ?? {}).length > 0 || Boolean(brands?.length);
}

const colourAndMaterialCache = new WeakMap<ShopVocabulary, Set<string>>();

/** The shop's colour and material values, lower case ("black", "linen", "merino wool"). */
function colourOrMaterialWords(vocabulary: ShopVocabulary): Set<string> {
  let words = colourAndMaterialCache.get(vocabulary);
  if (!words) {
    words = new Set((vocabulary.attributes ?? []).filter((a) => a.kind === 'colour' || a.kind === 'material').flatMap((a) => a.values.map((value) => value.toLowerCase())));
    colourAndMaterialCache.set(vocabulary, words);
  }
  return words;
}

/** Things English does not count: "we don't sell furniture", not "furnitures". */
const UNCOUNTABLE = new Set(['glass', 'grass', 'hay', 'straw', 'bedding', 'sawdust', 'moss', 'furniture', 'jewellery', 'jewelry', 'luggage', 'equipment', 'software', 'clothing', 'makeup', 'make-up', 'gear', 'stuff', 'food', 'milk', 'bread', 'meat', 'fish', 'rice', 'wine', 'beer', 'coffee', 'tea', 'paper', 'music', 'art', 'hardware', 'underwear', 'footwear', 'knitwear', 'swimwear', 'lingerie', 'perfume', 'shampoo', 'conditioner', 'mascara', 'lipstick', 'petrol', 'fuel', 'gas', 'litter', 'ink', 'toner', 'paint', 'glue', 'soil', 'compost', 'fertiliser', 'fertilizer', 'flour', 'sugar', 'salt', 'oil', 'detergent', 'toothpaste', 'soap']);

/**
 * Whether the shop has a word for the thing: the shop reads it as one of its kinds, its last words
 * are one of the shop's type or category terms or synonyms, or its head is a word the shop has. An English compound the shop
 * has no term for is a kind of its own when its last word is only part of the shop's names: an
 * ironing board is not a cutting board, a floor lamp not a table lamp. Where the last word is one
 * of the shop's names on its own ("watch", "bag", "jacket"), the compound is taken as one of those
 * ("wrist watch", "shoulder bag"): saying "we don't sell wrist watches" would be untrue. So is
 * a thing English calls by another of the shop's names ("chopping board", "skipping rope").
 */
export function knownByName(thing: RequestedThing, vocabulary: ShopVocabulary): boolean {
  const words = thing.phrase.split(' ');
  const { terms, namingWords } = shopWords(vocabulary);
  const lexicon = englishLexicon();
  // Its last three and last two words, singular: the compounds it may be ("hot water bottle", "water bottle").
  const compounds = [3, 2].filter((length) => words.length >= length).map((length) => [...words.slice(-length, -1), thing.head].join(' '));
  // English's other name for one of the shop's things: "chopping board" is a cutting board,
  // "skipping rope" a jump rope (WordNet synonyms of two or three words: one word has too many senses,
  // "phones" are headphones to WordNet).
  if (compounds.some((compound) => lexicon.synonymsOf(compound).some((synonym) => terms.has(synonym) || terms.has(singularize(synonym))))) return true;
  for (const [i, compound] of compounds.entries()) {
    if (terms.has(compound)) return true;
    // A compound English files elsewhere than under the shorter name the shop uses is not the
    // shop's kind: a hot-water bottle is no water bottle, a life jacket (a life preserver) no jacket.
    const shorter = compounds.slice(i + 1).find((name) => terms.has(name)) ?? thing.head;
    if (lexicon.isKindOf(compound, shorter) === false) return false;
  }
  if (namesShopKind(thing.phrase, vocabulary)) return true;
  // A name with one of the shop's brands in it, whole, is the shop's: "fjellby vidde in size M" (not
  // "pine furniture" for Harbor & Pine).
  // Punctuation aside: "vane & co" is Vane & Co.
  const plain = (text: string) => ` ${text.toLowerCase().replace(/[.,!?]/g, '').replace(/\s+/g, ' ').trim()} `;
  if ((vocabulary.brands ?? []).some((brand) => plain(thing.phrase).includes(plain(brand)))) return true;
  // A colour or material the shop has, said alone, is no thing it lacks: "any black?", "got linen?".
  if (words.length === 1 && colourOrMaterialWords(vocabulary).has(thing.phrase.toLowerCase())) return true;
  for (const compound of compounds) {
    // A compound English knows is one of the shop's things by its last word ("wrist watch",
    // "electric blanket"), and its own kind when that word is only part of the shop's names
    // ("ironing board"). One English files elsewhere did not get this far (the loop above).
    if (lexicon.isNoun(compound)) return terms.has(thing.head);
  }
  return namingWords.has(thing.head);
}
