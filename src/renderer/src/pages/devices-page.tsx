import { Grid, Stack, Text } from '@mantine/core';
import { DeviceCard } from '../components/devices/device-card';
import { DeviceStateBadge } from '../components/devices/device-state-badge';
import { DetectedDevices } from '../components/devices/detected-devices';
import { LabelPreview } from '../components/devices/label-preview';
import { LastError } from '../components/devices/last-error';
import { PrintJobs } from '../components/devices/print-jobs';
import { PrinterConfigForm } from '../components/devices/printer-config-form';
import { PrinterStatusView } from '../components/devices/printer-status-view';
import { RecentScans } from '../components/devices/recent-scans';
import { ScaleCommands } from '../components/devices/scale-commands';
import { ScaleConfigForm } from '../components/devices/scale-config-form';
import { ScannerConfigForm } from '../components/devices/scanner-config-form';
import { WeightDisplay } from '../components/devices/weight-display';
import { PageHeader } from '../components/page-header';
import { useApi } from '../hooks/use-api';
import { useDevicesStatus } from '../hooks/use-devices-status';
import { useEvent } from '../hooks/use-event';
import { useInventory } from '../hooks/use-inventory';

/** The station's bench hardware: scanner, scale and label printer, their assignment, live readings, scans and labels. */
export function DevicesPage() {
  const live = useDevicesStatus();
  const config = useApi('devices.config', {});
  const inventory = useInventory();
  const templates = useApi('labels.templates', {});
  useEvent('devices.changed', (e) => {
    if (e.reason === 'config') config.reload();
  });

  const devices = inventory.data?.devices ?? [];
  const paths = (kind: string) => devices.filter((d) => d.kind === kind).map((d) => d.path);
  const st = live.status;
  const cfg = config.data;

  return (
    <>
      <PageHeader title="Devices" description="This station's scanner, scale and label printer: status, assignment, live weight, last scans and labels." />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <RecentScans />
            {templates.data ? <LabelPreview templates={templates.data} printerConfigured={(cfg?.printer.kind ?? 'none') !== 'none'} /> : null}
            <PrintJobs />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <DeviceCard
              title="Scanner"
              testId="scanner-card"
              badge={st ? <DeviceStateBadge state={st.scanner.state} testId="scanner-state" /> : null}
              message={st?.scanner.message}
              form={<ScannerConfigForm config={cfg?.scanner} hidPaths={paths('hid-scanner')} />}
            >
              {st?.scanner.source && st.scanner.kind === 'hid' ? (
                <Text size="xs" c="dimmed" className="mono">
                  {st.scanner.source}
                </Text>
              ) : null}
              <LastError error={st?.scanner.lastError ?? null} />
            </DeviceCard>
            <DeviceCard
              title="Scale"
              testId="scale-card"
              badge={st ? <DeviceStateBadge state={st.scale.state} testId="scale-state" /> : null}
              message={st?.scale.message}
              form={<ScaleConfigForm config={cfg?.scale} serialPaths={paths('serial-port')} hidPaths={paths('hid-scale')} />}
            >
              {st && st.scale.kind !== 'none' ? (
                <>
                  <WeightDisplay weight={live.weight} />
                  <ScaleCommands scale={st.scale} />
                </>
              ) : null}
              <LastError error={st?.scale.lastError ?? null} />
            </DeviceCard>
            <DeviceCard
              title="Label printer"
              testId="printer-card"
              badge={st ? <DeviceStateBadge state={st.printer.state} testId="printer-state" /> : null}
              message={st?.printer.kind === 'none' ? 'No label printer configured' : undefined}
              form={templates.data ? <PrinterConfigForm config={cfg?.printer} templates={templates.data} usbPaths={[]} /> : null}
            >
              {st && st.printer.kind !== 'none' ? <PrinterStatusView printer={st.printer} /> : null}
            </DeviceCard>
            <DetectedDevices inventory={inventory.data} onRefresh={inventory.refresh} refreshing={inventory.refreshing} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
