import { qb, type Sql } from '../db/sql';

export interface LocationRow {
  id: number;
  warehouse_id: number | null;
  parent_id: number | null;
  kind: 'zone' | 'bin' | 'virtual';
  virtual_kind: string | null;
  code: string;
  name: string;
  barcode: string | null;
}

/** Location rows and their human paths ("MAIN / A / A-01"), cached per connection until locations change. */
export class LocationCache {
  private rows: Map<number, LocationRow> | null = null;
  private paths = new Map<number, string>();
  private whCodes = new Map<number, string>();

  constructor(private readonly sql: Sql) {}

  invalidate(): void {
    this.rows = null;
    this.paths.clear();
    this.whCodes.clear();
  }

  private load(): Map<number, LocationRow> {
    if (!this.rows) {
      this.rows = new Map(this.sql.all(qb.selectFrom('locations').selectAll()).map((r) => [r.id, r as LocationRow]));
      for (const w of this.sql.all(qb.selectFrom('warehouses').select(['id', 'code']))) this.whCodes.set(w.id, w.code);
    }
    return this.rows;
  }

  get(id: number): LocationRow | undefined {
    return this.load().get(id);
  }

  all(): LocationRow[] {
    return [...this.load().values()];
  }

  virtual(kind: string): LocationRow {
    for (const r of this.load().values()) if (r.virtual_kind === kind) return r;
    throw new Error(`virtual location ${kind} is missing`);
  }

  path(id: number): string {
    const cached = this.paths.get(id);
    if (cached !== undefined) return cached;
    const parts: string[] = [];
    let cur = this.get(id);
    const leaf = cur;
    for (let guard = 0; cur && guard < 32; guard++) {
      parts.unshift(cur.code);
      cur = cur.parent_id ? this.get(cur.parent_id) : undefined;
    }
    if (leaf?.warehouse_id) parts.unshift(this.whCodes.get(leaf.warehouse_id) ?? '?');
    const p = leaf?.kind === 'virtual' ? leaf.name : parts.join(' / ');
    this.paths.set(id, p);
    return p;
  }
}
