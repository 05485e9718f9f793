import { Modal } from '@mantine/core';
import type { Item } from '../../../shared/api';
import { AdjustForm } from './forms/adjust-form';
import { ReceiveForm } from './forms/receive-form';
import { TransferForm } from './forms/transfer-form';

export type StockAction = 'receive' | 'transfer' | 'adjust';

const TITLES: Record<StockAction, string> = { receive: 'Receive stock', transfer: 'Transfer stock', adjust: 'Adjust stock' };

/** The stock forms opened from an item, pre-filled with it; Esc or Cancel closes without saving. */
export function StockActionModal({ action, item, onClose, onDone }: { action: StockAction | null; item: Item; onClose: () => void; onDone: () => void }) {
  const props = {
    initialItem: item,
    mode: 'modal' as const,
    onDone: () => {
      onClose();
      onDone();
    },
    onCancel: onClose,
  };
  return (
    <Modal opened={action !== null} onClose={onClose} title={action ? `${TITLES[action]} — ${item.sku}` : ''} size="lg" centered>
      {action === 'receive' ? <ReceiveForm {...props} /> : null}
      {action === 'transfer' ? <TransferForm {...props} /> : null}
      {action === 'adjust' ? <AdjustForm {...props} /> : null}
    </Modal>
  );
}
