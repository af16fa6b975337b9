/**
 * Writes the labelled product requests for the demo catalog (demo/eval/product-requests.
 * {tune,report}.jsonl): shopper-style requests built from templates over the catalog's
 * categories, colours, materials, brands, genders and prices, each labelled with every
 * product that meets what the request states (its relevant set) and with those
 * constraints as filters (for filter precision). Seeded, so the files are reproducible;
 * alternate requests go to the tuning and the reporting half.
 *
 *   npx tsx scripts/eval/demo-requests.ts [--count 320] [--seed 5]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Product, ProductFilters } from '../../catalog/index.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '320' }, seed: { type: 'string', default: '5' } } });
const products: Product[] = JSON.parse(readFileSync(new URL('../../demo/products.json', import.meta.url), 'utf8'));
let state = Number(values.seed) >>> 0;
const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 4294967296);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** How shoppers name each demo category (several ways, some the catalog never uses). */
const NOUNS: Record<string, string[]> = {
  'Running Shoes': ['running shoes', 'sneakers', 'trainers', 'shoes for running'],
  'Jackets & Coats': ['jacket', 'coat', 'jackets'],
  'T-Shirts & Tops': ['t-shirt', 'top', 'tee'],
  'Jeans & Trousers': ['trousers', 'pants', 'jeans'],
  'Dresses & Skirts': ['dress', 'skirt'],
  'Knitwear & Hoodies': ['sweater', 'hoodie', 'jumper'],
  'Bags & Backpacks': ['backpack', 'bag', 'rucksack'],
  Watches: ['watch', 'watches'],
  'Headphones & Audio': ['headphones', 'earbuds', 'speaker'],
  'Kitchen & Cookware': ['kitchen gear', 'cookware'],
  'Home & Bedding': ['bedding', 'home decor'],
  'Outdoor & Camping': ['camping gear', 'outdoor gear'],
  'Sports & Fitness': ['fitness gear', 'workout equipment'],
  'Beauty & Skincare': ['skincare', 'beauty products'],
  'Toys & Games': ['toys', 'games'],
};
/** Nouns that name only part of a category: the request is then about those products only. */
const NOUN_TITLE_WORD: Record<string, string> = {
  skirt: 'skirt', dress: 'dress', jeans: 'jean', hoodie: 'hoodie', sweater: 'sweater', speaker: 'speaker', earbuds: 'earbud',
};
const MATERIAL_WORDS = ['merino', 'wool', 'cotton', 'leather', 'linen', 'denim', 'nylon', 'titanium', 'canvas', 'fleece', 'cast iron', 'stainless steel', 'silk'];
const OPENERS = ['', 'I need ', 'looking for ', 'show me ', 'do you have ', 'I want ', 'any ', 'recommend '];

type Request = { text: string; expected: string[]; constraints: ProductFilters };
const requests: Request[] = [];
const seen = new Set<string>();
let guard = 0;
while (requests.length < Number(values.count) && guard++ < 100000) {
  const seed = pick(products);
  if (!seed.category || seed.price === undefined) continue;
  const noun = pick(NOUNS[seed.category]!);
  const titleWord = NOUN_TITLE_WORD[noun];
  if (titleWord && !seed.title.toLowerCase().includes(titleWord)) continue;
  const colour = seed.attributes?.colour;
  const material = MATERIAL_WORDS.find((word) => seed.attributes?.material?.toLowerCase().includes(word));
  const gender = seed.attributes?.gender;
  const parts: string[] = [];
  const constraints: ProductFilters = { category: seed.category };
  const checks: ((p: Product) => boolean)[] = [(p) => p.category === seed.category, (p) => !titleWord || p.title.toLowerCase().includes(titleWord)];
  const useColour = colour !== undefined && random() < 0.5;
  const useMaterial = material !== undefined && random() < 0.35;
  const useBrand = seed.brand !== undefined && random() < 0.25;
  const useGender = gender !== undefined && gender !== 'unisex' && random() < 0.4;
  const usePrice = random() < 0.5;
  if (useBrand) {
    parts.push(seed.brand!);
    constraints.brands = [seed.brand!];
    checks.push((p) => p.brand === seed.brand);
  }
  if (useColour) {
    parts.push(colour!);
    constraints.attributes = { ...constraints.attributes, colour: [colour!] };
    checks.push((p) => p.attributes?.colour === colour);
  }
  if (useMaterial) {
    parts.push(material!);
    checks.push((p) => p.attributes?.material?.toLowerCase().includes(material!) ?? false);
  }
  if (useGender) parts.unshift(gender!);
  parts.push(noun);
  let text = `${pick(OPENERS)}${parts.join(' ')}`;
  if (useGender) checks.push((p) => p.attributes?.gender === gender || p.attributes?.gender === 'unisex');
  if (usePrice) {
    const bound = Math.ceil((seed.price + 1) / 10) * 10;
    text += pick([` under $${bound}`, ` for less than ${bound} dollars`, ` below $${bound}`]);
    constraints.maxPrice = bound;
    checks.push((p) => p.price !== undefined && p.price <= bound);
  }
  if (seen.has(text)) continue;
  const relevant = products.filter((p) => checks.every((check) => check(p))).map((p) => p.id);
  seen.add(text);
  requests.push({ text, expected: relevant, constraints });
}
const toLines = (rows: Request[]) => rows.map((row) => JSON.stringify(row)).join('\n') + '\n';
writeFileSync(new URL('../../demo/eval/product-requests.tune.jsonl', import.meta.url), toLines(requests.filter((_, i) => i % 2 === 0)));
writeFileSync(new URL('../../demo/eval/product-requests.report.jsonl', import.meta.url), toLines(requests.filter((_, i) => i % 2 === 1)));
console.log(`${requests.length} requests: ${Math.ceil(requests.length / 2)} to tune on, ${Math.floor(requests.length / 2)} to report`);
