/**
 * Derives the compact demo data (resources/demo/online-retail-demo.json.gz) from the real UCI Online Retail
 * transactions in ../shared/data/online_retail (see resources/demo/SOURCES.md for the rules written out).
 *
 *   npm run demo:derive [-- <csv.gz> <out.json.gz>]
 *
 * Deterministic: the same input gives byte-identical output (sorted keys and products, fixed gzip header).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createGunzip, gzipSync } from 'node:zlib';
import Papa from 'papaparse';
import {
  DEMO_FILE_NAME,
  DEMO_FORMAT,
  dayNumber,
  type DaySeries,
  type DemoAdjustReason,
  type DemoCategory,
  type DemoFile,
  type DemoProduct,
} from '../src/main/demo/demo-file';
import { fnv1a } from '../src/main/demo/random';

// Paths from the repository root (this file's parent folder), whatever the working directory.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_INPUT = path.resolve(ROOT, '../shared/data/online_retail/online_retail.csv.gz');
export const DEFAULT_OUTPUT = path.resolve(ROOT, 'resources/demo', DEMO_FILE_NAME);
const HEADER = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'];
const FIRST_DAY = '2010-12-01';

/**
 * Which products: every product with at least MIN_SALES_DAYS days of sales is eligible (so each has real demand
 * to forecast); the TOP_BY_SALES_DAYS busiest are all taken (smooth, seasonal demand), the rest are spread evenly
 * over the remaining ranks, down to intermittent sellers. A real catalogue has that long tail (ABC/XYZ reports
 * need it), and it keeps the seed near 45k ledger operations (the 400 busiest alone would be ~90k issues, about 25 s).
 */
const MIN_SALES_DAYS = 30;
const TOP_BY_SALES_DAYS = 40;
const PRODUCT_COUNT = 300;
/** Lot/expiry tracked goods (candles, soaps, food) are few among the busiest lines; take the busiest of them so the
 * demo has enough lots and expiries to show FEFO picking and expiry reports. */
const LOT_TRACKED_WANTED = 18;

/** Real product codes are 5 digits with an optional variant suffix; everything else (POST, D, M, DOT, BANK CHARGES,
 * AMAZONFEE, C2, CRUK, S, PADS, B, DCGS…, gift_0001_…) is a fee, a charge, a voucher or a manual line. */
const PRODUCT_CODE = /^\d{5}[A-Z]{0,2}$/;

/** Category from description keywords: the first rule that matches wins, so specific rules come first. */
export const CATEGORY_RULES: ReadonlyArray<readonly [DemoCategory, RegExp]> = [
  // Cosmetics sold as novelties ("Ice Cream Pen Lip Gloss") are accessories, whatever shape they come in.
  ['Jewellery & Accessories', /\b(LIP GLOSS|LIPSTICK|NAIL)\b/],
  ['Christmas', /\b(CHRISTMAS|XMAS|SANTA|REINDEER|SNOWFLAKE|SNOWMAN|ADVENT|BAUBLES?|NATIVITY|ANGEL|TREE DECORATION|STAR DECORATION)\b/],
  ['Candles & Lights', /\b(CANDLES?|T-LIGHTS?|TEALIGHTS?|TEA LIGHTS?|LANTERNS?|LIGHTS?|LAMPS?|INCENSE|CHANDELIER|NIGHTLIGHT)\b/],
  ['Stationery & Cards', /\b(CARDS?|NOTEBOOKS?|NOTE ?BOOK|PENCILS?|PENS?|STATIONERY|WRAP|GIFT TAGS?|TAGS|STICKERS?|ENVELOPES?|CALENDAR|DIARY|ERASERS?|RUBBERS?|JOURNAL|MEMO|NOTEPAD|PHOTO ALBUM|SCRAPBOOK|LETTER|POSTCARD|RIBBONS?)\b(?! GAME)/],
  ['Party', /\b(PARTY|BUNTING|NAPKINS?|BALLOONS?|BIRTHDAY|CONFETTI|STRAWS|PAPER (CUPS|PLATES)|GARLAND|PINATA|FANCY DRESS)\b/],
  ['Bags', /\b(BAGS?|TOTE|SHOPPER|RUCKSACK|BACKPACK|HOLDALL|SATCHEL)\b/],
  ['Jewellery & Accessories', /\b(NECKLACE|BRACELET|EARRINGS|RINGS?|HAIR|HAIRCLIPS?|BROOCH|CHARM|PURSE|WALLET|UMBRELLA|HAND WARMER|SCARF|KEY ?RING|KEYRING|BEADS?|DIAMANTE|COMPACT MIRROR|SUNGLASSES|GLOVES)\b/],
  ['Garden', /\b(GARDEN|GARDENERS?|PLANT|PLANTER|WATERING CAN|BIRD ?HOUSE|BIRD FEEDER|FEEDER|HERB|SEEDS?|PARASOL|TRUG|GNOME|FLOWER POT|POTTING|KNEELING PAD|WINDMILL|BIRD TABLE)\b/],
  ['Toys & Games', /\b(TOYS?|GAMES?|DOLLS?|PUZZLES?|JIGSAW|DOMINOES|SKIPPING ROPE|KNITTING NANCY|PLAYHOUSE|TEDDY|MONEY ?BANK|CHALK|CRAYONS?|BALL|SPINNING TOP|KIDS|CHILDREN'?S|CHILDS|FELTCRAFT|COLOURING|PAINT SET|MAGIC|SOLDIER|HARMONICA|YO-YO|SNAKES AND LADDERS|NINJA)\b/],
  ['Kitchen & Dining', /\b(MUGS?|CUPS?|TEA ?CUPS?|SAUCERS?|PLATES?|BOWLS?|JARS?|TINS?|LUNCH BOX|CAKE|CAKES|BAKING|OVEN GLOVE|APRON|TEA TOWELS?|CUTLERY|SPOONS?|FORKS?|JUG|GLASS|GLASSES|WATER BOTTLE(?<!HOT WATER BOTTLE)|TEAPOT|TEA SET|LADLE|COASTERS?|PLACEMATS?|KITCHEN|BREAD|SCALES|RECIPE|JAM|DRINKS?|TRAY|CAKESTAND|MOULD|CASES|DOILIES|BISCUIT|EGG|CHOPSTICKS|TUMBLER|BEAKER|SNACK|PANTRY|FOOD|PICNIC|LUNCH|BEAKERS|STRAW|SUGAR|MILK|CAFE|COFFEE|TEA)\b/],
];

/** Things that are consumed or age (wax, soap, food) are received in lots with an expiry; holders are not. */
const LOT_RULES: ReadonlyArray<readonly [RegExp, number]> = [
  // Only unambiguous food words: "SWEET" and "CHOCOLATE" also name designs ("Home Sweet Home Mug", "Chocolate Spots").
  [/\b(SWEETS|FUDGE|LOLLIPOPS|JELLY BEANS|HONEY|MARMALADE|TEA BAGS|LOOSE TEA|POPCORN|CHOCOLATE (BAR|BARS|COINS|BUTTONS|TRUFFLES))\b(?!.*\b(BOWL|TIN|SIGN|JAR|HOLDER|BOX|PLATE|CASES?|MOULD|CUSHION|BAG|CARD|DOORSTOP|MAGNET|DISH|POT)\b)/, 270],
  [/\b(SOAPS?|BATH SALTS|BATH BOMBS?|LIP GLOSS|HAND CREAM|BODY LOTION)\b(?!.*\b(DISH|HOLDER|DISPENSER|BOX|BAG|SIGN)\b)/, 1095],
  [/\b(CANDLES?|INCENSE|T-LIGHTS|TEA LIGHTS|TEALIGHTS|WAX)\b(?!.*\b(HOLDERS?|STICKS?|PLATE|LANTERNS?|POT|DISH|CANDLESTICK|CAGE|RING|SPIKE|SNUFFER|CHANDELIER|GLASS)\b)/, 730],
];

/** Grams per pound of price by category (ceramics and metal weigh more per £ than paper), before per-SKU jitter. */
const GRAMS_PER_POUND: Record<DemoCategory, number> = {
  Bags: 70,
  'Candles & Lights': 140,
  Christmas: 60,
  Garden: 160,
  'Home Decor': 150,
  'Jewellery & Accessories': 25,
  'Kitchen & Dining': 170,
  Party: 45,
  'Stationery & Cards': 35,
  'Toys & Games': 80,
};

const SMALL_WORDS = new Set(['A', 'AN', 'AND', 'OF', 'THE', 'IN', 'ON', 'WITH', 'FOR', 'TO', 'OR', 'AT', 'BY']);
const KEEP_UPPER = new Set(['UK', 'USA', 'LED', 'DIY', 'PC', 'PCS', 'XL', 'ABC', 'DVD', 'CD', 'S/3', 'S/4', 'S/6']);

/** "WHITE HANGING HEART T-LIGHT HOLDER" → "White Hanging Heart T-Light Holder"; acronyms and numbers stay as they are. */
export function titleCase(desc: string): string {
  const words = desc.trim().replace(/\s+/g, ' ').split(' ');
  return words
    .map((w, i) => {
      const u = w.toUpperCase();
      if (KEEP_UPPER.has(u)) return u;
      if (i > 0 && SMALL_WORDS.has(u)) return u.toLowerCase();
      // Capitalise each part after a hyphen or slash ("T-LIGHT" → "T-Light", "SET/3" → "Set/3"), lower the rest,
      // but keep "'S" lower ("CHILDREN'S" → "Children's").
      return w.toLowerCase().replace(/(^|[-/(])([a-z])/g, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
    })
    .join(' ');
}

export function categoryOf(desc: string): DemoCategory {
  const u = desc.toUpperCase();
  for (const [cat, re] of CATEGORY_RULES) if (re.test(u)) return cat;
  return 'Home Decor';
}

export function shelfLifeOf(desc: string): number | null {
  const u = desc.toUpperCase();
  if (/\bLED\b/.test(u)) return null; // battery "tea lights" have no wax to age
  for (const [re, days] of LOT_RULES) if (re.test(u)) return days;
  return null;
}

/** Notes of the zero-price stock lines in the source ("damaged", "wet pallet", "?missing", "check") → reason. */
export function adjustReasonOf(note: string, quantity: number): DemoAdjustReason {
  if (quantity > 0) return 'found';
  const n = note.toLowerCase();
  if (/damage|broken|smashed|crush|wet|rust|mould|faulty|thrown|destroy|unsaleable|crack|water/.test(n)) return 'damage';
  if (/missing|lost|\?/.test(n)) return 'lost';
  return 'count_correction';
}

/** Money in the source is decimal pounds as text; parse it to pence without binary-float drift. */
export function penceOf(text: string): number {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) return Number.NaN;
  const frac = ((m[3] ?? '') + '000').slice(0, 3);
  // Three decimals exist in the source (e.g. 0.001 bank lines); round half up at the third.
  const milli = Number(m[2] || '0') * 1000 + Number(frac);
  const pence = Math.floor((milli + 5) / 10);
  return m[1] ? -pence : pence;
}

interface Acc {
  descriptions: Map<string, number>;
  prices: number[];
  quantities: Map<number, number>;
  /** "day|customer" → [shipped, cancelled]. */
  byDayCustomer: Map<string, [number, number]>;
  adjustments: Map<number, { q: number; notes: string[] }>;
}

export interface DeriveStats {
  rowsSeen: number;
  rowsUsed: number;
  nonProductRows: number;
  eligibleProducts: number;
  categories: Record<string, number>;
  lotTracked: number;
  unitsSold: number;
  unitsReturned: number;
  issueDays: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : Math.round((s[m - 1] + s[m]) / 2);
};

function series(map: Map<number, number>): DaySeries {
  const d = [...map.keys()].filter((k) => map.get(k) !== 0).sort((a, b) => a - b);
  return { d, q: d.map((k) => map.get(k) as number) };
}

/** Streams the gzipped CSV through an RFC 4180 parser, one row at a time (47 MB unpacked never sits in memory). */
async function readRows(file: string, onRow: (r: string[]) => void): Promise<void> {
  const stream = fs.createReadStream(file).pipe(createGunzip());
  stream.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    let failed = false;
    Papa.parse<string[]>(stream, {
      header: false,
      skipEmptyLines: true,
      step: (res, parser) => {
        if (failed) return;
        try {
          if (res.errors.length) throw new Error(`CSV error near byte ${res.meta.cursor}: ${res.errors[0].message}`);
          onRow(res.data);
        } catch (e) {
          failed = true;
          parser.abort();
          reject(e);
        }
      },
      complete: () => resolve(),
      error: (e: Error) => reject(e),
    });
  });
}

export async function deriveDemo(input: string = DEFAULT_INPUT): Promise<{ file: DemoFile; stats: DeriveStats }> {
  const first = dayNumber(FIRST_DAY);
  const acc = new Map<string, Acc>();
  let rowsSeen = 0;
  let rowsUsed = 0;
  let nonProductRows = 0;
  let lastDay = 0;
  let header: string[] | null = null;

  await readRows(input, (r) => {
    if (!header) {
      header = r;
      if (r.join(',') !== HEADER.join(',')) throw new Error(`Unexpected header: ${r.join(',')}`);
      return;
    }
    rowsSeen++;
    const [invoice, rawCode, description, qtyText, date, priceText, customer] = r;
    const code = rawCode.trim().toUpperCase();
    if (!PRODUCT_CODE.test(code)) {
      nonProductRows++;
      return;
    }
    const qty = Number(qtyText);
    const price = penceOf(priceText);
    const day = dayNumber(date.slice(0, 10)) - first;
    if (!Number.isInteger(qty) || qty === 0 || !Number.isFinite(price) || day < 0) return;
    lastDay = Math.max(lastDay, day);
    let a = acc.get(code);
    if (!a) {
      a = { descriptions: new Map(), prices: [], quantities: new Map(), byDayCustomer: new Map(), adjustments: new Map() };
      acc.set(code, a);
    }
    const cancelled = invoice.startsWith('C');
    const key = `${day}|${customer.trim()}`;
    if (!cancelled && qty > 0 && (price > 0 || customer.trim() !== '')) {
      // Shipped: a paid line, or a free line to a known customer (a sample still leaves the shelf).
      rowsUsed++;
      const dc = a.byDayCustomer.get(key) ?? [0, 0];
      dc[0] += qty;
      a.byDayCustomer.set(key, dc);
      if (price > 0) {
        a.prices.push(price);
        a.quantities.set(qty, (a.quantities.get(qty) ?? 0) + 1);
        const d = description.trim();
        if (d && d !== 'Unknown') a.descriptions.set(d, (a.descriptions.get(d) ?? 0) + 1);
      }
    } else if (cancelled && qty < 0) {
      rowsUsed++;
      const dc = a.byDayCustomer.get(key) ?? [0, 0];
      dc[1] += -qty;
      a.byDayCustomer.set(key, dc);
    } else if (!cancelled && price === 0 && customer.trim() === '') {
      // A zero-price line without a customer is the shop's own stock record: its description is a note.
      rowsUsed++;
      const adj = a.adjustments.get(day) ?? { q: 0, notes: [] };
      adj.q += qty;
      adj.notes.push(description.trim());
      a.adjustments.set(day, adj);
    }
  });

  const built: DemoProduct[] = [];
  for (const [sku, a] of acc) {
    const sold = new Map<number, number>();
    const returned = new Map<number, number>();
    for (const [key, [s, c]] of a.byDayCustomer) {
      const day = Number(key.slice(0, key.indexOf('|')));
      // A cancellation by the same customer on the same day stops the order before dispatch (this removes the
      // two famous 80,995 and 74,215 unit orders); what is left of a cancellation came back as a return.
      const netted = Math.min(s, c);
      if (s - netted > 0) sold.set(day, (sold.get(day) ?? 0) + s - netted);
      if (c - netted > 0) returned.set(day, (returned.get(day) ?? 0) + c - netted);
    }
    const soldSeries = series(sold);
    if (soldSeries.d.length < MIN_SALES_DAYS || a.descriptions.size === 0 || a.prices.length === 0) continue;
    const description = [...a.descriptions].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0][0];
    const category = categoryOf(description);
    const priceMinor = median(a.prices);
    const h = fnv1a(sku);
    const costMinor = Math.max(1, Math.round((priceMinor * (40 + (h % 21))) / 100));
    const jitter = 0.75 + ((h >>> 8) % 51) / 100;
    const weightGrams = Math.max(10, Math.round(((priceMinor / 100) * GRAMS_PER_POUND[category] * jitter) / 5) * 5);
    const packSize = Math.min(144, [...a.quantities].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0][0]);
    const shelfLifeDays = shelfLifeOf(description);
    const adjDays = [...a.adjustments.keys()].filter((k) => a.adjustments.get(k)!.q !== 0).sort((x, y) => x - y);
    built.push({
      sku,
      name: titleCase(description),
      category,
      priceMinor,
      costMinor,
      weightGrams,
      packSize,
      tracking: shelfLifeDays ? 'lot' : 'none',
      shelfLifeDays,
      salesDays: soldSeries.d.length,
      sold: soldSeries,
      returned: series(returned),
      adjustments: {
        d: adjDays,
        q: adjDays.map((k) => a.adjustments.get(k)!.q),
        r: adjDays.map((k) => adjustReasonOf(a.adjustments.get(k)!.notes.join(' '), a.adjustments.get(k)!.q)),
      },
    });
  }

  built.sort((x, y) => y.salesDays - x.salesDays || (x.sku < y.sku ? -1 : 1));
  const top = built.slice(0, TOP_BY_SALES_DAYS);
  const lotted = built.slice(TOP_BY_SALES_DAYS).filter((p) => p.tracking === 'lot').slice(0, Math.max(0, LOT_TRACKED_WANTED - top.filter((p) => p.tracking === 'lot').length));
  const rest = built.slice(TOP_BY_SALES_DAYS).filter((p) => !lotted.includes(p));
  const spread = PRODUCT_COUNT - top.length - lotted.length;
  const picked = [...top, ...lotted, ...Array.from({ length: Math.min(spread, rest.length) }, (_, i) => rest[Math.floor((i * rest.length) / spread)])];
  picked.sort((x, y) => (x.sku < y.sku ? -1 : x.sku > y.sku ? 1 : 0));

  const categories: Record<string, number> = {};
  for (const p of picked) categories[p.category] = (categories[p.category] ?? 0) + 1;
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  const days = lastDay + 1;
  const file: DemoFile = {
    format: DEMO_FORMAT,
    source:
      'Derived from the UCI Machine Learning Repository "Online Retail" dataset (id 352, donor Dr Daqing Chen), CC BY 4.0. ' +
      'Chen, D., Sain, S.L., Guo, K. (2012), Journal of Database Marketing & Customer Strategy Management 19(3):197-208. See SOURCES.md.',
    firstDay: FIRST_DAY,
    lastDay: new Date((first + lastDay) * 86_400_000).toISOString().slice(0, 10),
    days,
    rowsSeen,
    products: picked,
  };
  const stats: DeriveStats = {
    rowsSeen,
    rowsUsed,
    nonProductRows,
    eligibleProducts: built.length,
    categories: Object.fromEntries(Object.entries(categories).sort()),
    lotTracked: picked.filter((p) => p.tracking === 'lot').length,
    unitsSold: sum(picked.map((p) => sum(p.sold.q))),
    unitsReturned: sum(picked.map((p) => sum(p.returned.q))),
    issueDays: sum(picked.map((p) => p.sold.d.length)),
  };
  return { file, stats };
}

/** JSON with a fixed key order (object literal order above) and a gzip header without time or OS, so output is byte-stable. */
export function encodeDemoFile(file: DemoFile): Buffer {
  const gz = gzipSync(Buffer.from(JSON.stringify(file), 'utf8'), { level: 9 });
  gz[9] = 0xff; // OS byte: "unknown", rather than whatever platform zlib was built for
  return gz;
}

async function main(): Promise<void> {
  const input = path.resolve(process.argv[2] ?? DEFAULT_INPUT);
  const output = path.resolve(process.argv[3] ?? DEFAULT_OUTPUT);
  if (!fs.existsSync(input)) {
    console.error(`Source data not found: ${input}\nThe demo file is derived from ../shared/data/online_retail (see resources/demo/SOURCES.md).`);
    process.exit(1);
  }
  const t0 = performance.now();
  const { file, stats } = await deriveDemo(input);
  const gz = encodeDemoFile(file);
  fs.mkdirSync(path.dirname(output), { recursive: true });
  fs.writeFileSync(output, gz);
  console.log(JSON.stringify({ output, bytes: gz.length, products: file.products.length, ...stats, ms: Math.round(performance.now() - t0) }, null, 2));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
