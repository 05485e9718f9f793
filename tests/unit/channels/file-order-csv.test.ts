import { describe, expect, it } from 'vitest';
import { parseOrderCsv } from '../../../src/main/channels/connectors/file';

const HEADER = 'order_id,line_id,sku,quantity,unit_price,currency,customer_name,email,ship_name,company,address1,address2,city,region,postal_code,country,status,updated_at';

describe('parseOrderCsv', () => {
  it('turns a multi-line, multi-order file into RemoteOrders', () => {
    const csv = [
      HEADER,
      'M-100,L1,MUG-1,2,8.90,EUR,Ada Lovelace,ada@example.com,,,12 Analytical Row,,London,,N1 1AA,GB,,2026-03-02T10:15:00Z',
      'M-100,L2,TEE-R,1,19.99,EUR,Ada Lovelace,ada@example.com,,,12 Analytical Row,,London,,N1 1AA,GB,,2026-03-02T10:15:00Z',
      '',
      'M-101,,PEN,10,1.5,,Grace Hopper,,G. Hopper,Navy,1 Main St,Apt 2,Arlington,VA,22201,US,cancelled,2026-03-02T11:00:00+01:00',
      'M-101,,INK,1,,,Grace Hopper,,G. Hopper,Navy,1 Main St,Apt 2,Arlington,VA,22201,US,cancelled,2026-03-02T11:00:00+01:00',
    ].join('\r\n');
    const { orders, errors } = parseOrderCsv(csv, { defaultCurrency: 'usd', receivedAt: '2026-03-03T00:00:00.000Z' });
    expect(errors).toEqual([]);
    expect(orders).toEqual([
      {
        externalId: 'M-100',
        name: 'M-100',
        updatedAt: '2026-03-02T10:15:00.000Z',
        createdAt: '2026-03-02T10:15:00.000Z',
        state: 'open',
        currency: 'EUR',
        customerName: 'Ada Lovelace',
        customerEmail: 'ada@example.com',
        shipTo: { name: 'Ada Lovelace', company: null, line1: '12 Analytical Row', line2: null, city: 'London', region: null, postalCode: 'N1 1AA', country: 'GB' },
        lines: [
          { externalLineId: 'L1', ref: 'MUG-1', sku: 'MUG-1', title: 'MUG-1', quantity: 2, unitPriceMinor: 890 },
          { externalLineId: 'L2', ref: 'TEE-R', sku: 'TEE-R', title: 'TEE-R', quantity: 1, unitPriceMinor: 1999 },
        ],
      },
      {
        externalId: 'M-101',
        name: 'M-101',
        updatedAt: '2026-03-02T10:00:00.000Z',
        createdAt: '2026-03-02T10:00:00.000Z',
        state: 'cancelled',
        currency: 'USD',
        customerName: 'Grace Hopper',
        customerEmail: null,
        shipTo: { name: 'G. Hopper', company: 'Navy', line1: '1 Main St', line2: 'Apt 2', city: 'Arlington', region: 'VA', postalCode: '22201', country: 'US' },
        lines: [
          { externalLineId: '1', ref: 'PEN', sku: 'PEN', title: 'PEN', quantity: 10, unitPriceMinor: 150 },
          { externalLineId: '2', ref: 'INK', sku: 'INK', title: 'INK', quantity: 1, unitPriceMinor: 0 },
        ],
      },
    ]);
  });

  it('accepts the minimal columns in any order, with a BOM and spaced headers; no updated_at → the upload time', () => {
    const csv = '\uFEFFSKU,Order ID,Quantity,Customer Name,Address1,City,Postal Code,Country\nA-1,X1,3,Bob,1 Road,Leeds,LS1 1AA,GB\n';
    const { orders, errors } = parseOrderCsv(csv, { receivedAt: '2026-03-03T08:00:00.000Z' });
    expect(errors).toEqual([]);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ externalId: 'X1', currency: 'GBP', state: 'open', updatedAt: '2026-03-03T08:00:00.000Z', lines: [{ externalLineId: '1', sku: 'A-1', quantity: 3, unitPriceMinor: 0 }] });
  });

  it('reports every bad row with its row number (header = row 1) and field, and leaves those orders out', () => {
    const ok = 'G-1,,OK-1,1,2.00,GBP,Good Person,,,,1 Road,,Leeds,,LS1 1AA,GB,,';
    const csv = [
      HEADER,
      ok, // row 2
      'B-1,,SKU-1,two,2.00,GBP,Bad Qty,,,,1 Road,,Leeds,,LS1 1AA,GB,,', // row 3: quantity
      'B-2,,,1,2.00,GBP,No Sku,,,,1 Road,,Leeds,,LS1 1AA,GB,,', // row 4: sku
      'B-3,,SKU-3,0,abc,GBP,Zero,not-an-email,,,1 Road,,Leeds,,LS1 1AA,GB,shipped,yesterday', // row 5: quantity, unit_price, email, status, updated_at
      'B-4,,SKU-4,1,1.00,EURO,Cur,,,,,,Leeds,,LS1 1AA,GB,,', // row 6: currency, address1
      'B-5,L1,SKU-5,1,1.00,GBP,Same,,,,1 Road,,Leeds,,LS1 1AA,GB,,', // row 7: fine alone…
      'B-5,L1,SKU-6,1,1.00,GBP,Other Name,,,,1 Road,,Leeds,,LS1 1AA,GB,,', // row 8: …but duplicates line L1 and differs in customer_name
      ',,SKU-7,1,1.00,GBP,No Order,,,,1 Road,,Leeds,,LS1 1AA,GB,,', // row 9: order_id
    ].join('\n');
    const { orders, errors } = parseOrderCsv(csv);
    const by = (row: number): string[] => errors.filter((e) => e.row === row).map((e) => e.field).sort();
    expect(by(2)).toEqual([]);
    expect(by(3)).toEqual(['quantity']);
    expect(by(4)).toEqual(['sku']);
    expect(by(5)).toEqual(['email', 'quantity', 'status', 'unit_price', 'updated_at']);
    expect(by(6)).toEqual(['address1', 'currency']);
    expect(by(7)).toEqual([]);
    expect(by(8)).toEqual(['customer_name', 'line_id']);
    expect(by(9)).toEqual(['order_id']);
    expect(errors.find((e) => e.row === 3)?.message).toBe('"two" is not a whole number of units above zero');
    expect(errors.find((e) => e.row === 4)?.message).toBe('Required');
    expect(errors.find((e) => e.row === 8 && e.field === 'line_id')?.message).toBe('Line L1 of order B-5 is also on row 7');
    expect(errors.map((e) => e.row)).toEqual([...errors.map((e) => e.row)].sort((a, b) => a - b));
    // Only the fully valid order comes out.
    expect(orders.map((o) => o.externalId)).toEqual(['G-1']);
  });

  it('refuses a file with missing or unknown columns at row 1, and an empty file', () => {
    const r = parseOrderCsv('order_id,sku,qty\nA,B,1\n');
    expect(r.orders).toEqual([]);
    expect(r.errors).toEqual(
      expect.arrayContaining([
        { row: 1, field: 'quantity', message: 'Missing column "quantity"' },
        { row: 1, field: 'customer_name', message: 'Missing column "customer_name"' },
        { row: 1, field: 'qty', message: 'Unknown column "qty"' },
      ]),
    );
    expect(r.errors.every((e) => e.row === 1)).toBe(true);
    expect(parseOrderCsv(`${HEADER}\n\n`).errors).toEqual([{ row: 2, field: '_', message: 'The file has no order rows' }]);
  });

  it('reports an unreadable row (unclosed quote) with its row', () => {
    const csv = `${HEADER}\nQ-1,,SKU,1,1.00,GBP,"Broken,,,,1 Road,,Leeds,,LS1 1AA,GB,,\n`;
    const { orders, errors } = parseOrderCsv(csv);
    expect(orders).toEqual([]);
    expect(errors.some((e) => e.row === 2 && e.field === '_' && /Could not read/.test(e.message))).toBe(true);
  });
});
