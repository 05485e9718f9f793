import { Button, Tabs } from '@mantine/core';
import { IconFileInvoice, IconPlus, IconReceipt } from '@tabler/icons-react';
import { useState } from 'react';
import { DocumentsView } from '../components/finance/documents-view';
import { NewBillModal } from '../components/finance/new-bill-modal';
import { NewInvoiceModal } from '../components/finance/new-invoice-modal';
import { PaymentModal, type PaymentTarget } from '../components/finance/payment-modal';
import { PageHeader } from '../components/page-header';
import { navigate } from '../hooks/use-route';
import { formatDate } from '../lib/format';
import { notifySuccess } from '../lib/notify';

export type FinanceTab = 'receivables' | 'payables';

/** Receivables (sales invoices) and payables (supplier bills): what is owed, what is overdue, and recording payments. */
export function FinancePage({ tab }: { tab: FinanceTab }) {
  const [creating, setCreating] = useState(false);
  const [paying, setPaying] = useState<PaymentTarget | null>(null);
  const invoice = tab === 'receivables';
  return (
    <>
      <PageHeader
        title="Receivables & payables"
        description="What customers owe you and what you owe suppliers, as of a day. Feeds DSO, DPO and the cash conversion cycle."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid={invoice ? 'new-invoice' : 'new-bill'}>
            {invoice ? 'New invoice' : 'New bill'}
          </Button>
        }
      />
      <Tabs value={tab} onChange={(v) => v && navigate(v === 'payables' ? '/finance?tab=payables' : '/finance')} mb="md" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="receivables" leftSection={<IconFileInvoice size={16} />} data-testid="tab-receivables">
            Receivables (invoices)
          </Tabs.Tab>
          <Tabs.Tab value="payables" leftSection={<IconReceipt size={16} />} data-testid="tab-payables">
            Payables (bills)
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <DocumentsView key={tab} kind={invoice ? 'invoice' : 'bill'} onPay={setPaying} />
      <NewInvoiceModal
        opened={creating && invoice}
        onClose={() => setCreating(false)}
        onCreated={(v) => {
          setCreating(false);
          notifySuccess('Invoice raised', `${v.number} for ${v.customerName}, due ${formatDate(v.dueDate)}`);
        }}
      />
      <NewBillModal
        opened={creating && !invoice}
        onClose={() => setCreating(false)}
        onCreated={(b) => {
          setCreating(false);
          notifySuccess('Bill recorded', `${b.number} from ${b.supplierName}, due ${formatDate(b.dueDate)}`);
        }}
      />
      <PaymentModal
        target={paying}
        onClose={() => setPaying(null)}
        onDone={() => {
          notifySuccess('Payment recorded', `Against ${paying?.number ?? ''}`);
          setPaying(null);
        }}
      />
    </>
  );
}
