import type { PackView } from '../../../../shared/api/orders';

/** Where the packer is: each stage has its own colour and headline so it can be read from across the room. */
export type BenchStage = 'waiting' | 'packing' | 'weighing' | 'ship' | 'done';

/** The stage follows from the order as the core reports it, so a reopened order lands where it was left. */
export function stageOf(view: PackView | null, justShipped: boolean): BenchStage {
  if (!view) return justShipped ? 'done' : 'waiting';
  if (!view.complete) return 'packing';
  return view.weight.status === 'ok' || view.weight.status === 'overridden' ? 'ship' : 'weighing';
}

export const STAGE_HEADLINES: Record<BenchStage, string> = {
  waiting: 'Scan an order',
  packing: 'Packing',
  weighing: 'Weigh the parcel',
  ship: 'Label and ship',
  done: 'Shipped: scan the next order',
};

export const STAGE_COLORS: Record<BenchStage, string> = {
  waiting: 'gray',
  packing: 'blue',
  weighing: 'orange',
  ship: 'violet',
  done: 'teal',
};

/** Codes that open an order at the bench rather than tick a line (order number or tote). */
export const isOrderCode = (code: string): boolean => /^(SO|TOTE)-/i.test(code.trim());
