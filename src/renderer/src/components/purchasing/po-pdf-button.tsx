import { Button } from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { call } from '../../api/client';
import { notifications } from '@mantine/notifications';

/**
 * Fetches the PO's PDF (base64 from the core) and hands it to the browser as a download. The API answers JSON on
 * every transport, so the bytes become a blob link here rather than a server URL the desktop host would not have.
 */
export function PoPdfButton({ poId }: { poId: number }) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    const r = await call('purchasing.pdf', { id: poId });
    setBusy(false);
    if (!r.ok) return notifications.show({ color: 'red', title: 'No PDF', message: r.error.message });
    const bytes = Uint8Array.from(atob(r.value.base64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: r.value.contentType }));
    const a = document.createElement('a');
    a.href = url;
    a.download = r.value.filename;
    document.body.append(a);
    a.click();
    a.remove();
    // The click has started the download; the URL can go once the browser has read it.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <Button variant="default" leftSection={<IconFileTypePdf size={16} />} loading={busy} onClick={() => void download()} data-testid="po-pdf">
      Download PDF
    </Button>
  );
}
