import type { PackView } from '../../../../shared/api/orders';
import { STAGE_COLORS, STAGE_HEADLINES, type BenchStage } from './bench-stage';

/** The full-width coloured headline: what to do now, and for which order. */
export function BenchStageBar({ stage, view, shippedNumber }: { stage: BenchStage; view: PackView | null; shippedNumber: string | null }) {
  const units = view ? view.lines.reduce((n, l) => n + l.expected, 0) : 0;
  const packed = view ? view.lines.reduce((n, l) => n + l.packed, 0) : 0;
  return (
    <div className="bench-stage-bar" data-testid="bench-stage" data-stage={stage} style={{ background: `var(--mantine-color-${STAGE_COLORS[stage]}-filled)` }}>
      <div>
        <div className="bench-stage-headline">{STAGE_HEADLINES[stage]}</div>
        {stage === 'packing' && view ? (
          <div className="bench-stage-customer" style={{ textAlign: 'left' }} data-testid="bench-progress">
            {packed} of {units} units packed
          </div>
        ) : null}
      </div>
      {view ? (
        <div>
          <div className="bench-stage-order" data-testid="bench-order-number">
            {view.number}
          </div>
          <div className="bench-stage-customer">
            {view.customerName}
            {view.tote ? ` · ${view.tote}` : ''}
          </div>
        </div>
      ) : shippedNumber ? (
        <div className="bench-stage-order">{shippedNumber}</div>
      ) : null}
    </div>
  );
}
