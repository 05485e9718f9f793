import { Alert, Anchor, Badge, Button, Loader, Tabs, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import '../components/counts/counts.css';
import { CountAccuracy } from '../components/counts/count-accuracy';
import { CountCreateModal } from '../components/counts/count-create-modal';
import { CountReview } from '../components/counts/count-review';
import { CountSchedule } from '../components/counts/count-schedule';
import { CountScreen } from '../components/counts/count-screen';
import { CountSessions, SESSION_STATUS } from '../components/counts/count-sessions';
import { StockAging } from '../components/counts/stock-aging';
import { PageHeader } from '../components/page-header';
import { useApi } from '../hooks/use-api';
import { href, navigate } from '../hooks/use-route';

const TABS = ['sessions', 'schedule', 'accuracy', 'aging'] as const;
type Tab = (typeof TABS)[number];
export const isCountsTab = (t: string | null): t is Tab => TABS.includes(t as Tab);

/** Cycle counts: the sessions, what the ABC schedule says is due, accuracy and shrinkage, and stock aging. */
export function CountsPage({ tab }: { tab: Tab }) {
  const [creating, setCreating] = useState(false);
  const [bins, setBins] = useState<number[]>([]);
  return (
    <>
      <PageHeader
        title="Counts"
        description="Count bins blind with the scanner, review the differences against the record, then post them as count corrections."
        actions={
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => {
              setBins([]);
              setCreating(true);
            }}
            data-testid="new-count"
          >
            New count
          </Button>
        }
      />
      <Tabs value={tab} onChange={(v) => navigate(v === 'sessions' ? '/counts' : `/counts?tab=${v}`, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="sessions">Counts</Tabs.Tab>
          <Tabs.Tab value="schedule" data-testid="tab-schedule">
            Due (ABC schedule)
          </Tabs.Tab>
          <Tabs.Tab value="accuracy" data-testid="tab-accuracy">
            Accuracy &amp; shrinkage
          </Tabs.Tab>
          <Tabs.Tab value="aging" data-testid="tab-aging">
            Aging &amp; dead stock
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="sessions">
          <CountSessions version={0} />
        </Tabs.Panel>
        <Tabs.Panel value="schedule">
          <CountSchedule
            onCount={(b) => {
              setBins(b);
              setCreating(true);
            }}
          />
        </Tabs.Panel>
        <Tabs.Panel value="accuracy">
          <CountAccuracy />
        </Tabs.Panel>
        <Tabs.Panel value="aging">
          <StockAging />
        </Tabs.Panel>
      </Tabs>
      <CountCreateModal opened={creating} initialBinIds={bins} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/counts/${id}`)} />
    </>
  );
}

/** One count: the blind counting screen while counting (or recounting), the review once submitted. */
export function CountSessionPage({ id, mode }: { id: number; mode: 'count' | null }) {
  const s = useApi('counts.sheet', { sessionId: id });
  if (!s.data) return s.error ? <Alert color="red">{s.error.message}</Alert> : <Loader />;
  const status = s.data.status;
  const counting = status === 'counting' || (status === 'review' && mode === 'count');
  return (
    <>
      <PageHeader
        above={
          <Anchor href={href('/counts')} size="sm">
            ← All counts
          </Anchor>
        }
        title={
          <>
            <span className="mono" data-testid="count-number">
              {s.data.number}
            </span>{' '}
            <Badge size="lg" variant="light" color={SESSION_STATUS[status].color} style={{ verticalAlign: 'middle' }} data-testid="count-status">
              {counting && status === 'review' ? 'Recounting' : SESSION_STATUS[status].label}
            </Badge>
          </>
        }
        description={
          counting ? (
            <Text span size="sm">
              Blind count: scan a bin, then every unit in it. You will not see the recorded quantity.
            </Text>
          ) : (
            'Expected (the record at the moment of counting) against counted, and what each difference needs before posting.'
          )
        }
      />
      {counting ? <CountScreen
          key={`${id}:${status}`}
          sessionId={id}
          onDone={() => {
            navigate(`/counts/${id}`, { replace: true });
            s.reload();
          }}
        /> : <CountReview key={id} sessionId={id} onChanged={s.reload} />}
    </>
  );
}
