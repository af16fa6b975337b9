/**
 * Generates the demo shop's catalog (demo/products.json) from hand-written product
 * knowledge per category — types, brands and their product lines, materials, colours,
 * sizes, feature sentences and price ranges — combined by a seeded random generator,
 * so the same seed always gives the same 1,200 products.
 *
 *   npx tsx scripts/demo/generate-products.ts        # writes demo/products.json
 *   npx tsx scripts/demo/generate-products.ts --seed 7 --per-category 100 --out /tmp/p.json
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Product } from '../../catalog/schemas.js';

interface ProductType {
  name: string;
  price: [number, number];
  /** Sentences specific to this type; {material} and {colour} are filled in. */
  features: string[];
  extra?: Record<string, string[]>;
}

interface CategorySpec {
  name: string;
  code: string;
  brands: Record<string, string[]>;
  types: ProductType[];
  materials: string[];
  colours: string[];
  sizes?: string[][];
  genders?: string[];
  common: string[];
}

const APPAREL_COLOURS = ['black', 'navy', 'charcoal', 'olive', 'sand', 'burgundy', 'forest green', 'slate blue', 'rust', 'cream', 'heather grey', 'red', 'blue', 'white'];
const LETTER_SIZES = [['XS', 'S', 'M', 'L', 'XL'], ['S', 'M', 'L', 'XL', 'XXL'], ['XS', 'S', 'M', 'L']];

const CATEGORIES: CategorySpec[] = [
  {
    name: 'Running Shoes', code: 'RUN',
    brands: { 'Stride Lab': ['Tempo', 'Pulse', 'Glide'], Northpeak: ['Ridge', 'Talus'], Velora: ['Aria', 'Swift', 'Nimbus'], Kestrel: ['Falcon', 'Kite'] },
    types: [
      { name: 'Road Running Shoe', price: [60, 150], features: ['A responsive foam midsole returns energy on every stride.', 'Built for daily miles on pavement and treadmill.'] },
      { name: 'Trail Running Shoe', price: [70, 170], features: ['Deep 5 mm lugs grip mud, gravel and wet rock.', 'A rock plate protects the foot on technical trails.'] },
      { name: 'Racing Flat', price: [80, 180], features: ['A carbon-infused plate and light foam for race day.', 'At under 200 g it disappears on the foot.'] },
      { name: 'Stability Running Shoe', price: [70, 160], features: ['A firmer medial post guides feet that roll inward.', 'Supportive enough for long runs and walking all day.'] },
      { name: 'Cushioned Running Shoe', price: [55, 165], features: ['Max-cushion foam softens every landing on long recovery runs.', 'A wide base keeps the ride stable.'] },
    ],
    materials: ['engineered mesh', 'recycled knit', 'breathable mesh', 'waterproof Gore-Tex membrane'],
    colours: ['black', 'white', 'blue', 'red', 'neon yellow', 'grey', 'coral', 'teal', 'navy', 'orange'],
    sizes: [['6', '7', '8', '9', '10', '11', '12', '13'], ['5', '6', '7', '8', '9', '10', '11']],
    genders: ["men's", "women's"],
    common: ['The {material} upper breathes on warm days.', 'Reflective details keep you seen at dawn and dusk.', 'Drop: 8 mm. Fits true to size.', 'A padded collar and gusseted tongue lock the heel in place.'],
  },
  {
    name: 'Jackets & Coats', code: 'JKT',
    brands: { 'Harbor & Pine': ['Summit', 'Harbor', 'Cascade'], Northpeak: ['Alpine', 'Ridge'], Fjellby: ['Vinter', 'Storm'], 'Coastline Co.': ['Drift', 'Squall'] },
    types: [
      { name: 'Down Jacket', price: [120, 320], features: ['Filled with 700-fill-power responsibly sourced down for serious warmth.', 'Packs into its own pocket for travel.'], extra: { warmth: ['warm', 'very warm'] } },
      { name: 'Rain Jacket', price: [60, 220], features: ['A 2.5-layer waterproof, breathable shell with fully taped seams.', 'An adjustable hood with a stiffened brim keeps rain off your face.'], extra: { warmth: ['light'] } },
      { name: 'Softshell Jacket', price: [70, 190], features: ['Stretchy, wind-resistant and water-repellent for active days.', 'A brushed lining adds warmth without bulk.'], extra: { warmth: ['light', 'medium'] } },
      { name: 'Fleece Jacket', price: [40, 130], features: ['Soft, warm fleece that dries fast and layers easily.', 'Zipped hand pockets keep your hands warm.'], extra: { warmth: ['medium'] } },
      { name: 'Parka', price: [150, 350], features: ['A long, insulated cut and a faux-fur-trimmed hood for the coldest city days.', 'Rated for temperatures down to -20 °C.'], extra: { warmth: ['very warm'] } },
      { name: 'Insulated Jacket', price: [80, 240], features: ['Synthetic insulation stays warm even when damp.', 'A warm, lightweight layer for winter hikes and commutes.'], extra: { warmth: ['warm'] } },
      { name: 'Windbreaker', price: [35, 110], features: ['A featherweight shell that blocks wind on runs and rides.', 'Folds into its chest pocket.'], extra: { warmth: ['light'] } },
      { name: 'Wool Coat', price: [140, 340], features: ['A tailored overcoat in a warm wool blend.', 'Fully lined, with a classic notch lapel.'], extra: { warmth: ['warm'] } },
    ],
    materials: ['recycled nylon', 'polyester', 'wool blend', 'ripstop nylon', 'organic cotton canvas'],
    colours: APPAREL_COLOURS, sizes: LETTER_SIZES, genders: ["men's", "women's", 'unisex'],
    common: ['The {material} outer holds up to years of wear.', 'Covered by our lifetime outerwear guarantee.', 'Machine washable on a cold, gentle cycle.', 'Two-way front zip and a drop hem for coverage.'],
  },
  {
    name: 'T-Shirts & Tops', code: 'TOP',
    brands: { 'Harbor & Pine': ['Everyday', 'Essential'], Loomwell: ['Classic', 'Organic'], 'Sunday Supply': ['Weekend', 'Easy'], Merinova: ['Trail', 'Base'] },
    types: [
      { name: 'Crew-Neck T-Shirt', price: [12, 45], features: ['A classic crew neck with a relaxed, easy fit.', 'Pre-shrunk so it keeps its shape wash after wash.'] },
      { name: 'V-Neck Tee', price: [14, 45], features: ['A soft V-neck tee for layering or on its own.', 'Side-seamed for a clean drape.'] },
      { name: 'Long-Sleeve Top', price: [18, 60], features: ['Long sleeves for cooler mornings and layering.', 'Ribbed cuffs hold their shape.'] },
      { name: 'Polo Shirt', price: [22, 70], features: ['A two-button placket and a collar that stays crisp.', 'Pique knit breathes on warm days.'] },
      { name: 'Tank Top', price: [10, 35], features: ['A lightweight tank for workouts and hot days.', 'Wide armholes for free movement.'] },
      { name: 'Henley', price: [20, 55], features: ['A three-button henley with a lived-in feel.', 'Slightly longer in the back.'] },
      { name: 'Merino Base Layer', price: [40, 90], features: ['Fine merino wool regulates temperature and resists odour on multi-day trips.', 'Flatlock seams prevent chafing under a pack.'] },
    ],
    materials: ['organic cotton', 'cotton jersey', 'merino wool', 'linen blend', 'recycled polyester', 'Tencel blend'],
    colours: APPAREL_COLOURS, sizes: LETTER_SIZES, genders: ["men's", "women's", 'unisex'],
    common: ['Made of soft {material}.', 'Machine wash cold, tumble dry low.', 'Fits true to size.', 'Dyed with low-impact dyes.'],
  },
  {
    name: 'Jeans & Trousers', code: 'TRS',
    brands: { 'Harbor & Pine': ['Dockside', 'Workwear'], 'Indigo Row': ['Slim', 'Straight', 'Relaxed'], Northpeak: ['Trek', 'Scree'], 'Sunday Supply': ['Lounge'] },
    types: [
      { name: 'Slim Jeans', price: [45, 120], features: ['A slim leg that tapers from knee to ankle.', 'Stretch denim moves with you.'] },
      { name: 'Straight Jeans', price: [45, 120], features: ['A classic straight leg with a mid rise.', 'Rigid selvedge denim that breaks in to fit you.'] },
      { name: 'Chinos', price: [35, 95], features: ['Smart enough for the office, easy enough for the weekend.', 'A tailored fit with a flat front.'] },
      { name: 'Cargo Trousers', price: [40, 100], features: ['Roomy cargo pockets with snap closures.', 'Reinforced knees for hard wear.'] },
      { name: 'Hiking Pants', price: [50, 130], features: ['Quick-drying, stretchy fabric with UPF 50 sun protection.', 'Zip-off legs convert them to shorts.'] },
      { name: 'Joggers', price: [30, 80], features: ['Cuffed ankles and an elastic drawcord waist.', 'Soft enough to lounge in, tidy enough to go out.'] },
    ],
    materials: ['stretch denim', 'organic cotton twill', 'selvedge denim', 'nylon stretch', 'French terry'],
    colours: ['indigo', 'black', 'light wash', 'khaki', 'olive', 'navy', 'stone', 'charcoal'],
    sizes: [['28', '30', '32', '34', '36', '38'], ['26', '28', '30', '32', '34']], genders: ["men's", "women's"],
    common: ['Made of durable {material}.', 'Available in short, regular and long inseams.', 'Five-pocket styling.', 'Wash inside out to keep the colour.'],
  },
  {
    name: 'Dresses & Skirts', code: 'DRS',
    brands: { Marisol: ['Riviera', 'Solstice'], Loomwell: ['Garden', 'Meadow'], 'Sunday Supply': ['Easy', 'Picnic'], 'Atelier Nine': ['Gala', 'Muse'] },
    types: [
      { name: 'Wrap Dress', price: [45, 140], features: ['A flattering wrap silhouette that ties at the waist.', 'Flutter sleeves and a midi length.'] },
      { name: 'Midi Dress', price: [40, 150], features: ['A swingy midi dress for summer evenings.', 'Hidden side pockets.'] },
      { name: 'Maxi Dress', price: [50, 160], features: ['A floor-length maxi with a smocked bodice.', 'Fully lined skirt.'] },
      { name: 'Shirt Dress', price: [40, 120], features: ['A button-through shirt dress with a removable belt.', 'Works for the office and the weekend.'] },
      { name: 'Pleated Skirt', price: [30, 95], features: ['Knife pleats that move beautifully.', 'An elastic back waist for comfort.'] },
      { name: 'Denim Skirt', price: [30, 80], features: ['A classic A-line denim skirt.', 'Five-pocket styling with a button fly.'] },
    ],
    materials: ['linen', 'viscose', 'organic cotton poplin', 'silk blend', 'Tencel', 'denim'],
    colours: ['black', 'floral print', 'navy', 'sage green', 'terracotta', 'ivory', 'polka dot', 'dusty pink', 'red', 'blue'],
    sizes: [['XS', 'S', 'M', 'L', 'XL'], ['2', '4', '6', '8', '10', '12', '14']], genders: ["women's"],
    common: ['Cut from breathable {material}.', 'Hand wash or gentle machine wash.', 'Model is 5\'9" and wears a size S.', 'Fits true to size.'],
  },
  {
    name: 'Knitwear & Hoodies', code: 'KNT',
    brands: { 'Harbor & Pine': ['Fisherman', 'Harbor'], Merinova: ['Alpine', 'Nordic'], 'Sunday Supply': ['Cozy', 'Lazy Sunday'], Fjellby: ['Fjord'] },
    types: [
      { name: 'Pullover Hoodie', price: [35, 95], features: ['A brushed-back fleece hoodie with a lined hood.', 'A kangaroo pocket keeps hands warm.'] },
      { name: 'Zip Hoodie', price: [40, 100], features: ['A full-zip hoodie that layers over anything.', 'Ribbed cuffs and hem.'] },
      { name: 'Crewneck Sweater', price: [45, 150], features: ['A classic crewneck knit for cold days.', 'Gets softer every time you wear it.'] },
      { name: 'Cardigan', price: [45, 140], features: ['A button-front cardigan with patch pockets.', 'Easy to throw over a shirt or dress.'] },
      { name: 'Quarter-Zip Pullover', price: [45, 120], features: ['A quarter-zip with a stand-up collar against the wind.', 'Great as a mid layer on hikes.'] },
      { name: 'Cable-Knit Sweater', price: [60, 170], features: ['Chunky cables and a heavy gauge for real warmth.', 'Inspired by traditional fisherman knits.'] },
    ],
    materials: ['merino wool', 'lambswool', 'cotton fleece', 'cashmere blend', 'recycled wool', 'organic cotton'],
    colours: APPAREL_COLOURS, sizes: LETTER_SIZES, genders: ["men's", "women's", 'unisex'],
    common: ['Knitted from {material}.', 'Hand wash cold and dry flat.', 'A relaxed fit that layers easily.', 'Warm without being heavy.'],
  },
  {
    name: 'Bags & Backpacks', code: 'BAG',
    brands: { Northpeak: ['Traverse', 'Summit'], 'Urban Mule': ['Commuter', 'Metro'], 'Harbor & Pine': ['Canvas', 'Market'], Kestrel: ['Daytrip'] },
    types: [
      { name: 'Daypack', price: [35, 110], features: ['A 20-litre daypack with a padded back panel.', 'Side pockets fit a 1-litre bottle.'], extra: { capacity: ['18 L', '20 L', '24 L'] } },
      { name: 'Hiking Backpack', price: [90, 240], features: ['An adjustable torso and hip belt carry heavy loads comfortably.', 'Includes a rain cover and a hydration sleeve.'], extra: { capacity: ['35 L', '45 L', '55 L', '65 L'] } },
      { name: 'Laptop Backpack', price: [50, 150], features: ['A padded sleeve fits laptops up to 16 inches.', 'A luggage strap slides over a suitcase handle.'], extra: { capacity: ['22 L', '26 L', '30 L'] } },
      { name: 'Tote Bag', price: [25, 90], features: ['A roomy tote with an inside zip pocket.', 'Long handles sit comfortably on the shoulder.'], extra: { capacity: ['15 L', '18 L'] } },
      { name: 'Duffel Bag', price: [60, 180], features: ['A weather-resistant duffel with backpack straps.', 'Opens wide like a suitcase for easy packing.'], extra: { capacity: ['40 L', '60 L', '90 L'] } },
      { name: 'Crossbody Bag', price: [30, 95], features: ['A compact crossbody for phone, keys and wallet.', 'An adjustable strap.'], extra: { capacity: ['2 L', '3 L'] } },
    ],
    materials: ['recycled nylon', 'waxed canvas', 'full-grain leather', 'ripstop polyester', 'cotton canvas'],
    colours: ['black', 'olive', 'navy', 'tan', 'grey', 'burgundy', 'sand', 'blue', 'red'],
    common: ['Made of tough {material}.', 'YKK zips throughout.', 'Backed by a 2-year warranty.', 'Water-resistant finish.'],
  },
  {
    name: 'Watches', code: 'WAT',
    brands: { Tessaro: ['Meridian', 'Atlas'], 'Vane & Co.': ['Field', 'Harbor'], Pulsewave: ['Fit', 'Active'], Orbitek: ['Sport', 'Pro'] },
    types: [
      { name: 'Field Watch', price: [80, 260], features: ['A legible field dial with luminous hands.', 'Water resistant to 100 m.'] },
      { name: 'Dive Watch', price: [150, 450], features: ['A unidirectional bezel and 200 m water resistance.', 'Sapphire crystal resists scratches.'] },
      { name: 'Chronograph Watch', price: [120, 420], features: ['A three-subdial chronograph with a tachymeter.', 'Japanese quartz movement.'] },
      { name: 'Smartwatch', price: [130, 400], features: ['Heart rate, sleep and GPS tracking on your wrist.', 'Up to 7 days of battery life.'], extra: { battery: ['5 days', '7 days', '10 days'] } },
      { name: 'Fitness Tracker', price: [40, 150], features: ['Counts steps, sleep and heart rate; waterproof for swimming.', 'Up to 14 days of battery life.'], extra: { battery: ['10 days', '14 days'] } },
      { name: 'Minimalist Watch', price: [60, 200], features: ['A clean, minimalist dial on a slim case.', 'Quick-release straps swap in seconds.'] },
    ],
    materials: ['stainless steel', 'titanium', 'leather strap', 'silicone strap', 'recycled aluminium'],
    colours: ['black', 'silver', 'gold', 'rose gold', 'navy', 'green', 'white', 'blue'],
    common: ['Case and band in {material}.', 'Covered by a 2-year warranty.', 'Ships in a gift box.', 'Case diameter options: 38 mm and 42 mm.'],
  },
  {
    name: 'Headphones & Audio', code: 'AUD',
    brands: { Sonora: ['Air', 'Studio'], Auralux: ['Quiet', 'Bass'], Pulsewave: ['Sport', 'Run'], Tonebox: ['Mini', 'Boom'] },
    types: [
      { name: 'Wireless Earbuds', price: [35, 200], features: ['True wireless earbuds with a pocketable charging case.', 'Up to 24 hours of listening with the case.'], extra: { battery: ['6 h + 18 h case', '8 h + 24 h case'] } },
      { name: 'Noise-Cancelling Headphones', price: [90, 350], features: ['Active noise cancelling silences planes, trains and open offices.', 'Up to 30 hours of battery life.'], extra: { battery: ['30 h', '40 h'] } },
      { name: 'Bluetooth Speaker', price: [30, 220], features: ['A waterproof speaker with room-filling sound.', 'Pair two for stereo.'], extra: { battery: ['12 h', '20 h'] } },
      { name: 'Sports Earbuds', price: [30, 150], features: ['Ear hooks keep them in place on runs and in the gym.', 'Sweat- and water-resistant (IPX5).'], extra: { battery: ['8 h', '10 h'] } },
      { name: 'Wired Headphones', price: [20, 180], features: ['Studio-tuned sound with a detachable cable.', 'Fold flat for travel.'] },
      { name: 'Over-Ear Headphones', price: [50, 250], features: ['Plush over-ear cushions for long listening sessions.', 'Bluetooth 5.3 with multipoint pairing.'], extra: { battery: ['40 h', '50 h'] } },
    ],
    materials: ['matte plastic', 'aluminium', 'recycled plastic', 'protein leather cushions', 'fabric mesh'],
    colours: ['black', 'white', 'midnight blue', 'sage', 'graphite', 'red', 'sand'],
    common: ['Finished in {material}.', 'USB-C fast charging.', 'Covered by a 2-year warranty.', 'Works with iOS and Android.'],
  },
  {
    name: 'Kitchen & Cookware', code: 'KIT',
    brands: { 'Copper Hearth': ['Chef', 'Classic'], Ironwood: ['Forge', 'Cast'], 'Brew Theory': ['Pour', 'Grind'], 'Harbor & Pine Home': ['Everyday'] },
    types: [
      { name: 'Frying Pan', price: [25, 120], features: ['Heats evenly and sears beautifully.', 'Oven safe to 260 °C (500 °F); works on induction.'], extra: { size: ['8 in', '10 in', '12 in'] } },
      { name: 'Saucepan', price: [30, 130], features: ['A tight-fitting lid and a pouring lip.', 'Dishwasher safe.'], extra: { size: ['1.5 qt', '2 qt', '3 qt'] } },
      { name: "Chef's Knife", price: [35, 180], features: ['A full-tang blade forged from high-carbon steel holds a razor edge.', 'A balanced handle for long prep sessions.'], extra: { size: ['6 in', '8 in'] } },
      { name: 'Cutting Board', price: [20, 80], features: ['Juice grooves catch drips from roasts and fruit.', 'Reversible, with non-slip feet.'] },
      { name: 'Dutch Oven', price: [60, 250], features: ['Enamelled cast iron holds heat for braises, stews and bread.', 'Oven safe to 260 °C.'], extra: { size: ['4.5 qt', '5.5 qt', '7 qt'] } },
      { name: 'Coffee Grinder', price: [30, 200], features: ['Conical burrs give an even grind from espresso to French press.', '40 grind settings.'] },
      { name: 'Pour-Over Coffee Set', price: [25, 90], features: ['A dripper, carafe and filters for a clean, bright cup.', 'Brews 1–4 cups.'] },
      { name: 'Electric Kettle', price: [30, 120], features: ['Boils a litre in under 4 minutes.', 'Variable temperature for green tea and coffee.'] },
    ],
    materials: ['stainless steel', 'cast iron', 'enamelled cast iron', 'ceramic non-stick', 'acacia wood', 'borosilicate glass', 'copper'],
    colours: ['black', 'silver', 'red', 'cream', 'navy', 'sage green', 'natural wood'],
    common: ['Made of {material}.', 'Backed by a lifetime warranty against defects.', 'PFAS-free.', 'A gift every home cook will use.'],
  },
  {
    name: 'Home & Bedding', code: 'HOM',
    brands: { Nestwell: ['Cloud', 'Haven'], 'Harbor & Pine Home': ['Cabin', 'Coastal'], Lumenhaus: ['Glow', 'Arc'], 'Linen Loft': ['Stonewashed'] },
    types: [
      { name: 'Duvet Cover Set', price: [50, 200], features: ['A duvet cover with two pillowcases and hidden button closure.', 'Gets softer with every wash.'], extra: { size: ['Twin', 'Queen', 'King'] } },
      { name: 'Pillow', price: [25, 90], features: ['Adjustable fill for back, side and stomach sleepers.', 'A removable, washable cover.'], extra: { size: ['Standard', 'King'] } },
      { name: 'Throw Blanket', price: [30, 140], features: ['A cosy throw for the sofa or the foot of the bed.', 'Fringed edges.'] },
      { name: 'Bath Towel Set', price: [30, 110], features: ['Plush, absorbent towels in a six-piece set.', 'Quick to dry.'] },
      { name: 'Table Lamp', price: [40, 180], features: ['Warm, dimmable light for reading and evenings.', 'Bulb included.'] },
      { name: 'Scented Candle', price: [15, 50], features: ['Hand-poured soy wax with a cotton wick.', 'Burns for about 50 hours.'], extra: { scent: ['cedar & sage', 'sea salt', 'fig', 'vanilla', 'pine'] } },
      { name: 'Weighted Blanket', price: [70, 200], features: ['Evenly distributed glass beads for calming pressure.', 'Breathable for year-round use.'], extra: { size: ['12 lb', '15 lb', '20 lb'] } },
    ],
    materials: ['percale cotton', 'stonewashed linen', 'Turkish cotton', 'wool', 'ceramic', 'soy wax', 'bamboo lyocell'],
    colours: ['white', 'oatmeal', 'sage green', 'slate blue', 'terracotta', 'charcoal', 'blush'],
    common: ['Made of {material}.', 'OEKO-TEX certified.', 'Machine washable.', 'Ships in plastic-free packaging.'],
  },
  {
    name: 'Outdoor & Camping', code: 'OUT',
    brands: { Northpeak: ['Basecamp', 'Ridge'], Trailforge: ['Ember', 'Scout'], Kestrel: ['Lite'], Fjellby: ['Fjell'] },
    types: [
      { name: 'Tent', price: [90, 450], features: ['Sets up in minutes with colour-coded poles.', 'A full-coverage fly keeps out wind and heavy rain.'], extra: { capacity: ['2-person', '3-person', '4-person'], season: ['3-season', '4-season'] } },
      { name: 'Sleeping Bag', price: [60, 320], features: ['A mummy shape traps heat efficiently.', 'A draft collar and zip baffle keep the cold out.'], extra: { rating: ['-7 °C', '-2 °C', '4 °C'] } },
      { name: 'Camping Stove', price: [30, 150], features: ['Boils a litre of water in about 4 minutes.', 'Folds into its own pot.'] },
      { name: 'Headlamp', price: [20, 80], features: ['Up to 400 lumens with a red night mode.', 'Rechargeable over USB-C.'] },
      { name: 'Trekking Poles', price: [40, 160], features: ['Adjustable, locking poles that take the strain off your knees on descents.', 'Cork grips wick sweat.'] },
      { name: 'Insulated Water Bottle', price: [20, 50], features: ['Keeps drinks cold for 24 hours and hot for 12.', 'A leakproof lid.'], extra: { capacity: ['500 ml', '750 ml', '1 L'] } },
      { name: 'Camp Chair', price: [35, 130], features: ['A packable chair that sets up in seconds.', 'Holds up to 145 kg.'] },
      { name: 'Sleeping Pad', price: [40, 180], features: ['Inflatable pad with an R-value of 4 for three-season trips.', 'Packs to the size of a water bottle.'] },
    ],
    materials: ['ripstop nylon', 'aluminium', 'stainless steel', 'recycled polyester', 'carbon fibre', 'titanium'],
    colours: ['orange', 'forest green', 'grey', 'blue', 'yellow', 'black', 'red'],
    common: ['Built from lightweight {material}.', 'Tested in the field by our outdoor team.', 'Backed by a 2-year warranty.', 'Packs small for backpacking.'],
  },
  {
    name: 'Sports & Fitness', code: 'FIT',
    brands: { Corecraft: ['Studio', 'Pro'], Pulsewave: ['Home'], Ironwood: ['Strength'], Flowmat: ['Balance', 'Travel'] },
    types: [
      { name: 'Yoga Mat', price: [20, 110], features: ['A non-slip surface grips even in hot yoga.', '5 mm of cushioning protects knees.'], extra: { thickness: ['3 mm', '5 mm', '6 mm'] } },
      { name: 'Adjustable Dumbbell Set', price: [60, 350], features: ['Change weight with a twist of the handle.', 'Replaces a whole rack of dumbbells.'], extra: { weight: ['2–12 kg', '2–24 kg'] } },
      { name: 'Resistance Bands', price: [12, 45], features: ['Five resistance levels for strength, mobility and rehab.', 'A door anchor and handles included.'] },
      { name: 'Foam Roller', price: [15, 60], features: ['A firm textured roller for deep-tissue recovery.', 'Light enough to take to the gym.'] },
      { name: 'Jump Rope', price: [10, 40], features: ['Ball-bearing handles spin smoothly for double-unders.', 'Adjustable cable length.'] },
      { name: 'Kettlebell', price: [25, 120], features: ['A wide handle fits two hands for swings.', 'A flat base stores upright.'], extra: { weight: ['8 kg', '12 kg', '16 kg', '20 kg'] } },
      { name: 'Exercise Bike Mat', price: [25, 70], features: ['Protects floors under bikes and treadmills.', 'Dampens noise and vibration.'] },
    ],
    materials: ['natural rubber', 'TPE', 'cast iron', 'EVA foam', 'cork', 'recycled PVC-free foam'],
    colours: ['black', 'purple', 'teal', 'grey', 'coral', 'blue', 'green'],
    common: ['Made of {material}.', 'Wipe clean with a damp cloth.', 'Great for home workouts.', 'Backed by a 1-year warranty.'],
  },
  {
    name: 'Beauty & Skincare', code: 'BTY',
    brands: { 'Clover & Clay': ['Daily', 'Calm'], Solenne: ['Glow', 'Bright'], 'Mineral Bay': ['Sport', 'Sheer'], Barefield: ['Pure'] },
    types: [
      { name: 'Daily Moisturiser', price: [12, 55], features: ['A lightweight moisturiser that hydrates for 24 hours.', 'Suits normal to dry skin.'] },
      { name: 'Mineral Sunscreen SPF 50', price: [10, 40], features: ['Broad-spectrum SPF 50 with zinc oxide; reef-friendly.', 'Water resistant for 80 minutes.'] },
      { name: 'Gentle Cleanser', price: [8, 35], features: ['A low-foam cleanser that removes sunscreen and make-up without stripping.', 'Fragrance-free.'] },
      { name: 'Vitamin C Serum', price: [18, 60], features: ['10% vitamin C to brighten and even skin tone.', 'Use in the morning under sunscreen.'] },
      { name: 'Lip Balm Set', price: [6, 20], features: ['Three nourishing balms with shea butter.', 'Fits in any pocket.'] },
      { name: 'Shampoo', price: [9, 35], features: ['A sulphate-free shampoo for all hair types.', 'Gentle enough for daily use.'] },
      { name: 'Body Lotion', price: [9, 40], features: ['A rich lotion that absorbs quickly.', 'With oat extract for sensitive skin.'] },
    ],
    materials: ['aloe vera', 'shea butter', 'hyaluronic acid', 'zinc oxide', 'oat extract', 'jojoba oil'],
    colours: ['unscented', 'lavender', 'citrus', 'rose', 'cucumber', 'sandalwood'],
    common: ['Formulated with {material}.', 'Cruelty-free and vegan.', 'Dermatologist tested.', 'In a recyclable bottle.'],
  },
  {
    name: 'Toys & Games', code: 'TOY',
    brands: { 'Little Harbor': ['Explorer', 'Tiny'], Brightbox: ['Think', 'Build'], 'Meeple & Co.': ['Strategy', 'Party'], Kitewing: ['Sky'] },
    types: [
      { name: 'Board Game', price: [20, 70], features: ['A strategy game for 2–5 players that plays in 45 minutes.', 'Easy to learn, hard to master.'], extra: { age: ['8+', '10+', '12+'] } },
      { name: 'Jigsaw Puzzle', price: [12, 40], features: ['1,000 thick, precisely cut pieces.', 'Comes with a poster of the image.'], extra: { age: ['10+', '12+'] } },
      { name: 'Building Blocks Set', price: [20, 90], features: ['Hundreds of compatible bricks for open-ended building.', 'Includes idea cards.'], extra: { age: ['4+', '6+', '8+'] } },
      { name: 'Plush Toy', price: [12, 45], features: ['Super-soft plush, safe from birth.', 'Surface washable.'], extra: { age: ['0+', '3+'] } },
      { name: 'Kite', price: [15, 60], features: ['A stable single-line kite that flies in light winds.', 'Assembles in a minute.'], extra: { age: ['6+'] } },
      { name: 'Party Card Game', price: [10, 30], features: ['Fast rounds for 3–10 players; perfect for family nights.', 'Fits in a pocket.'], extra: { age: ['8+', '14+'] } },
      { name: 'Science Kit', price: [20, 60], features: ['Twenty hands-on experiments with step-by-step guides.', 'Everything needed is in the box.'], extra: { age: ['8+', '10+'] } },
    ],
    materials: ['FSC-certified wood', 'recycled cardboard', 'recycled polyester plush', 'ABS plastic', 'ripstop nylon'],
    colours: ['multicolour', 'blue', 'red', 'green', 'yellow', 'pastel'],
    common: ['Made of {material}.', 'Tested to EN 71 and ASTM toy safety standards.', 'A great gift.', 'Packaging is plastic-free.'],
  },
];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateProducts(seed: number, perCategory: number): Product[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const products: Product[] = [];
  const seenTitles = new Set<string>();
  for (const category of CATEGORIES) {
    let made = 0;
    let attempts = 0;
    while (made < perCategory && attempts++ < perCategory * 20) {
      const type = pick(category.types);
      const brand = pick(Object.keys(category.brands));
      const line = pick(category.brands[brand]!);
      const colour = pick(category.colours);
      const material = pick(category.materials);
      const gender = category.genders ? pick(category.genders) : undefined;
      const genderPrefix = gender && gender !== 'unisex' ? `${capitalise(gender)} ` : '';
      const title = `${brand} ${line} ${genderPrefix}${type.name}`;
      const titleKey = `${title}|${colour}`;
      if (seenTitles.has(titleKey)) continue;
      seenTitles.add(titleKey);
      made++;
      const [low, high] = type.price;
      const rawPrice = low + random() * (high - low);
      const price = rawPrice < 20 ? Math.round(rawPrice) - 0.01 : Math.round(rawPrice / 5) * 5 - 0.01;
      const attributes: Record<string, string> = { colour, material };
      if (gender) attributes.gender = gender;
      if (category.sizes) attributes.sizes = pick(category.sizes).join(', ');
      for (const [name, values] of Object.entries(type.extra ?? {})) attributes[name] = pick(values);
      attributes.rating = (3.4 + random() * 1.6).toFixed(1);
      const sentences = [
        ...type.features,
        ...shuffle(category.common, random).slice(0, 2),
      ].map((sentence) => sentence.replace('{material}', material).replace('{colour}', colour));
      const id = `${category.code}-${String(made).padStart(4, '0')}`;
      products.push({
        id,
        title,
        description: `${capitalise(colour)} ${type.name.toLowerCase()} in ${material}. ${sentences.join(' ')}`,
        category: category.name,
        brand,
        price: Math.max(price, 4.99),
        currency: 'USD',
        attributes,
        imageUrl: `/img/products/${id}.svg`,
        inStock: random() > 0.08,
      });
    }
  }
  return products;
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
