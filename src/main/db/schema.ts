import type { Generated } from 'kysely';

/** Row types of the tables, as Kysely sees them. Keep in step with migrations/. */
export interface DB {
  settings: { key: string; value: string };
  items: {
    id: Generated<number>;
    sku: string;
    name: string;
    description: string;
    category: string;
    unit: string;
    weight_grams: number | null;
    length_mm: number | null;
    width_mm: number | null;
    height_mm: number | null;
    cost_minor: number;
    price_minor: number;
    currency: string;
    tracking: 'none' | 'lot' | 'serial';
    shelf_life_days: number | null;
    image_url: string | null;
    parent_id: number | null;
    active: number;
    created_at: string;
    updated_at: string;
  };
  barcodes: { id: Generated<number>; item_id: number; code: string; symbology: string; gtin14: string | null };
  warehouses: { id: Generated<number>; code: string; name: string; allow_negative: number; priority: number };
  locations: {
    id: Generated<number>;
    warehouse_id: number | null;
    parent_id: number | null;
    kind: 'zone' | 'bin' | 'virtual';
    virtual_kind: string | null;
    code: string;
    name: string;
    barcode: string | null;
  };
  lots: { id: Generated<number>; item_id: number; code: string; expiry: string | null };
  operations: {
    id: Generated<number>;
    kind: string;
    idempotency_key: string | null;
    request_hash: string;
    reservation_id: number | null;
    actor: string;
    device: string;
    created_at: string;
  };
  movements: {
    id: Generated<number>;
    operation_id: number;
    item_id: number;
    lot_id: number | null;
    from_location_id: number;
    to_location_id: number;
    quantity: number;
    unit_cost_minor: number;
    total_cost_minor: number;
    reason: string;
    doc_ref: string | null;
    note: string | null;
    actor: string;
    device: string;
    created_at: string;
  };
  balances: { item_id: number; location_id: number; lot_key: number; on_hand: number; reserved: number };
  cost_layers: {
    id: Generated<number>;
    item_id: number;
    location_id: number;
    lot_id: number | null;
    received_at: string;
    unit_cost_minor: number;
    quantity_in: number;
    remaining: number;
    movement_id: number;
    origin_layer_id: number | null;
  };
  layer_consumptions: { movement_id: number; layer_id: number; quantity: number; cost_minor: number };
  average_costs: { item_id: number; quantity: number; value_minor: number };
  reservation_changes: { id: Generated<number>; operation_id: number; reservation_id: number; delta: number };
  reservations: {
    id: Generated<number>;
    item_id: number;
    location_id: number;
    lot_id: number | null;
    quantity: number;
    remaining: number;
    doc_ref: string | null;
    operation_id: number;
    created_at: string;
  };
}
