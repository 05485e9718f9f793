import { IconCircleCheckFilled, IconCircleDashed } from '@tabler/icons-react';
import type { PackView } from '../../../../shared/api/orders';
import type { Tick } from './use-bench-session';

/** The order's lines with packed / expected counts; the line just ticked flashes. */
export function BenchLines({ view, tick }: { view: PackView; tick: Tick | null }) {
  return (
    <div className="bench-lines" data-testid="bench-lines">
      {view.lines.map((l) => {
        const flash = tick?.lineId === l.lineId;
        return (
          <div
            // Re-mounting the ticked row restarts its flash animation on every scan of the same line.
            key={flash ? `${l.lineId}:${tick.seq}` : l.lineId}
            className="bench-line"
            data-testid="bench-line"
            data-sku={l.sku}
            data-packed={l.packed}
            data-expected={l.expected}
            data-done={l.done}
            data-flash={flash}
          >
            {l.done ? <IconCircleCheckFilled size={52} color="var(--mantine-color-teal-filled)" /> : <IconCircleDashed size={52} color="var(--mantine-color-dimmed)" />}
            <div style={{ minWidth: 0 }}>
              <div className="bench-line-sku">
                {l.sku}
                {l.lots.length ? <span style={{ fontWeight: 600, fontSize: 22 }}> · lot {l.lots.join(', ')}</span> : null}
              </div>
              <div className="bench-line-name">{l.name}</div>
            </div>
            <div className="bench-line-count" data-testid="bench-line-count">
              {l.packed} <small>/ {l.expected}</small>
            </div>
          </div>
        );
      })}
    </div>
  );
}
