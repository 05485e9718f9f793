import { sql as raw, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { z } from 'zod';
import type { Barcode, Item, ItemRow, ParsedInput } from '../../shared/api';
import type { barcodeInput } from '../../shared/api/catalog';
import { fail } from '../../shared/errors';
import { checkGtin } from '../../shared/gtin';
import type { CoreDeps } from '../core/context';
import type { DB } from '../db/schema';
import { qb, type Sql } from '../db/sql';

type ItemDb = Selectable<DB['items']>;

export function toItem(r: ItemDb): Item {
  return {
    id: r.id,
    sku: r.sku,
    name: r.name,
    description: r.description,
    category: r.category,
    unit: r.unit,
    weightGrams: r.weight_grams,
    lengthMm: r.length_mm,
    widthMm: r.width_mm,
    heightMm: r.height_mm,
    costMinor: r.cost_minor,
    priceMinor: r.price_minor,
    currency: r.currency,
    tracking: r.tracking,
    shelfLifeDays: r.shelf_life_days,
    imageUrl: r.image_url,
    parentId: r.parent_id,
    active: r.active === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const toBarcode = (r: Selectable<DB['barcodes']>): Barcode => ({
  id: r.id,
  itemId: r.item_id,
  code: r.code,
  symbology: r.symbology as Barcode['symbology'],
});

const selectItem = (id: number) => qb.selectFrom('items').selectAll().where('id', '=', id);

export function itemById(sql: Sql, id: number): ItemDb {
  const r = sql.pOne(selectItem, id) as ItemDb | undefined;
  if (!r) return fail('UNKNOWN_ITEM', `There is no item with id ${id}`, { itemId: 'Unknown item' });
  return r;
}

type ItemFields = Partial<ParsedInput<'catalog.create'>>;

function columns(f: ItemFields): Updateable<DB['items']> {
  const c: Updateable<DB['items']> = {};
  if (f.sku !== undefined) c.sku = f.sku;
  if (f.name !== undefined) c.name = f.name;
  if (f.description !== undefined) c.description = f.description;
  if (f.category !== undefined) c.category = f.category;
  if (f.unit !== undefined) c.unit = f.unit;
  if (f.weightGrams !== undefined) c.weight_grams = f.weightGrams;
  if (f.lengthMm !== undefined) c.length_mm = f.lengthMm;
  if (f.widthMm !== undefined) c.width_mm = f.widthMm;
  if (f.heightMm !== undefined) c.height_mm = f.heightMm;
  if (f.costMinor !== undefined) c.cost_minor = f.costMinor;
  if (f.priceMinor !== undefined) c.price_minor = f.priceMinor;
  if (f.currency !== undefined) c.currency = f.currency;
  if (f.tracking !== undefined) c.tracking = f.tracking;
  if (f.shelfLifeDays !== undefined) c.shelf_life_days = f.shelfLifeDays;
  if (f.imageUrl !== undefined) c.image_url = f.imageUrl;
  if (f.parentId !== undefined) c.parent_id = f.parentId;
  return c;
}

function assertSkuFree(sql: Sql, sku: string, exceptId?: number): void {
  const other = sql.one(qb.selectFrom('items').select(['id', 'name']).where('sku', '=', sku));
  if (other && other.id !== exceptId) fail('DUPLICATE', `SKU ${sku} is already used by "${other.name}"`, { sku: 'This SKU is already used' });
}

function assertParent(sql: Sql, parentId: number | null | undefined, selfId?: number): void {
  if (parentId == null) return;
  if (parentId === selfId) fail('VALIDATION', 'An item cannot be its own variant', { parentId: 'Cannot be the item itself' });
  const p = sql.one(qb.selectFrom('items').select(['id', 'parent_id']).where('id', '=', parentId));
  if (!p) fail('UNKNOWN_ITEM', `There is no parent item with id ${parentId}`, { parentId: 'Unknown parent item' });
  if (p?.parent_id != null) fail('VALIDATION', 'A variant cannot have variants of its own', { parentId: 'Choose the top-level item' });
}

function insertBarcode(sql: Sql, itemId: number, b: z.output<typeof barcodeInput>, field = 'code'): Barcode {
  let gtin14: string | null = null;
  if (b.symbology === 'gtin') {
    const r = checkGtin(b.code);
    if (!r.ok) return fail('BAD_GTIN', r.message, { [field]: r.message });
    gtin14 = r.gtin14;
  }
  const clash = sql.one(
    qb
      .selectFrom('barcodes')
      .innerJoin('items', 'items.id', 'barcodes.item_id')
      .select(['items.sku'])
      .where((eb) => (gtin14 ? eb.or([eb('barcodes.code', '=', b.code), eb('barcodes.gtin14', '=', gtin14)]) : eb('barcodes.code', '=', b.code))),
  );
  if (clash) fail('DUPLICATE', `Barcode ${b.code} already belongs to ${clash.sku}`, { [field]: `Already on ${clash.sku}` });
  const row = sql.one(
    qb.insertInto('barcodes').values({ item_id: itemId, code: b.code, symbology: b.symbology, gtin14 }).returningAll(),
  ) as Selectable<DB['barcodes']>;
  return toBarcode(row);
}

export function createItem(d: CoreDeps, input: ParsedInput<'catalog.create'>): Item {
  return d.sql.tx(() => {
    assertSkuFree(d.sql, input.sku);
    assertParent(d.sql, input.parentId);
    const now = d.clock.now().toISOString();
    const row = d.sql.one(
      qb
        .insertInto('items')
        .values({ ...(columns(input) as Insertable<DB['items']>), active: 1, created_at: now, updated_at: now })
        .returningAll(),
    ) as ItemDb;
    input.barcodes.forEach((b, i) => insertBarcode(d.sql, row.id, b, `barcodes.${i}.code`));
    return toItem(row);
  });
}

export function updateItem(d: CoreDeps, input: ParsedInput<'catalog.update'>): Item {
  return d.sql.tx(() => {
    const cur = itemById(d.sql, input.id);
    const { active, ...fields } = input.patch;
    if (fields.sku !== undefined) assertSkuFree(d.sql, fields.sku, cur.id);
    if (fields.parentId !== undefined) assertParent(d.sql, fields.parentId, cur.id);
    if (fields.tracking !== undefined && fields.tracking !== cur.tracking) {
      const stock = d.sql.one(
        qb.selectFrom('balances').select((eb) => eb.fn.count<number>('item_id').as('n')).where('item_id', '=', cur.id).where('on_hand', '!=', 0),
      );
      if (stock && stock.n > 0) fail('VALIDATION', 'Tracking cannot change while the item has stock', { tracking: 'Item has stock' });
    }
    const c = columns(fields);
    const set: Updateable<DB['items']> = { ...c, updated_at: d.clock.now().toISOString() };
    if (active !== undefined) set.active = active ? 1 : 0;
    d.sql.run(qb.updateTable('items').set(set).where('id', '=', cur.id));
    return toItem(itemById(d.sql, cur.id));
  });
}

export function getItem(d: CoreDeps, id: number) {
  const item = toItem(itemById(d.sql, id));
  const barcodes = d.sql.all(qb.selectFrom('barcodes').selectAll().where('item_id', '=', id).orderBy('id')).map(toBarcode);
  const variants = (d.sql.all(qb.selectFrom('items').selectAll().where('parent_id', '=', id).orderBy('sku')) as ItemDb[]).map(toItem);
  return { item, barcodes, variants };
}

export function addBarcode(d: CoreDeps, input: ParsedInput<'catalog.addBarcode'>): Barcode {
  return d.sql.tx(() => {
    itemById(d.sql, input.itemId);
    return insertBarcode(d.sql, input.itemId, input);
  });
}

export function removeBarcode(d: CoreDeps, id: number): { removed: boolean } {
  const r = d.sql.run(qb.deleteFrom('barcodes').where('id', '=', id));
  if (!r.changes) fail('NOT_FOUND', `There is no barcode with id ${id}`);
  return { removed: true };
}

export function lookupItem(d: CoreDeps, code: string): { item: Item | null; matchedBy: 'barcode' | 'sku' | 'none' } {
  const g = checkGtin(code);
  const bc = d.sql.one(
    qb
      .selectFrom('barcodes')
      .select('item_id')
      .where((eb) => (g.ok ? eb.or([eb('code', '=', code), eb('gtin14', '=', g.gtin14)]) : eb('code', '=', code))),
  );
  if (bc) return { item: toItem(itemById(d.sql, bc.item_id)), matchedBy: 'barcode' };
  const bySku = d.sql.one(qb.selectFrom('items').selectAll().where('sku', '=', code)) as ItemDb | undefined;
  if (bySku) return { item: toItem(bySku), matchedBy: 'sku' };
  return { item: null, matchedBy: 'none' };
}

/** FTS5 trigram needs 3 characters; shorter queries use the SKU/name prefix indexes. */
function ftsQuery(q: string): string {
  return `"${q.replace(/"/g, '""')}"`;
}

export function searchItems(d: CoreDeps, input: ParsedInput<'catalog.search'>): { total: number; rows: ItemRow[] } {
  const q = input.query.trim();
  let base = qb.selectFrom('items').where('items.active', '=', 1);
  if (input.category !== undefined) base = base.where('items.category', '=', input.category);
  if (q.length >= 3) {
    const g = checkGtin(q);
    base = base.where((eb) =>
      eb.or([
        eb('items.id', 'in', raw<number>`(SELECT rowid FROM items_fts WHERE items_fts MATCH ${ftsQuery(q)})`),
        eb('items.id', 'in', eb.selectFrom('barcodes').select('item_id').where('code', '=', q)),
        ...(g.ok ? [eb('items.id', 'in', eb.selectFrom('barcodes').select('item_id').where('gtin14', '=', g.gtin14))] : []),
      ]),
    );
  }
  // Before the prefix filter, so the page query below can add its own form of it.
  const unfiltered = base;
  const short = q.length > 0 && q.length < 3;
  const like = `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  if (short) {
    base = base.where((eb) => eb.or([eb('items.sku', 'like', raw<string>`${like} ESCAPE '\\'`), eb('items.name', 'like', raw<string>`${like} ESCAPE '\\'`)]));
  }
  const total = d.sql.one(base.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  // One or two typed characters match much of the catalogue: sorting every match by SKU costs ~20 ms per 30k
  // matches, while walking the SKU index and stopping after the page reads under 5% of it when matches are that
  // dense. The unary + keeps SQLite off the prefix indexes (which return matches unsorted); same rows, same order.
  const page =
    short && total > 20 * (input.offset + input.limit)
      ? unfiltered.where((eb) =>
          eb.or([eb(raw<string>`+items.sku`, 'like', raw<string>`${like} ESCAPE '\\'`), eb(raw<string>`+items.name`, 'like', raw<string>`${like} ESCAPE '\\'`)]),
        )
      : base;
  const rows = d.sql.all(
    page
      .select([
        'items.id',
        'items.sku',
        'items.name',
        'items.category',
        'items.tracking',
        'items.price_minor',
        'items.currency',
        (eb) => eb.selectFrom('barcodes').select('code').whereRef('barcodes.item_id', '=', 'items.id').orderBy('barcodes.id').limit(1).as('barcode'),
        (eb) =>
          eb
            .selectFrom('balances')
            .innerJoin('locations', 'locations.id', 'balances.location_id')
            .select((e) => e.fn.coalesce(e.fn.sum<number>('balances.on_hand'), raw<number>`0`).as('s'))
            .whereRef('balances.item_id', '=', 'items.id')
            .where('locations.kind', '=', 'bin')
            .as('on_hand'),
        (eb) =>
          eb
            .selectFrom('balances')
            .innerJoin('locations', 'locations.id', 'balances.location_id')
            .select((e) => e.fn.coalesce(e.fn.sum<number>(raw`balances.on_hand - balances.reserved`), raw<number>`0`).as('s'))
            .whereRef('balances.item_id', '=', 'items.id')
            .where('locations.kind', '=', 'bin')
            .as('available'),
      ])
      .orderBy('items.sku')
      .limit(input.limit)
      .offset(input.offset),
  );
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      sku: r.sku,
      name: r.name,
      category: r.category,
      tracking: r.tracking,
      barcode: r.barcode ?? null,
      onHand: Number(r.on_hand ?? 0),
      available: Number(r.available ?? 0),
      priceMinor: r.price_minor,
      currency: r.currency,
    })),
  };
}

export function categories(d: CoreDeps) {
  return d.sql.all(
    qb
      .selectFrom('items')
      .select(['category', (eb) => eb.fn.countAll<number>().as('items')])
      .where('active', '=', 1)
      .groupBy('category')
      .orderBy('category'),
  );
}
