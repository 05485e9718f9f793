import { Badge, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { ItemRow } from '../../../shared/api';
import type { ItemPages } from '../hooks/use-item-pages';
import { formatQty, money } from '../lib/format';

const ROW_HEIGHT = 44;

export interface ItemGridHandle {
  /** Moves keyboard focus into the list, on the first row. */
  focusFirst(): void;
  /** Opens the highlighted row (or the first one); false if there is none. */
  openActive(): boolean;
}

function Cells({ r }: { r: ItemRow }) {
  return (
    <>
      <div className="mono" title={r.sku}>
        {r.sku}
      </div>
      <div title={r.name}>
        {r.name}
        {r.tracking !== 'none' ? (
          <Badge size="xs" variant="light" color="grape" ml={8}>
            {r.tracking}
          </Badge>
        ) : null}
      </div>
      <div>{r.category || <Text span c="dimmed">—</Text>}</div>
      <div className="mono">{r.barcode ?? <Text span c="dimmed">—</Text>}</div>
      <div className="num">{formatQty(r.onHand)}</div>
      <div className="num" style={r.available < 0 || (r.available === 0 && r.onHand > 0) ? { color: 'var(--mantine-color-red-text)' } : undefined}>
        {formatQty(r.available)}
      </div>
      <div className="num">{money(r.priceMinor, r.currency)}</div>
    </>
  );
}

function Placeholder() {
  return (
    <>
      {[70, 85, 50, 70, 40, 40, 50].map((w, i) => (
        <div key={i}>
          <div className="skeleton-bar" style={{ width: `${w}%`, marginLeft: i >= 4 ? 'auto' : undefined }} />
        </div>
      ))}
    </>
  );
}

/**
 * The items list: only the rows in view are in the DOM, and the pages under them are fetched on demand.
 * Keyboard: arrows/PageUp/PageDown/Home/End move the highlight, Enter opens.
 */
export function ItemGrid({ pages, onOpen, height, ref }: { pages: ItemPages; onOpen: (id: number) => void; height: string; ref?: Ref<ItemGridHandle> }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(-1);
  const count = pages.total ?? 0;
  const v = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = v.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  const { ensure } = pages;
  useEffect(() => {
    if (count > 0) ensure(first, last);
  }, [first, last, count, ensure]);

  const move = (to: number) => {
    if (count === 0) return;
    const i = Math.max(0, Math.min(count - 1, to));
    setActive(i);
    v.scrollToIndex(i, { align: 'auto' });
  };

  const open = (i: number): boolean => {
    const r = pages.row(i);
    if (!r) return false;
    onOpen(r.id);
    return true;
  };

  useImperativeHandle(ref, () => ({
    focusFirst() {
      scrollRef.current?.focus();
      move(active < 0 ? 0 : active);
    },
    openActive: () => open(active < 0 ? 0 : active),
  }));

  const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);

  return (
    <div
      ref={scrollRef}
      tabIndex={0}
      role="grid"
      aria-label="Items"
      aria-rowcount={count}
      data-testid="item-grid"
      // maxHeight, not height: a short list should not leave an empty panel under it.
      style={{ maxHeight: height, overflow: 'auto', outline: 'none', position: 'relative' }}
      onKeyDown={(e) => {
        const keys: Record<string, () => void> = {
          ArrowDown: () => move(active + 1),
          ArrowUp: () => move(active - 1),
          PageDown: () => move(active + pageRows),
          PageUp: () => move(active - pageRows),
          Home: () => move(0),
          End: () => move(count - 1),
          Enter: () => void open(active < 0 ? 0 : active),
        };
        const fn = keys[e.key];
        if (fn) {
          e.preventDefault();
          fn();
        }
      }}
    >
      <div className="item-grid-row item-grid-head" role="row" style={{ position: 'sticky', top: 0, zIndex: 1 }}>
        <div role="columnheader">SKU</div>
        <div role="columnheader">Name</div>
        <div role="columnheader">Category</div>
        <div role="columnheader">Barcode</div>
        <div role="columnheader" className="num">
          On hand
        </div>
        <div role="columnheader" className="num">
          Available
        </div>
        <div role="columnheader" className="num">
          Price
        </div>
      </div>
      <div className="item-grid-body" style={{ height: v.getTotalSize(), position: 'relative' }}>
        {items.map((vi) => {
          const r = pages.row(vi.index);
          return (
            <div
              key={vi.key}
              role="row"
              aria-rowindex={vi.index + 1}
              className="item-grid-row"
              data-active={vi.index === active || undefined}
              data-testid={r ? `item-row-${r.sku}` : undefined}
              onClick={() => {
                setActive(vi.index);
                open(vi.index);
              }}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${vi.start}px)` }}
            >
              {r ? <Cells r={r} /> : <Placeholder />}
            </div>
          );
        })}
      </div>
    </div>
  );
}
