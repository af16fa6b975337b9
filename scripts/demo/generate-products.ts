/**
 * Generates the demo shop's catalog (demo/products.json) from hand-written product
 * knowledge per product TYPE — the phrase that ends each title ("... Women's Fleece
 * Jacket"), with the materials and colours that type really comes in (a frying pan is
 * cast iron, carbon steel, stainless steel, ceramic non-stick or copper; a cast-iron pan
 * is black), its price range, feature sentences and extra attributes — and per category
 * the brands (each with its product lines and the types it makes), sizes, genders and
 * shared sentences. A seeded random generator combines them, so the same seed always
 * gives the same 1,200 products (80 in each of 15 categories, ids RUN-0001 ... TOY-0080).
 * A title seen again is a colour variant of the same
 * product (same material and price, another colour). Beauty & Skincare has `scent`
 * instead of `colour`, the key ingredient as `material` and `size` in ml.
 * Each type's products are spread evenly over the category, so every 4th product (the
 * tests' small shop) still has every type.
 *
 *   npx tsx scripts/demo/generate-products.ts        # writes demo/products.json
 *   npx tsx scripts/demo/generate-products.ts --seed 7 --per-category 100 --out /tmp/p.json
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Product } from '../../catalog/schemas.js';
import { mulberry32 } from '../seeded-random.js';

interface ProductType {
  /** Ends every title of this type: "Fleece Jacket". */
  name: string;
  /** How descriptions name it, where plain lower case reads wrong ("sunscreen SPF 50"). */
  noun?: string;
  price: [number, number];
  materials: string[];
  /** Colours this type comes in (scents in Beauty & Skincare). */
  colours: string[];
  /** Where the material decides the colour: a cast-iron pan is black, a walnut board brown. */
  materialColours?: Record<string, string[]>;
  /** How the first sentence names a material when "in <material>" reads wrong. */
  materialPhrase?: Record<string, string>;
  /** Sentences for this type; {material}, {colour} and any attribute name ({battery}) are filled in. */
  features: string[];
  /** One more sentence for a material, where it changes what the product is like. */
  materialNotes?: Record<string, string>;
  /** More attributes, one value picked per product (shared by its colour variants). */
  extra?: Record<string, string[]>;
}

interface Brand {
  lines: string[];
  /** The types this brand makes; all of the category's when absent. */
  types?: string[];
}

interface CategorySpec {
  name: string;
  code: string;
  brands: Record<string, Brand>;
  types: ProductType[];
  /** Size runs, per gender ("men's", "women's", "unisex") or '*' for all. */
  sizes?: Record<string, string[][]>;
  genders?: string[];
  /** Sentences true of every product in the category; two are picked per product. */
  common: string[];
  /** The attribute that holds the colour slot: `scent` in Beauty & Skincare. */
  colourAttribute?: 'colour' | 'scent';
  /** Category default for naming the material in the first sentence ("with shea butter"). */
  materialPhrase?: (material: string) => string;
}

const LETTER_SIZES = [['XS', 'S', 'M', 'L', 'XL'], ['S', 'M', 'L', 'XL', 'XXL'], ['XS', 'S', 'M', 'L']];
const APPAREL_SIZES = { '*': LETTER_SIZES };
const APPAREL_GENDERS = ["men's", "women's", 'unisex'];

/** Materials that cost more than the type's usual range. */
const MATERIAL_PRICE: Record<string, number> = {
  copper: 1.4, 'Damascus steel': 1.5, cashmere: 1.6, 'cashmere blend': 1.3, titanium: 1.35, 'full-grain leather': 1.35,
  'goose down': 1.3, 'carbon fibre': 1.3, beeswax: 1.2, walnut: 1.25, 'olive wood': 1.2, 'merino wool': 1.15,
  'selvedge denim': 1.3, 'silk blend': 1.25, 'waterproof Gore-Tex membrane': 1.25, 'enamelled cast iron': 1.2, 'stonewashed linen': 1.15,
};

const CATEGORIES: CategorySpec[] = [
  {
    name: 'Running Shoes', code: 'RUN',
    brands: {
      'Stride Lab': { lines: ['Tempo', 'Pulse', 'Glide'] },
      Northpeak: { lines: ['Ridge', 'Talus'], types: ['Trail Running Shoe', 'Road Running Shoe', 'Cushioned Running Shoe'] },
      Velora: { lines: ['Aria', 'Swift', 'Nimbus'] },
      Kestrel: { lines: ['Falcon', 'Merlin'] },
    },
    types: [
      {
        name: 'Road Running Shoe', price: [60, 150], materials: ['engineered mesh', 'recycled knit', 'breathable mesh'],
        colours: ['black', 'white', 'blue', 'red', 'grey', 'navy', 'coral', 'teal', 'orange', 'slate blue'],
        features: ['A responsive foam midsole returns energy on every stride.', 'Built for daily miles on pavement and treadmill.'],
      },
      {
        name: 'Trail Running Shoe', price: [70, 170], materials: ['engineered mesh', 'waterproof Gore-Tex membrane', 'ripstop mesh'],
        colours: ['black', 'olive', 'grey', 'orange', 'blue', 'forest green', 'rust', 'slate blue'],
        features: ['Deep 5 mm lugs grip mud, gravel and wet rock.', 'A rock plate protects the foot on technical trails.'],
        materialNotes: { 'waterproof Gore-Tex membrane': 'The Gore-Tex membrane keeps feet dry through puddles and wet grass.' },
        materialPhrase: { 'waterproof Gore-Tex membrane': 'with a waterproof Gore-Tex membrane' },
      },
      {
        name: 'Stability Running Shoe', price: [70, 160], materials: ['engineered mesh', 'breathable mesh', 'recycled knit'],
        colours: ['black', 'white', 'grey', 'navy', 'blue', 'purple', 'red'],
        features: ['A firmer medial post guides feet that roll inward.', 'Supportive enough for long runs and walking all day.'],
      },
      {
        name: 'Cushioned Running Shoe', price: [55, 165], materials: ['engineered mesh', 'recycled knit', 'breathable mesh'],
        colours: ['white', 'black', 'coral', 'teal', 'blue', 'grey', 'pink', 'navy'],
        features: ['Max-cushion foam softens every landing on long recovery runs.', 'A wide base keeps the ride stable.'],
      },
      {
        name: 'Racing Flat', price: [80, 180], materials: ['monofilament mesh', 'engineered mesh', 'recycled knit'],
        colours: ['neon yellow', 'orange', 'white', 'coral', 'red', 'blue', 'black'],
        features: ['A carbon-infused plate and light foam for race day.', 'At under 200 g it disappears on the foot.'],
      },
    ],
    sizes: { "men's": [['7', '8', '9', '10', '11', '12', '13'], ['7', '8', '9', '10', '11', '12']], "women's": [['5', '6', '7', '8', '9', '10', '11'], ['6', '7', '8', '9', '10']] },
    genders: ["men's", "women's"],
    common: ['A secure, breathable upper holds the foot in place.', 'Reflective details keep you seen at dawn and dusk.', 'Fits true to size.', 'A padded collar and gusseted tongue lock the heel in place.', 'The insole lifts out for custom orthotics.'],
  },
  {
    name: 'Jackets & Coats', code: 'JKT',
    brands: {
      'Harbor & Pine': { lines: ['Summit', 'Harbor', 'Cascade'] },
      Northpeak: { lines: ['Alpine', 'Ridge'], types: ['Down Jacket', 'Rain Jacket', 'Softshell Jacket', 'Fleece Jacket', 'Insulated Jacket', 'Windbreaker', 'Parka'] },
      Fjellby: { lines: ['Vinter', 'Storm'], types: ['Down Jacket', 'Rain Jacket', 'Fleece Jacket', 'Parka', 'Insulated Jacket', 'Wool Coat'] },
      'Coastline Co.': { lines: ['Drift', 'Squall'], types: ['Rain Jacket', 'Windbreaker', 'Softshell Jacket', 'Fleece Jacket', 'Parka', 'Wool Coat'] },
    },
    types: [
      {
        name: 'Down Jacket', price: [120, 320], materials: ['recycled nylon', 'ripstop nylon', 'recycled polyester'],
        colours: ['black', 'navy', 'olive', 'red', 'burgundy', 'forest green', 'slate blue', 'sand', 'orange', 'blue'],
        features: ['Filled with 700-fill-power responsibly sourced down for serious warmth.', 'Packs into its own pocket for travel.'], extra: { warmth: ['warm', 'very warm'] },
      },
      {
        name: 'Rain Jacket', price: [50, 200], materials: ['recycled nylon', 'ripstop nylon', 'waterproof Gore-Tex membrane'],
        colours: ['black', 'navy', 'yellow', 'red', 'blue', 'olive', 'forest green', 'orange', 'teal'],
        materialPhrase: { 'waterproof Gore-Tex membrane': 'with a waterproof Gore-Tex membrane' },
        features: ['A waterproof, breathable shell with fully taped seams.', 'An adjustable hood with a stiffened brim keeps rain off your face.'], extra: { warmth: ['light'] },
      },
      {
        name: 'Softshell Jacket', price: [60, 160], materials: ['stretch nylon', 'recycled polyester', 'polyester-elastane blend'],
        colours: ['black', 'charcoal', 'navy', 'olive', 'slate blue', 'red', 'blue'],
        features: ['Stretchy, wind-resistant and water-repellent for active days.', 'A brushed lining adds warmth without bulk.'], extra: { warmth: ['light', 'medium'] },
      },
      {
        name: 'Fleece Jacket', price: [35, 110], materials: ['recycled polyester fleece', 'polyester fleece', 'sherpa fleece'],
        colours: ['black', 'navy', 'heather grey', 'forest green', 'cream', 'rust', 'teal', 'burgundy', 'blue'],
        features: ['Soft, warm fleece that dries fast and layers easily.', 'Zipped hand pockets keep your hands warm.'], extra: { warmth: ['medium'] },
      },
      {
        name: 'Parka', price: [150, 350], materials: ['recycled polyester', 'waxed cotton', 'organic cotton canvas', 'recycled nylon'],
        colours: ['black', 'olive', 'navy', 'khaki', 'sand', 'charcoal'],
        features: ['A long, insulated cut and a faux-fur-trimmed hood for the coldest city days.', 'Rated for temperatures down to -20 °C.'], extra: { warmth: ['very warm'] },
      },
      {
        name: 'Insulated Jacket', price: [70, 220], materials: ['recycled nylon', 'ripstop nylon', 'recycled polyester'],
        colours: ['black', 'navy', 'red', 'olive', 'blue', 'orange', 'charcoal'],
        features: ['Synthetic insulation stays warm even when damp.', 'A warm, lightweight layer for winter hikes and commutes.'], extra: { warmth: ['warm'] },
      },
      {
        name: 'Windbreaker', price: [30, 90], materials: ['ripstop nylon', 'recycled polyester', 'recycled nylon'],
        colours: ['black', 'navy', 'red', 'yellow', 'teal', 'blue', 'white', 'coral'],
        features: ['A featherweight shell that blocks wind on runs and rides.', 'Folds into its chest pocket.'], extra: { warmth: ['light'] },
      },
      {
        name: 'Wool Coat', price: [140, 340], materials: ['wool blend', 'recycled wool', 'Melton wool', 'cashmere blend'],
        colours: ['navy', 'charcoal', 'black', 'tan', 'burgundy', 'heather grey', 'ivory'],
        features: ['A tailored overcoat with a classic notch lapel.', 'Fully lined; dry clean only.'], extra: { warmth: ['warm'] },
      },
    ],
    sizes: APPAREL_SIZES, genders: APPAREL_GENDERS,
    common: ['Covered by our lifetime outerwear guarantee.', 'Deep hand pockets and an inside security pocket.', 'Fits true to size, with room for a layer underneath.', 'Built to hold up to years of wear.'],
  },
  {
    name: 'T-Shirts & Tops', code: 'TOP',
    brands: {
      'Harbor & Pine': { lines: ['Everyday', 'Essential'] },
      Loomwell: { lines: ['Classic', 'Heritage'], types: ['Crew-Neck T-Shirt', 'V-Neck Tee', 'Long-Sleeve Top', 'Polo Shirt', 'Tank Top', 'Henley'] },
      'Sunday Supply': { lines: ['Weekend', 'Easy'], types: ['Crew-Neck T-Shirt', 'V-Neck Tee', 'Long-Sleeve Top', 'Tank Top', 'Henley'] },
      Merinova: { lines: ['Alpine', 'Tundra'], types: ['Base Layer', 'Long-Sleeve Top', 'Crew-Neck T-Shirt', 'Henley'] },
    },
    types: [
      {
        name: 'Crew-Neck T-Shirt', noun: 'crew-neck T-shirt', price: [12, 45], materials: ['organic cotton', 'cotton jersey', 'Tencel blend', 'merino wool'],
        colours: ['white', 'black', 'navy', 'heather grey', 'olive', 'sage green', 'red', 'blue', 'cream', 'sand', 'forest green', 'mustard', 'slate blue'],
        features: ['A classic crew neck with a relaxed, easy fit.', 'Pre-shrunk so it keeps its shape wash after wash.'],
      },
      {
        name: 'V-Neck Tee', noun: 'V-neck tee', price: [14, 45], materials: ['organic cotton', 'cotton jersey', 'Tencel blend', 'linen'],
        colours: ['white', 'black', 'navy', 'heather grey', 'dusty pink', 'sage green', 'blue', 'terracotta', 'cream'],
        features: ['A soft V-neck tee for layering or on its own.', 'Side-seamed for a clean drape.'],
      },
      {
        name: 'Long-Sleeve Top', price: [18, 60], materials: ['organic cotton', 'cotton jersey', 'merino wool', 'Tencel blend'],
        colours: ['black', 'white', 'navy', 'heather grey', 'burgundy', 'olive', 'cream', 'rust', 'forest green'],
        features: ['Long sleeves for cooler mornings and layering.', 'Ribbed cuffs hold their shape.'],
      },
      {
        name: 'Polo Shirt', price: [22, 70], materials: ['cotton piqué', 'organic cotton piqué', 'linen'],
        colours: ['white', 'navy', 'black', 'forest green', 'burgundy', 'red', 'slate blue', 'sand', 'blue'],
        features: ['A two-button placket and a collar that stays crisp.', 'Breathes on warm days.'],
      },
      {
        name: 'Tank Top', price: [10, 35], materials: ['organic cotton', 'recycled polyester', 'cotton jersey', 'Tencel blend'],
        colours: ['black', 'white', 'heather grey', 'coral', 'teal', 'navy', 'sage green', 'blush'],
        features: ['A lightweight tank for workouts and hot days.', 'Wide armholes for free movement.'],
      },
      {
        name: 'Henley', price: [20, 55], materials: ['organic cotton', 'slub cotton', 'linen', 'merino wool'],
        colours: ['white', 'navy', 'olive', 'rust', 'heather grey', 'cream', 'charcoal', 'forest green'],
        features: ['A three-button henley with a lived-in feel.', 'Slightly longer in the back.'],
      },
      {
        name: 'Base Layer', price: [35, 90], materials: ['merino wool', 'recycled polyester', 'merino-Tencel blend'],
        colours: ['black', 'charcoal', 'navy', 'forest green', 'slate blue', 'burgundy', 'teal'],
        features: ['A close, stretchy fit that wicks sweat and keeps you warm on cold-weather outings.', 'Flatlock seams prevent chafing under a pack.'],
        materialNotes: { 'merino wool': 'Merino resists odour on multi-day trips.', 'merino-Tencel blend': 'The merino in the blend resists odour on multi-day trips.' },
      },
    ],
    sizes: APPAREL_SIZES, genders: APPAREL_GENDERS,
    common: ['Made of soft {material}.', 'Machine wash cold, tumble dry low.', 'Fits true to size.', 'Dyed with low-impact dyes.'],
  },
  {
    name: 'Jeans & Trousers', code: 'TRS',
    brands: {
      'Harbor & Pine': { lines: ['Dockside', 'Workwear'], types: ['Straight Jeans', 'Chinos', 'Cargo Trousers', 'Hiking Pants', 'Joggers'] },
      'Indigo Row': { lines: ['Bowery', 'Mercer', 'Orchard'], types: ['Straight Jeans', 'Slim Jeans', 'Chinos'] },
      Northpeak: { lines: ['Trek', 'Scree'], types: ['Hiking Pants', 'Cargo Trousers', 'Joggers'] },
      'Sunday Supply': { lines: ['Lounge', 'Weekend'], types: ['Joggers', 'Chinos', 'Slim Jeans'] },
    },
    types: [
      {
        name: 'Straight Jeans', price: [45, 120], materials: ['rigid denim', 'selvedge denim', 'stretch denim', 'organic cotton denim'],
        colours: ['indigo', 'light wash', 'black', 'blue', 'grey'],
        features: ['A classic straight leg with a mid rise.', 'Five-pocket styling with a button fly.'],
        materialNotes: { 'selvedge denim': 'Rigid selvedge denim that breaks in to fit you.', 'stretch denim': 'A touch of stretch moves with you.' },
      },
      {
        name: 'Slim Jeans', price: [45, 120], materials: ['stretch denim', 'organic cotton denim', 'selvedge denim'],
        colours: ['indigo', 'light wash', 'black', 'blue', 'grey'],
        features: ['A slim leg that tapers from knee to ankle.', 'Five-pocket styling.'],
      },
      {
        name: 'Hiking Pants', price: [50, 130], materials: ['stretch nylon', 'recycled nylon', 'polyamide-elastane blend'],
        colours: ['khaki', 'olive', 'charcoal', 'black', 'stone', 'sand', 'navy'],
        features: ['Quick-drying, stretchy fabric with UPF 50 sun protection.', 'A zipped thigh pocket holds a phone or map.'],
      },
      {
        name: 'Cargo Trousers', price: [40, 100], materials: ['cotton ripstop', 'organic cotton twill', 'cotton canvas'],
        colours: ['olive', 'khaki', 'black', 'sand', 'stone', 'navy', 'tan'],
        features: ['Roomy cargo pockets with snap closures.', 'Reinforced knees for hard wear.'],
      },
      {
        name: 'Chinos', price: [35, 95], materials: ['organic cotton twill', 'stretch cotton twill', 'linen blend'],
        colours: ['khaki', 'navy', 'stone', 'sand', 'olive', 'black', 'tan', 'rust'],
        features: ['Smart enough for the office, easy enough for the weekend.', 'A tailored fit with a flat front.'],
      },
      {
        name: 'Joggers', price: [30, 80], materials: ['French terry', 'cotton fleece', 'recycled polyester'],
        colours: ['heather grey', 'black', 'navy', 'charcoal', 'olive', 'sand'],
        features: ['Cuffed ankles and an elastic drawcord waist.', 'Soft enough to lounge in, tidy enough to go out.'],
      },
    ],
    sizes: { "men's": [['28', '30', '32', '34', '36', '38'], ['30', '32', '34', '36']], "women's": [['24', '26', '28', '30', '32'], ['26', '28', '30', '32', '34']] },
    genders: ["men's", "women's"],
    common: ['Made of durable {material}.', 'Available in short, regular and long inseams.', 'Wash inside out to keep the colour.', 'Belt loops and a YKK zip fly.'],
  },
  {
    name: 'Dresses & Skirts', code: 'DRS',
    brands: {
      Marisol: { lines: ['Riviera', 'Solstice'] },
      Loomwell: { lines: ['Primrose', 'Meadow'] },
      'Sunday Supply': { lines: ['Picnic', 'Easy'] },
      'Atelier Nine': { lines: ['Gala', 'Muse'], types: ['Midi Dress', 'Maxi Dress', 'Wrap Dress', 'Pleated Skirt'] },
      'Indigo Row': { lines: ['Bowery'], types: ['Denim Skirt', 'Shirt Dress'] },
    },
    types: [
      {
        name: 'Midi Dress', price: [40, 150], materials: ['linen', 'viscose', 'organic cotton poplin', 'silk blend', 'Tencel'],
        colours: ['black', 'floral print', 'navy', 'sage green', 'terracotta', 'ivory', 'polka dot', 'dusty pink', 'red', 'blue', 'lavender', 'mustard'],
        features: ['A swingy midi dress for summer evenings.', 'Hidden side pockets.'],
      },
      {
        name: 'Maxi Dress', price: [50, 160], materials: ['viscose', 'linen', 'organic cotton poplin', 'Tencel'],
        colours: ['floral print', 'black', 'terracotta', 'sage green', 'navy', 'ivory', 'rust', 'lavender'],
        features: ['A floor-length maxi with a smocked bodice.', 'Fully lined skirt.'],
      },
      {
        name: 'Wrap Dress', price: [45, 140], materials: ['viscose', 'silk blend', 'Tencel', 'cotton jersey'],
        colours: ['black', 'red', 'navy', 'floral print', 'polka dot', 'green', 'burgundy', 'dusty pink'],
        features: ['A flattering wrap silhouette that ties at the waist.', 'Flutter sleeves and a midi length.'],
      },
      {
        name: 'Shirt Dress', price: [40, 120], materials: ['organic cotton poplin', 'linen', 'Tencel', 'cotton chambray'],
        colours: ['white', 'blue', 'navy', 'khaki', 'sage green', 'ivory', 'black', 'olive'],
        features: ['A button-through shirt dress with a removable belt.', 'Works for the office and the weekend.'],
      },
      {
        name: 'Denim Skirt', price: [30, 80], materials: ['denim', 'organic cotton denim', 'stretch denim'],
        colours: ['indigo', 'light wash', 'black', 'blue', 'white'],
        features: ['A classic A-line denim skirt.', 'Five-pocket styling with a button fly.'],
      },
      {
        name: 'Pleated Skirt', price: [30, 95], materials: ['recycled polyester', 'viscose', 'silk blend', 'wool blend'],
        colours: ['black', 'navy', 'burgundy', 'dusty pink', 'sage green', 'tan', 'forest green', 'lavender'],
        features: ['Knife pleats that move beautifully.', 'An elastic back waist for comfort.'],
      },
    ],
    sizes: { '*': [['XS', 'S', 'M', 'L', 'XL'], ['2', '4', '6', '8', '10', '12', '14']] }, genders: ["women's"],
    common: ['Hand wash or gentle machine wash.', 'Model is 5\'9" and wears a size S.', 'Fits true to size.'],
  },
  {
    name: 'Knitwear & Hoodies', code: 'KNT',
    brands: {
      'Harbor & Pine': { lines: ['Fisherman', 'Harbor'] },
      Merinova: { lines: ['Alpine', 'Nordic'], types: ['Cable-Knit Sweater', 'Crewneck Sweater', 'Quarter-Zip Pullover', 'Cardigan'] },
      'Sunday Supply': { lines: ['Cozy', 'Lazy Sunday'], types: ['Pullover Hoodie', 'Zip Hoodie', 'Crewneck Sweater', 'Cardigan'] },
      Fjellby: { lines: ['Fjord', 'Vinter'] },
    },
    types: [
      {
        name: 'Cable-Knit Sweater', price: [60, 170], materials: ['lambswool', 'merino wool', 'recycled wool', 'organic cotton', 'alpaca blend'],
        colours: ['cream', 'ivory', 'navy', 'forest green', 'heather grey', 'charcoal', 'oatmeal', 'burgundy'],
        features: ['Chunky cables and a heavy gauge for real warmth.', 'Inspired by traditional fisherman knits.'],
      },
      {
        name: 'Crewneck Sweater', price: [45, 150], materials: ['merino wool', 'lambswool', 'cashmere', 'organic cotton', 'recycled wool'],
        colours: ['navy', 'black', 'charcoal', 'heather grey', 'burgundy', 'forest green', 'tan', 'cream', 'rust', 'mustard', 'slate blue', 'red', 'olive'],
        features: ['A classic crewneck knit for cold days.', 'Gets softer every time you wear it.'],
      },
      {
        name: 'Pullover Hoodie', price: [35, 95], materials: ['cotton fleece', 'organic cotton French terry', 'recycled cotton blend'],
        colours: ['black', 'heather grey', 'grey', 'navy', 'forest green', 'burgundy', 'sand', 'sage green', 'charcoal', 'blue', 'red'],
        features: ['A brushed-back hoodie with a lined hood.', 'A kangaroo pocket keeps hands warm.'],
      },
      {
        name: 'Zip Hoodie', price: [40, 100], materials: ['cotton fleece', 'organic cotton French terry', 'recycled polyester fleece'],
        colours: ['black', 'heather grey', 'grey', 'navy', 'olive', 'charcoal', 'rust', 'blue'],
        features: ['A full-zip hoodie that layers over anything.', 'Ribbed cuffs and hem.'],
      },
      {
        name: 'Quarter-Zip Pullover', price: [45, 120], materials: ['merino wool', 'recycled polyester fleece', 'organic cotton'],
        colours: ['navy', 'charcoal', 'black', 'forest green', 'heather grey', 'slate blue', 'burgundy'],
        features: ['A quarter-zip with a stand-up collar against the wind.', 'Great as a mid layer on hikes.'],
      },
      {
        name: 'Cardigan', price: [45, 140], materials: ['merino wool', 'lambswool', 'cashmere', 'organic cotton', 'alpaca blend'],
        colours: ['cream', 'oatmeal', 'navy', 'charcoal', 'tan', 'dusty pink', 'sage green', 'black', 'burgundy', 'mustard'],
        features: ['A button-front cardigan with patch pockets.', 'Easy to throw over a shirt or dress.'],
      },
    ],
    sizes: APPAREL_SIZES, genders: APPAREL_GENDERS,
    common: ['Wash cold on a gentle cycle and dry flat.', 'A relaxed fit that layers easily.', 'Warm without being heavy.'],
  },
  {
    name: 'Bags & Backpacks', code: 'BAG',
    brands: {
      Northpeak: { lines: ['Traverse', 'Summit', 'Col'], types: ['Hiking Backpack', 'Daypack', 'Duffel Bag'] },
      'Urban Mule': { lines: ['Commuter', 'Metro', 'Transit'], types: ['Laptop Backpack', 'Daypack', 'Tote Bag', 'Crossbody Bag', 'Duffel Bag'] },
      'Harbor & Pine': { lines: ['Heritage', 'Market', 'Mariner'], types: ['Tote Bag', 'Duffel Bag', 'Crossbody Bag', 'Laptop Backpack', 'Daypack'] },
      Kestrel: { lines: ['Daytrip', 'Voyager', 'Aerie'], types: ['Daypack', 'Hiking Backpack', 'Duffel Bag'] },
    },
    types: [
      {
        name: 'Hiking Backpack', price: [90, 240], materials: ['ripstop nylon', 'recycled nylon', 'Cordura nylon'],
        colours: ['black', 'olive', 'forest green', 'navy', 'orange', 'red', 'grey', 'blue', 'slate blue'],
        features: ['An adjustable torso and hip belt carry heavy loads comfortably.', 'Includes a rain cover and a hydration sleeve.'], extra: { capacity: ['35 L', '45 L', '55 L', '65 L'] },
      },
      {
        name: 'Laptop Backpack', price: [50, 150], materials: ['recycled polyester', 'ballistic nylon', 'waxed canvas', 'full-grain leather'],
        colours: ['black', 'grey', 'navy', 'olive', 'charcoal', 'sand'],
        materialColours: { 'full-grain leather': ['black', 'tan', 'brown'], 'waxed canvas': ['olive', 'tan', 'navy', 'black', 'brown'] },
        features: ['A padded sleeve fits laptops up to 16 inches.', 'A luggage strap slides over a suitcase handle.'], extra: { capacity: ['22 L', '26 L', '30 L'] },
      },
      {
        name: 'Daypack', price: [35, 110], materials: ['recycled nylon', 'ripstop nylon', 'cotton canvas', 'recycled polyester'],
        colours: ['black', 'olive', 'navy', 'red', 'mustard', 'teal', 'blue', 'sand', 'green'],
        features: ['A light pack with a padded back panel for day hikes and city days.', 'Side pockets fit a 1-litre bottle.'], extra: { capacity: ['18 L', '20 L', '24 L'] },
      },
      {
        name: 'Duffel Bag', price: [60, 180], materials: ['waxed canvas', 'full-grain leather', 'recycled polyester', 'ripstop nylon'],
        colours: ['black', 'olive', 'navy', 'sand', 'red', 'blue'],
        materialColours: { 'full-grain leather': ['black', 'tan', 'brown'], 'waxed canvas': ['olive', 'tan', 'navy', 'black', 'brown'] },
        features: ['Opens wide like a suitcase for easy packing.', 'Padded shoulder strap and grab handles.'], extra: { capacity: ['40 L', '60 L', '90 L'] },
      },
      {
        name: 'Tote Bag', price: [25, 90], materials: ['cotton canvas', 'waxed canvas', 'full-grain leather', 'recycled polyester'],
        colours: ['cream', 'black', 'navy', 'olive', 'sand', 'burgundy'],
        materialColours: { 'full-grain leather': ['black', 'tan', 'brown', 'burgundy'], 'waxed canvas': ['olive', 'tan', 'navy', 'black', 'brown'] },
        features: ['A roomy tote with an inside zip pocket.', 'Long handles sit comfortably on the shoulder.'], extra: { capacity: ['15 L', '18 L'] },
      },
      {
        name: 'Crossbody Bag', price: [30, 95], materials: ['full-grain leather', 'vegan leather', 'recycled nylon', 'waxed canvas'],
        colours: ['black', 'olive', 'navy', 'sand', 'cream', 'burgundy'],
        materialColours: { 'full-grain leather': ['black', 'tan', 'brown', 'burgundy'], 'vegan leather': ['black', 'tan', 'cream', 'burgundy'], 'waxed canvas': ['olive', 'tan', 'navy', 'black', 'brown'] },
        features: ['A compact crossbody for phone, keys and wallet.', 'An adjustable strap.'], extra: { capacity: ['2 L', '3 L'] },
      },
    ],
    common: ['Made of tough {material}.', 'YKK zips throughout.', 'Backed by a 2-year warranty.', 'Reinforced stitching at every stress point.'],
  },
  {
    name: 'Watches', code: 'WAT',
    brands: {
      Tessaro: { lines: ['Meridian', 'Atlas', 'Corsa'], types: ['Field Watch', 'Dive Watch', 'Chronograph Watch', 'Minimalist Watch'] },
      'Vane & Co.': { lines: ['Ranger', 'Harbor', 'Lumen'], types: ['Field Watch', 'Minimalist Watch', 'Chronograph Watch', 'Dive Watch'] },
      Pulsewave: { lines: ['Pace', 'Core', 'Vital'], types: ['Fitness Tracker', 'Smartwatch'] },
      Orbitek: { lines: ['Nova', 'Pro', 'Vector'], types: ['Smartwatch', 'Fitness Tracker'] },
    },
    types: [
      {
        name: 'Smartwatch', price: [130, 400], materials: ['aluminium', 'stainless steel', 'titanium', 'recycled aluminium'],
        colours: ['black', 'silver', 'graphite', 'midnight blue', 'rose gold', 'gold', 'white'],
        features: ['Heart rate, sleep and GPS tracking on your wrist.', 'Up to {battery} of battery life.'], extra: { battery: ['2 days', '5 days', '7 days'] },
      },
      {
        name: 'Fitness Tracker', price: [40, 150], materials: ['silicone', 'aluminium', 'recycled plastic'],
        colours: ['black', 'graphite', 'navy', 'coral', 'teal', 'lavender', 'pink', 'white', 'sage green'],
        materialPhrase: { silicone: 'with a silicone band' },
        features: ['Counts steps, sleep and heart rate; waterproof for swimming.', 'Up to {battery} of battery life.'], extra: { battery: ['7 days', '10 days', '14 days'] },
      },
      {
        name: 'Field Watch', price: [80, 260], materials: ['stainless steel', 'titanium', 'full-grain leather', 'recycled nylon'],
        colours: ['olive', 'khaki', 'black', 'tan', 'navy', 'sand', 'silver'],
        materialPhrase: { 'full-grain leather': 'with a full-grain leather strap', 'recycled nylon': 'with a recycled nylon strap' },
        features: ['A legible field dial with luminous hands.', 'Water resistant to 100 m.'],
      },
      {
        name: 'Minimalist Watch', price: [60, 200], materials: ['stainless steel', 'full-grain leather', 'titanium'],
        colours: ['black', 'silver', 'gold', 'rose gold', 'white', 'navy', 'tan'],
        materialPhrase: { 'full-grain leather': 'with a full-grain leather strap' },
        features: ['A clean, minimalist dial on a slim case.', 'Quick-release straps swap in seconds.'],
      },
      {
        name: 'Chronograph Watch', price: [120, 420], materials: ['stainless steel', 'titanium', 'full-grain leather'],
        colours: ['black', 'silver', 'navy', 'green', 'blue', 'gold'],
        materialPhrase: { 'full-grain leather': 'with a full-grain leather strap' },
        features: ['A three-subdial chronograph with a tachymeter.', 'Japanese quartz movement.'],
      },
      {
        name: 'Dive Watch', price: [150, 450], materials: ['stainless steel', 'titanium', 'rubber'],
        colours: ['black', 'blue', 'green', 'navy', 'orange', 'silver'],
        materialPhrase: { rubber: 'with a rubber strap' },
        features: ['A unidirectional bezel and 200 m water resistance.', 'Sapphire crystal resists scratches.'],
      },
    ],
    common: ['Covered by a 2-year warranty.', 'Ships in a gift box.', 'Straps swap without tools.'],
  },
  {
    name: 'Headphones & Audio', code: 'AUD',
    brands: {
      Sonora: { lines: ['Air', 'Studio', 'Aura'], types: ['Noise-Cancelling Headphones', 'Over-Ear Headphones', 'Wired Headphones', 'Wireless Earbuds'] },
      Auralux: { lines: ['Quiet', 'Bass', 'Prime'], types: ['Noise-Cancelling Headphones', 'Over-Ear Headphones', 'Wired Headphones', 'Wireless Earbuds'] },
      Pulsewave: { lines: ['Flux', 'Echo', 'Vital'], types: ['Sports Earbuds', 'Wireless Earbuds', 'Bluetooth Speaker'] },
      Tonebox: { lines: ['Mini', 'Boom', 'Max'], types: ['Bluetooth Speaker', 'Over-Ear Headphones', 'Sports Earbuds'] },
    },
    types: [
      {
        name: 'Noise-Cancelling Headphones', price: [90, 350], materials: ['matte plastic', 'aluminium', 'recycled plastic'],
        colours: ['black', 'silver', 'midnight blue', 'sand', 'white', 'graphite', 'sage green'],
        features: ['Active noise cancelling silences planes, trains and open offices.', 'Up to {battery} of battery life; charges over USB-C.'], extra: { battery: ['30 h', '40 h'] },
      },
      {
        name: 'Over-Ear Headphones', price: [50, 250], materials: ['matte plastic', 'aluminium', 'recycled plastic'],
        colours: ['black', 'white', 'red', 'navy', 'sage green', 'sand', 'graphite'],
        features: ['Plush over-ear cushions for long listening sessions.', 'Bluetooth 5.3 with multipoint pairing; up to {battery} per charge.'], extra: { battery: ['40 h', '50 h'] },
      },
      {
        name: 'Wired Headphones', price: [20, 180], materials: ['aluminium', 'matte plastic', 'walnut wood'],
        colours: ['black', 'silver', 'white', 'red', 'graphite'],
        materialColours: { 'walnut wood': ['brown', 'black'] },
        features: ['Studio-tuned sound with a detachable cable.', 'Fold flat for travel.'],
      },
      {
        name: 'Wireless Earbuds', price: [35, 200], materials: ['matte plastic', 'recycled plastic'],
        colours: ['black', 'white', 'midnight blue', 'sage green', 'lavender', 'graphite', 'sand'],
        features: ['True wireless earbuds with a pocketable charging case.', 'Battery: {battery}; charges over USB-C.'], extra: { battery: ['6 h (24 h with the case)', '8 h (32 h with the case)'] },
      },
      {
        name: 'Sports Earbuds', price: [30, 150], materials: ['silicone', 'recycled plastic', 'matte plastic'],
        colours: ['black', 'red', 'blue', 'teal', 'coral', 'white', 'orange'],
        features: ['Ear hooks keep them in place on runs and in the gym.', 'Sweat- and water-resistant (IPX5), with {battery} of playback.'], extra: { battery: ['8 h', '10 h'] },
      },
      {
        name: 'Bluetooth Speaker', noun: 'Bluetooth speaker', price: [30, 220], materials: ['fabric mesh', 'aluminium', 'recycled plastic', 'silicone'],
        colours: ['black', 'blue', 'red', 'teal', 'sand', 'sage green', 'orange', 'forest green', 'grey'],
        features: ['A waterproof speaker with room-filling sound.', 'Pair two for stereo; plays for up to {battery}.'], extra: { battery: ['12 h', '20 h'] },
      },
    ],
    common: ['Covered by a 2-year warranty.', 'Works with iOS and Android.', 'Comes with a travel pouch.'],
  },
  {
    name: 'Kitchen & Cookware', code: 'KIT',
    brands: {
      'Copper Hearth': { lines: ['Atelier', 'Classic'], types: ['Frying Pan', 'Saucepan', 'Dutch Oven', "Chef's Knife"] },
      Ironwood: { lines: ['Forge', 'Anvil'], types: ['Frying Pan', 'Dutch Oven', "Chef's Knife", 'Cutting Board', 'Saucepan'] },
      'Brew Theory': { lines: ['Origin', 'Ritual', 'Bloom'], types: ['Coffee Grinder', 'Pour-Over Coffee Set', 'Electric Kettle'] },
      'Harbor & Pine Home': { lines: ['Everyday', 'Farmhouse'], types: ['Cutting Board', 'Electric Kettle', 'Saucepan', 'Frying Pan', 'Pour-Over Coffee Set', 'Coffee Grinder'] },
      Grainhouse: { lines: ['Heirloom', 'Butcher', 'Harvest', 'Larder', 'Pantry', 'Grove'], types: ['Cutting Board'] },
    },
    types: [
      {
        name: 'Frying Pan', price: [25, 120], materials: ['cast iron', 'carbon steel', 'stainless steel', 'ceramic non-stick', 'copper'],
        colours: ['black', 'silver', 'copper', 'sage green', 'cream', 'navy', 'terracotta', 'grey'],
        materialColours: { 'cast iron': ['black'], 'carbon steel': ['black'], 'stainless steel': ['silver'], copper: ['copper'], 'ceramic non-stick': ['sage green', 'cream', 'navy', 'terracotta', 'black', 'grey'] },
        features: ['Heats evenly and sears beautifully.', 'Oven safe; works on gas, electric and induction.'], extra: { size: ['8 in', '10 in', '12 in'] },
        materialNotes: { 'cast iron': 'Comes pre-seasoned and gets better with every use.', 'carbon steel': 'Lighter than cast iron; season it once and it turns naturally non-stick.', 'ceramic non-stick': 'A PFAS-free ceramic coating releases eggs with a little oil.', copper: 'A stainless-steel lining inside a copper body gives precise heat control.' },
      },
      {
        name: 'Saucepan', price: [30, 130], materials: ['stainless steel', 'copper', 'ceramic non-stick', 'enamelled cast iron'],
        colours: ['silver', 'copper', 'black', 'cream', 'sage green', 'red', 'navy'],
        materialColours: { 'stainless steel': ['silver'], copper: ['copper'], 'ceramic non-stick': ['black', 'cream', 'sage green', 'navy'], 'enamelled cast iron': ['red', 'navy', 'cream', 'sage green', 'black'] },
        features: ['A tight-fitting lid and a pouring lip.', 'Works on every hob, induction included.'], extra: { size: ['1.5 qt', '2 qt', '3 qt'] },
      },
      {
        name: 'Dutch Oven', noun: 'Dutch oven', price: [60, 250], materials: ['enamelled cast iron', 'cast iron'],
        colours: ['red', 'navy', 'blue', 'cream', 'sage green', 'black', 'orange', 'mustard', 'forest green'],
        materialColours: { 'cast iron': ['black'] },
        features: ['Heavy {material} holds heat for braises, stews and bread.', 'Oven safe to 260 °C.'], extra: { size: ['4.5 qt', '5.5 qt', '7 qt'] },
      },
      {
        name: "Chef's Knife", price: [35, 180], materials: ['stainless steel', 'carbon steel', 'Damascus steel'],
        colours: ['black', 'natural wood', 'silver'],
        materialPhrase: { 'stainless steel': 'in German stainless steel', 'carbon steel': 'in high-carbon steel', 'Damascus steel': 'in 67-layer Damascus steel' },
        features: ['A full-tang blade holds a razor edge.', 'A balanced handle for long prep sessions.'], extra: { size: ['6 in', '8 in', '10 in'] },
        materialNotes: { 'carbon steel': 'Dry it after washing: carbon steel takes a patina and rusts if left wet.' },
      },
      {
        name: 'Cutting Board', price: [20, 80], materials: ['acacia wood', 'walnut', 'bamboo', 'olive wood', 'maple'],
        colours: ['natural wood', 'brown'],
        materialColours: { walnut: ['brown'], 'acacia wood': ['natural wood'], bamboo: ['natural wood'], 'olive wood': ['natural wood'], maple: ['natural wood'] },
        features: ['Juice grooves catch drips from roasts and fruit.', 'Reversible, with non-slip feet.', 'Oil it now and then; hand wash only.'],
      },
      {
        name: 'Coffee Grinder', price: [30, 200], materials: ['stainless steel', 'aluminium', 'matte plastic'],
        colours: ['black', 'silver', 'white', 'sage green', 'cream'],
        features: ['Conical burrs give an even grind from espresso to French press.', '40 grind settings.'],
      },
      {
        name: 'Pour-Over Coffee Set', price: [25, 90], materials: ['borosilicate glass', 'ceramic', 'stainless steel'],
        colours: ['white', 'black', 'clear', 'sage green', 'terracotta'],
        materialColours: { 'borosilicate glass': ['clear'], 'stainless steel': ['silver', 'black'], ceramic: ['white', 'black', 'sage green', 'terracotta'] },
        features: ['A dripper, carafe and filters for a clean, bright cup.', 'Brews 1–4 cups.'],
      },
      {
        name: 'Electric Kettle', price: [30, 120], materials: ['stainless steel', 'borosilicate glass', 'enamelled steel'],
        colours: ['silver', 'black', 'red', 'cream', 'white', 'sage green', 'navy'],
        materialColours: { 'stainless steel': ['silver', 'black', 'red'], 'borosilicate glass': ['clear', 'black'], 'enamelled steel': ['red', 'cream', 'white', 'sage green', 'navy', 'black'] },
        features: ['Boils a litre in under 4 minutes.', 'Variable temperature for green tea and coffee; switches off when it boils.'],
      },
    ],
    common: ['Backed by a 2-year warranty.', 'A gift every home cook will use.', 'Ships in plastic-free packaging.', 'Designed and tested in our test kitchen.'],
  },
  {
    name: 'Home & Bedding', code: 'HOM',
    brands: {
      Nestwell: { lines: ['Cloud', 'Haven'], types: ['Duvet Cover Set', 'Pillow', 'Weighted Blanket', 'Throw Blanket', 'Towel Set'] },
      'Harbor & Pine Home': { lines: ['Cabin', 'Coastal'], types: ['Throw Blanket', 'Towel Set', 'Scented Candle', 'Duvet Cover Set', 'Table Lamp', 'Pillow', 'Weighted Blanket'] },
      Lumenhaus: { lines: ['Glow', 'Arc', 'Halo'], types: ['Table Lamp', 'Scented Candle'] },
      'Linen Loft': { lines: ['Sorrento', 'Provence'], types: ['Duvet Cover Set', 'Towel Set', 'Throw Blanket', 'Pillow'] },
    },
    types: [
      {
        name: 'Duvet Cover Set', price: [50, 200], materials: ['percale cotton', 'sateen cotton', 'stonewashed linen', 'bamboo lyocell'],
        colours: ['white', 'ivory', 'sage green', 'slate blue', 'terracotta', 'charcoal', 'blush', 'sand'],
        features: ['A duvet cover with two pillowcases and a hidden button closure.', 'Gets softer with every wash.'], extra: { size: ['Twin', 'Queen', 'King'] },
      },
      {
        name: 'Pillow', price: [25, 90], materials: ['down', 'memory foam', 'buckwheat hulls', 'down alternative'],
        colours: ['white', 'ivory', 'grey'],
        materialPhrase: { down: 'filled with responsibly sourced down', 'memory foam': 'filled with shredded memory foam', 'buckwheat hulls': 'filled with buckwheat hulls', 'down alternative': 'filled with down alternative' },
        features: ['Adjustable fill for back, side and stomach sleepers.', 'A removable, washable cotton cover.'], extra: { size: ['Standard', 'King'] },
      },
      {
        name: 'Towel Set', price: [30, 110], materials: ['Turkish cotton', 'organic cotton', 'waffle-weave cotton', 'bamboo lyocell'],
        colours: ['white', 'grey', 'navy', 'sage green', 'sand', 'blush', 'charcoal', 'terracotta'],
        features: ['Two bath towels, two hand towels and two washcloths.', 'Absorbent and quick to dry.'],
      },
      {
        name: 'Throw Blanket', price: [30, 140], materials: ['merino wool', 'cotton knit', 'recycled wool', 'cashmere blend', 'faux fur'],
        colours: ['cream', 'charcoal', 'mustard', 'rust', 'sage green', 'navy', 'terracotta', 'heather grey'],
        features: ['A cosy throw for the sofa or the foot of the bed.', 'Generously sized at 130 × 170 cm.'],
      },
      {
        name: 'Weighted Blanket', price: [70, 200], materials: ['organic cotton', 'bamboo lyocell', 'minky fleece'],
        colours: ['grey', 'navy', 'charcoal', 'sage green', 'blush', 'cream'],
        features: ['Evenly distributed glass beads for calming pressure.', 'A removable cover washes separately.'], extra: { weight: ['5 kg', '7 kg', '9 kg'] },
      },
      {
        name: 'Scented Candle', price: [15, 50], materials: ['soy wax', 'beeswax', 'coconut wax'],
        colours: ['white', 'cream', 'black', 'sage green', 'terracotta', 'blush', 'charcoal'],
        features: ['Hand-poured in a reusable glass vessel with a cotton wick; scent: {scent}.', 'Burns for about 50 hours.'], extra: { scent: ['cedar & sage', 'sea salt', 'fig', 'vanilla', 'pine', 'lavender'] },
      },
      {
        name: 'Table Lamp', price: [40, 180], materials: ['ceramic', 'brass', 'oak wood', 'rattan', 'glass'],
        colours: ['white', 'black', 'sage green', 'terracotta', 'cream', 'mustard', 'navy'],
        materialColours: { brass: ['gold'], 'oak wood': ['natural wood'], rattan: ['natural wood'], glass: ['clear', 'amber', 'smoke grey'] },
        features: ['Warm, dimmable light for reading and evenings.', 'A linen shade; LED bulb included.'],
      },
    ],
    common: ['Ships in plastic-free packaging.', 'A thoughtful housewarming gift.', 'Designed in-house and made by long-term partners.'],
  },
  {
    name: 'Outdoor & Camping', code: 'OUT',
    brands: {
      Northpeak: { lines: ['Basecamp', 'Ridge'], types: ['Tent', 'Sleeping Bag', 'Sleeping Pad', 'Camp Chair', 'Trekking Poles', 'Headlamp'] },
      Trailforge: { lines: ['Ember', 'Scout'], types: ['Camping Stove', 'Headlamp', 'Water Bottle', 'Camp Chair', 'Trekking Poles'] },
      Kestrel: { lines: ['Lite', 'Aero'], types: ['Tent', 'Sleeping Pad', 'Headlamp', 'Water Bottle', 'Trekking Poles', 'Camping Stove'] },
      Fjellby: { lines: ['Fjell', 'Vidde'], types: ['Sleeping Bag', 'Tent', 'Water Bottle', 'Camp Chair', 'Camping Stove', 'Sleeping Pad'] },
    },
    types: [
      {
        name: 'Tent', price: [90, 450], materials: ['ripstop nylon', 'recycled polyester', 'silnylon'],
        colours: ['green', 'forest green', 'orange', 'grey', 'olive', 'sand', 'yellow', 'blue'],
        features: ['Sets up in minutes with colour-coded poles.', 'A full-coverage fly keeps out wind and heavy rain.'], extra: { capacity: ['1-person', '2-person', '3-person', '4-person'], season: ['3-season', '4-season'] },
      },
      {
        name: 'Sleeping Bag', price: [60, 320], materials: ['goose down', 'duck down', 'synthetic insulation'],
        colours: ['red', 'blue', 'orange', 'green', 'navy', 'olive', 'yellow', 'black'],
        materialPhrase: { 'goose down': 'filled with goose down', 'duck down': 'filled with duck down', 'synthetic insulation': 'filled with synthetic insulation' },
        features: ['A mummy shape traps heat efficiently; comfort rated to {temperature}.', 'A draft collar and zip baffle keep the cold out.'], extra: { temperature: ['-7 °C', '-2 °C', '4 °C'] },
      },
      {
        name: 'Sleeping Pad', price: [40, 180], materials: ['ripstop nylon', 'recycled polyester', 'TPU-laminated nylon'],
        colours: ['orange', 'blue', 'yellow', 'green', 'red', 'grey', 'olive'],
        features: ['An inflatable pad with an R-value of 4 for three-season trips.', 'Packs to the size of a water bottle.'],
      },
      {
        name: 'Camping Stove', price: [30, 150], materials: ['stainless steel', 'aluminium', 'titanium'],
        colours: ['silver', 'black', 'orange', 'graphite'],
        materialColours: { titanium: ['silver', 'graphite'], 'stainless steel': ['silver'] },
        features: ['Boils a litre of water in about 4 minutes.', 'Runs on standard screw-on gas canisters.'],
      },
      {
        name: 'Headlamp', price: [20, 80], materials: ['ABS plastic', 'aluminium', 'recycled plastic'],
        colours: ['black', 'orange', 'blue', 'red', 'yellow', 'grey', 'green'],
        features: ['Up to 400 lumens with a red night mode.', 'Rechargeable over USB-C.'],
      },
      {
        name: 'Trekking Poles', price: [40, 160], materials: ['aluminium', 'carbon fibre'],
        colours: ['black', 'red', 'blue', 'orange', 'graphite', 'grey'],
        features: ['Adjustable, locking poles that take the strain off your knees on descents.', 'Cork grips wick sweat.'],
      },
      {
        name: 'Camp Chair', price: [35, 130], materials: ['aluminium', 'recycled polyester', 'ripstop nylon'],
        colours: ['black', 'forest green', 'navy', 'orange', 'grey', 'olive', 'sand', 'blue'],
        features: ['A packable chair that sets up in seconds.', 'Holds up to 145 kg.'],
      },
      {
        name: 'Water Bottle', price: [15, 50], materials: ['stainless steel', 'Tritan plastic', 'titanium'],
        colours: ['black', 'white', 'navy', 'teal', 'forest green', 'red', 'orange', 'lavender', 'coral', 'sand'],
        materialColours: { titanium: ['silver', 'graphite'], 'Tritan plastic': ['clear', 'blue', 'green', 'orange', 'grey'] },
        features: ['A leakproof lid with a carry loop.', 'Dishwasher safe (lid on the top rack).'], extra: { capacity: ['500 ml', '750 ml', '1 L'] },
        materialNotes: { 'stainless steel': 'Double-wall vacuum insulation keeps drinks cold for 24 hours and hot for 12.', 'Tritan plastic': 'Light, shatterproof and BPA-free.', titanium: 'Feather-light, and safe to heat over a camp stove.' },
      },
    ],
    common: ['Tested in the field by our outdoor team.', 'Backed by a 2-year warranty.', 'Light enough for backpacking trips.', 'Repair service available for the life of the product.'],
  },
  {
    name: 'Sports & Fitness', code: 'FIT',
    brands: {
      Corecraft: { lines: ['Studio', 'Pro', 'Circuit'], types: ['Yoga Mat', 'Yoga Block', 'Foam Roller', 'Resistance Bands', 'Jump Rope', 'Kettlebell', 'Dumbbell Set'] },
      Pulsewave: { lines: ['Motion', 'Flex'], types: ['Resistance Bands', 'Jump Rope', 'Foam Roller'] },
      Ironwood: { lines: ['Strength', 'Forge', 'Foundry'], types: ['Kettlebell', 'Dumbbell Set', 'Jump Rope'] },
      Flowmat: { lines: ['Balance', 'Travel'], types: ['Yoga Mat', 'Yoga Block', 'Foam Roller'] },
    },
    types: [
      {
        name: 'Yoga Mat', price: [20, 110], materials: ['natural rubber', 'TPE', 'cork', 'PVC-free foam'],
        colours: ['black', 'purple', 'teal', 'grey', 'coral', 'blue', 'green', 'sage green', 'pink', 'dusty pink', 'lavender', 'forest green'],
        materialColours: { cork: ['tan'] },
        features: ['A non-slip surface grips even in hot yoga.', '{thickness} of cushioning protects knees.'], extra: { thickness: ['3 mm', '5 mm', '6 mm'] },
      },
      {
        name: 'Yoga Block', price: [10, 35], materials: ['cork', 'EVA foam', 'bamboo'],
        colours: ['purple', 'black', 'teal', 'grey', 'blue', 'lavender', 'pink'],
        materialColours: { cork: ['tan'], bamboo: ['natural wood'] },
        features: ['Brings the floor closer in stretches and balances.', 'Rounded edges sit comfortably in the hand.'],
      },
      {
        name: 'Kettlebell', price: [25, 120], materials: ['cast iron', 'vinyl-coated cast iron', 'competition steel'],
        colours: ['black', 'graphite', 'pink', 'blue', 'green', 'purple', 'red', 'orange', 'yellow'],
        materialColours: { 'cast iron': ['black', 'graphite'], 'vinyl-coated cast iron': ['pink', 'blue', 'green', 'purple', 'black'], 'competition steel': ['red', 'blue', 'yellow', 'purple', 'green', 'orange'] },
        features: ['A wide handle fits two hands for swings.', 'A flat base stores upright.'], extra: { weight: ['8 kg', '12 kg', '16 kg', '20 kg', '24 kg'] },
      },
      {
        name: 'Dumbbell Set', price: [30, 160], materials: ['cast iron', 'neoprene-coated iron', 'rubber-coated steel'],
        colours: ['black', 'graphite', 'pink', 'purple', 'teal', 'blue', 'lavender'],
        materialColours: { 'cast iron': ['black', 'graphite'], 'rubber-coated steel': ['black', 'graphite'], 'neoprene-coated iron': ['pink', 'purple', 'teal', 'blue', 'lavender', 'black'] },
        features: ['A matched set with hex heads that do not roll away.', 'Comes with a compact storage stand.'], extra: { weight: ['2 x 2 kg', '2 x 5 kg', '2 x 8 kg', '2 x 10 kg'] },
      },
      {
        name: 'Resistance Bands', price: [12, 45], materials: ['natural latex', 'TPE', 'fabric-covered latex'],
        colours: ['multicolour', 'black', 'purple', 'teal', 'pink', 'blue'],
        features: ['Five resistance levels for strength, mobility and rehab.', 'A door anchor, handles and a carry bag included.'],
      },
      {
        name: 'Foam Roller', price: [15, 60], materials: ['EVA foam', 'EPP foam', 'cork'],
        colours: ['black', 'blue', 'teal', 'orange', 'purple', 'grey', 'green'],
        materialColours: { cork: ['tan'] },
        features: ['A firm textured roller for deep-tissue recovery.', 'Light enough to take to the gym.'],
      },
      {
        name: 'Jump Rope', price: [10, 40], materials: ['steel cable', 'PVC', 'leather'],
        colours: ['black', 'red', 'blue', 'pink', 'teal', 'orange', 'graphite'],
        materialColours: { leather: ['tan', 'brown', 'black'] },
        features: ['Ball-bearing handles spin smoothly for double-unders.', 'The length adjusts in seconds.'],
      },
    ],
    common: ['Wipe clean with a damp cloth.', 'Great for home workouts.', 'Backed by a 1-year warranty.', 'Ships in recycled packaging.'],
  },
  {
    name: 'Beauty & Skincare', code: 'BTY',
    colourAttribute: 'scent',
    materialPhrase: (material) => `with ${material}`,
    brands: {
      'Clover & Clay': { lines: ['Daily', 'Calm'], types: ['Cleanser', 'Moisturiser', 'Shampoo', 'Body Lotion', 'Lip Balm Set'] },
      Solenne: { lines: ['Glow', 'Bright'], types: ['Vitamin C Serum', 'Moisturiser', 'Cleanser', 'Sunscreen SPF 50'] },
      'Mineral Bay': { lines: ['Shore', 'Sheer'], types: ['Sunscreen SPF 50', 'Lip Balm Set', 'Body Lotion', 'Moisturiser'] },
      Barefield: { lines: ['Pure', 'Botanic'], types: ['Shampoo', 'Body Lotion', 'Cleanser', 'Lip Balm Set', 'Sunscreen SPF 50', 'Vitamin C Serum'] },
    },
    types: [
      {
        name: 'Sunscreen SPF 50', noun: 'sunscreen SPF 50', price: [10, 40], materials: ['zinc oxide'], colours: ['unscented', 'cucumber', 'citrus'],
        features: ['Broad-spectrum mineral protection that is reef-friendly.', 'Water resistant for 80 minutes.'], extra: { size: ['50 ml', '100 ml', '200 ml'] },
      },
      {
        name: 'Vitamin C Serum', noun: 'vitamin C serum', price: [18, 60], materials: ['vitamin C'], colours: ['unscented', 'citrus', 'rose', 'lavender'],
        materialPhrase: { 'vitamin C': 'with 15% vitamin C' },
        features: ['Brightens and evens skin tone.', 'Use in the morning under sunscreen.'], extra: { size: ['15 ml', '30 ml'] },
      },
      {
        name: 'Moisturiser', price: [12, 55], materials: ['hyaluronic acid', 'shea butter', 'ceramides', 'squalane', 'aloe vera'],
        colours: ['unscented', 'rose', 'cucumber', 'lavender'],
        features: ['Hydrates for 24 hours without feeling greasy.', 'Suits normal to dry skin.'], extra: { size: ['50 ml', '75 ml'] },
      },
      {
        name: 'Cleanser', price: [8, 35], materials: ['oat extract', 'aloe vera', 'green tea extract', 'ceramides'],
        colours: ['unscented', 'cucumber', 'citrus', 'lavender'],
        features: ['A low-foam cleanser that removes sunscreen and make-up without stripping.', 'Gentle enough for morning and night.'], extra: { size: ['150 ml', '200 ml'] },
      },
      {
        name: 'Shampoo', price: [9, 35], materials: ['argan oil', 'tea tree oil', 'aloe vera', 'coconut oil', 'oat extract'],
        colours: ['unscented', 'lavender', 'citrus', 'rose', 'cucumber', 'sandalwood'],
        features: ['A sulphate-free shampoo for all hair types.', 'Gentle enough for daily use.'], extra: { size: ['250 ml', '400 ml'] },
      },
      {
        name: 'Body Lotion', price: [9, 40], materials: ['shea butter', 'oat extract', 'cocoa butter', 'aloe vera', 'hyaluronic acid'],
        colours: ['unscented', 'lavender', 'citrus', 'rose', 'cucumber', 'sandalwood'],
        features: ['A rich lotion that absorbs quickly.', 'Soothes dry and sensitive skin.'], extra: { size: ['250 ml', '400 ml'] },
      },
      {
        name: 'Lip Balm Set', price: [6, 20], materials: ['shea butter', 'beeswax', 'cocoa butter'], colours: ['unscented', 'citrus', 'rose', 'lavender'],
        features: ['Three nourishing balms in a gift box.', 'Fits in any pocket.'], extra: { size: ['3 x 4.5 ml'] },
      },
    ],
    common: ['Cruelty-free.', 'Dermatologist tested.', 'In recyclable packaging.', 'Free of parabens and mineral oil.'],
  },
  {
    name: 'Toys & Games', code: 'TOY',
    brands: {
      'Little Harbor': { lines: ['Explorer', 'Tiny', 'Acorn'], types: ['Plush Toy', 'Building Blocks Set', 'Jigsaw Puzzle', 'Kite', 'Science Kit'] },
      Brightbox: { lines: ['Think', 'Spark', 'Maker'], types: ['Science Kit', 'Building Blocks Set', 'Jigsaw Puzzle', 'Board Game', 'Card Game'] },
      'Meeple & Co.': { lines: ['Tabletop', 'Party'], types: ['Board Game', 'Card Game', 'Jigsaw Puzzle'] },
      Kitewing: { lines: ['Sky', 'Breeze'], types: ['Kite'] },
      'Bramble & Bear': { lines: ['Woodland', 'Cuddle'], types: ['Plush Toy', 'Building Blocks Set'] },
    },
    types: [
      {
        name: 'Plush Toy', price: [12, 45], materials: ['organic cotton plush', 'recycled polyester plush'],
        colours: ['brown', 'grey', 'cream', 'pink', 'blue', 'yellow', 'sage green'],
        features: ['Super-soft and safe from birth.', 'Surface washable.'], extra: { age: ['0+', '3+'] },
      },
      {
        name: 'Science Kit', price: [20, 60], materials: ['ABS plastic', 'recycled cardboard'], colours: ['multicolour', 'blue', 'green', 'orange'],
        features: ['Twenty hands-on experiments with step-by-step guides.', 'Everything needed is in the box.'], extra: { age: ['8+', '10+'] },
      },
      {
        name: 'Building Blocks Set', price: [20, 90], materials: ['ABS plastic', 'FSC-certified wood', 'plant-based plastic'],
        colours: ['multicolour', 'natural wood', 'pastel'],
        materialColours: { 'FSC-certified wood': ['natural wood', 'multicolour', 'pastel'], 'ABS plastic': ['multicolour', 'pastel'], 'plant-based plastic': ['multicolour', 'pastel'] },
        features: ['Hundreds of pieces for open-ended building.', 'Includes idea cards.'], extra: { age: ['2+', '4+', '6+', '8+'] },
      },
      {
        name: 'Jigsaw Puzzle', price: [12, 40], materials: ['recycled cardboard', 'FSC-certified wood'],
        colours: ['multicolour', 'blue', 'green', 'orange'],
        features: ['{pieces} thick, precisely cut pieces.', 'Comes with a poster of the image.'], extra: { pieces: ['500', '1000', '1500'], age: ['10+', '12+'] },
      },
      {
        name: 'Board Game', price: [20, 70], materials: ['recycled cardboard'], colours: ['multicolour', 'red', 'blue', 'green', 'black'],
        features: ['A strategy game for 2–5 players that plays in 45 minutes.', 'Easy to learn, hard to master.'], extra: { age: ['8+', '10+', '12+'] },
      },
      {
        name: 'Card Game', price: [10, 30], materials: ['recycled cardboard', 'linen-finish card stock'], colours: ['multicolour', 'red', 'blue', 'yellow', 'black', 'teal'],
        features: ['Fast rounds for 3–10 players; perfect for family nights.', 'Fits in a pocket.'], extra: { age: ['6+', '8+', '14+'] },
      },
      {
        name: 'Kite', price: [15, 60], materials: ['ripstop nylon', 'ripstop polyester'], colours: ['multicolour', 'red', 'yellow', 'blue', 'orange', 'green', 'purple'],
        features: ['A stable single-line kite that flies in light winds.', 'Fibreglass spars assemble in a minute.'], extra: { age: ['6+', '8+'] },
      },
    ],
    common: ['Tested to EN 71 and ASTM toy safety standards.', 'A great gift.', 'Packaging is plastic-free.', 'Designed with teachers and parents.'],
  },
];

/** One product line's model: its colour variants share everything but colour, rating and stock. */
interface Model {
  title: string;
  brand: string;
  gender?: string;
  material: string;
  price: number;
  sizes?: string;
  extra: Record<string, string>;
  colours: Set<string>;
}

/** Every SAMPLE_STEP-th product of a category covers all its types (test/helpers.ts keeps every 4th). */
const SAMPLE_STEP = 4;

/** Share of products that are another colour of a model already made. */
const VARIANT_SHARE = 0.3;

export function generateProducts(seed: number, perCategory: number): Product[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  /** Takes the next value `allowed` and not in `exclude` from a shuffled rotation, so every value comes round. */
  const rotate = (queue: string[], all: readonly string[], allowed: readonly string[], exclude: ReadonlySet<string>): string | undefined => {
    for (let pass = 0; pass < 2; pass++) {
      const index = queue.findIndex((value) => allowed.includes(value) && !exclude.has(value));
      if (index >= 0) return queue.splice(index, 1)[0];
      queue.push(...shuffle(all, random));
    }
    const left = allowed.filter((value) => !exclude.has(value));
    return left.length ? pick(left) : undefined;
  };
  const products: Product[] = [];
  for (const category of CATEGORIES) {
    const { types } = category;
    // Every type gets its share of the category; the order of types is shuffled.
    const extraOnes = new Set(shuffle(types.map((_, i) => i), random).slice(0, perCategory % types.length));
    const dealt = shuffle(types.map((_, i) => i), random).flatMap((i) => Array<number>(Math.floor(perCategory / types.length) + (extraOnes.has(i) ? 1 : 0)).fill(i));
    // Each type is spread evenly over positions mod SAMPLE_STEP, so every 4th product (the tests' small shop) still has every type.
    const groups = Array.from({ length: SAMPLE_STEP }, (_, r) => shuffle(dealt.filter((_, k) => k % SAMPLE_STEP === r), random));
    const slots = dealt.map((_, position) => groups[position % SAMPLE_STEP]![Math.floor(position / SAMPLE_STEP)]!);
    const models = types.map((): Model[] => []);
    const colourQueues = types.map((): string[] => []);
    const materialQueues = types.map((): string[] => []);
    let made = 0;
    /** A model of the type and a colour it is not made in yet: another colour of an existing model, or a new model. */
    const choose = (typeIndex: number): { model: Model; colour: string } | undefined => {
      const type = types[typeIndex]!;
      const coloursFor = (material: string) => type.materialColours?.[material] ?? type.colours;
      const allColours = [...new Set([...type.colours, ...Object.values(type.materialColours ?? {}).flat()])];
      const variants = models[typeIndex]!.filter((m) => coloursFor(m.material).some((c) => !m.colours.has(c)));
      let model: Model | undefined;
      if (variants.length > 0 && random() < VARIANT_SHARE) model = pick(variants);
      else {
        model = newModel(category, type, models[typeIndex]!, materialQueues[typeIndex]!, pick, rotate, random);
        if (model) models[typeIndex]!.push(model);
        // Every brand, line and gender of this type is taken: make another colour instead.
        else if (variants.length > 0) model = pick(variants);
      }
      const colour = model && rotate(colourQueues[typeIndex]!, allColours, coloursFor(model.material), model.colours);
      return model && colour ? { model, colour } : undefined;
    };
    for (let typeIndex of slots) {
      let choice = choose(typeIndex);
      // A type with nothing left to make hands its slot to another type.
      for (const other of shuffle(types.map((_, i) => i), random)) {
        if (choice) break;
        choice = choose(other);
        typeIndex = other;
      }
      if (!choice) break;
      const type = types[typeIndex]!;
      const { model, colour } = choice;
      model.colours.add(colour);
      made++;
      const colourKey = category.colourAttribute ?? 'colour';
      const attributes: Record<string, string> = { [colourKey]: colour, material: model.material };
      if (model.gender) attributes.gender = model.gender;
      if (model.sizes) attributes.sizes = model.sizes;
      Object.assign(attributes, model.extra);
      attributes.rating = rating(random);
      const fill = (sentence: string) =>
        capitalise(sentence.replace(/\{(\w+)\}/g, (whole, name: string) => (name === 'material' ? model.material : name === 'colour' ? colour : (attributes[name] ?? whole))));
      const sentences = [
        lead(category, type, colour, model.material),
        ...type.features,
        ...(type.materialNotes?.[model.material] ? [type.materialNotes[model.material]!] : []),
        ...shuffle(category.common, random).slice(0, 2),
      ].map(fill);
      const id = `${category.code}-${String(made).padStart(4, '0')}`;
      products.push({
        id,
        title: model.title,
        description: sentences.join(' '),
        category: category.name,
        brand: model.brand,
        price: model.price,
        currency: 'USD',
        attributes,
        imageUrl: `/img/products/${id}.svg`,
        inStock: random() > 0.08,
      });
    }
  }
  return products;
}

/** A new model of `type` under a brand, line (and gender) not used for that type yet; undefined when all are taken. */
function newModel(
  category: CategorySpec,
  type: ProductType,
  existing: readonly Model[],
  materialQueue: string[],
  pick: <T>(items: readonly T[]) => T,
  rotate: (queue: string[], all: readonly string[], allowed: readonly string[], exclude: ReadonlySet<string>) => string | undefined,
  random: () => number,
): Model | undefined {
  const brands = Object.entries(category.brands).filter(([, brand]) => !brand.types || brand.types.includes(type.name));
  const taken = new Set(existing.map((m) => m.title));
  const free = brands.flatMap(([brand, { lines }]) =>
    lines.flatMap((line) =>
      (category.genders ?? [undefined]).map((gender) => {
        const genderPrefix = gender && gender !== 'unisex' ? `${capitalise(gender)} ` : '';
        return { brand, gender, title: `${brand} ${line} ${genderPrefix}${type.name}` };
      }),
    ),
  ).filter(({ title }) => !taken.has(title));
  if (free.length === 0) return undefined;
  const { brand, gender, title } = pick(free);
  const material = rotate(materialQueue, type.materials, type.materials, new Set())!;
  const [low, high] = type.price;
  const raw = (low + random() * (high - low)) * (MATERIAL_PRICE[material] ?? 1);
  const price = Number(Math.max(raw < 20 ? Math.round(raw) - 0.01 : Math.round(raw / 5) * 5 - 0.01, 4.99).toFixed(2));
  const sizeRuns = category.sizes ? (category.sizes[gender ?? '*'] ?? category.sizes['*'] ?? Object.values(category.sizes).flat()) : undefined;
  const sizes = sizeRuns ? pick(sizeRuns).join(', ') : undefined;
  const extra: Record<string, string> = {};
  for (const [name, values] of Object.entries(type.extra ?? {})) extra[name] = pick(values);
  return { title, brand, gender, material, price, sizes, extra, colours: new Set() };
}

/** The first sentence: colour (or scent), type and material, as a shop writes it. */
function lead(category: CategorySpec, type: ProductType, colour: string, material: string): string {
  const noun = type.noun ?? type.name.toLowerCase();
  const phrase = type.materialPhrase?.[material] ?? category.materialPhrase?.(material) ?? `in ${material}`;
  if (category.colourAttribute === 'scent') return `${colour === 'unscented' ? 'Unscented' : `${capitalise(colour)}-scented`} ${noun} ${phrase}.`;
  return `${capitalise(colour)} ${noun} ${phrase}.`;
}

/** Star ratings bunch around 4.3, as real shops' do, from 3.4 to 5.0. */
function rating(random: () => number): string {
  const value = 4.3 + (random() + random() + random() - 1.5) * 0.8;
  return Math.min(5, Math.max(3.4, value)).toFixed(1);
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '20261129' },
      'per-category': { type: 'string', default: '80' },
      out: { type: 'string', default: 'demo/products.json' },
    },
  });
  const products = generateProducts(Number(values.seed), Number(values['per-category']));
  writeFileSync(values.out!, `${JSON.stringify(products, null, 1)}\n`);
  console.log(`wrote ${products.length} products in ${new Set(products.map((p) => p.category)).size} categories to ${values.out}`);
}
