import { Alert, Badge, Button, Code, Collapse, Grid, Group, Loader, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPrinter } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import type { Output } from '../../../../shared/api';
import type { LabelTemplate } from '../../../../shared/api/devices';
import type { ApiError } from '../../../../shared/errors';
import { call } from '../../api/client';
import { useSubmit } from '../../hooks/use-submit';
import { labelData } from '../../lib/label-data';
import { LABEL_SAMPLES } from '../../lib/label-samples';
import { notifySuccess } from '../../lib/notify';
import { svgDataUrl } from '../../lib/svg-data-url';
import { LabelFields } from './label-fields';

type Templates = Output<'labels.templates'>;
type Rendered = Output<'labels.preview'>;

/** Tallest the preview gets on screen; wider labels fill the column width instead. */
const MAX_PREVIEW_PX = 520;
const DOTS_PER_MM = { 203: 8, 300: 12 } as Record<number, number>;

const sample = (t: LabelTemplate): Record<string, unknown> => structuredClone(LABEL_SAMPLES[t]);

/**
 * Pick a template, fill its data (prefilled with an example), and see exactly what the printer gets: the core renders
 * the label for the station's printer (its dpi and stock), and the SVG is shown as an image at its true aspect ratio.
 */
export function LabelPreview({ templates, printerConfigured }: { templates: Templates; printerConfigured: boolean }) {
  const [template, setTemplate] = useState<LabelTemplate>('item');
  const [values, setValues] = useState<Record<string, unknown>>(() => sample('item'));
  const [rendered, setRendered] = useState<Rendered>();
  const [error, setError] = useState<ApiError>();
  const [rendering, setRendering] = useState(false);
  const [showZpl, setShowZpl] = useState(false);
  const [copies, setCopies] = useState('1');
  const print = useSubmit();

  const info = templates.find((t) => t.id === template);
  const data = useMemo(() => (info ? labelData(info.fields, values) : {}), [info, values]);
  const [debounced] = useDebouncedValue(JSON.stringify({ template, data }), 250);

  useEffect(() => {
    let live = true;
    const req = JSON.parse(debounced) as { template: LabelTemplate; data: Record<string, unknown> };
    setRendering(true);
    void call('labels.preview', req).then((r) => {
      if (!live) return;
      setRendering(false);
      if (r.ok) {
        setRendered(r.value);
        setError(undefined);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [debounced]);

  const choose = (t: LabelTemplate) => {
    setTemplate(t);
    setValues(sample(t));
    setError(undefined);
    print.reset();
  };

  const doPrint = async () => {
    const n = Number(copies);
    const job = await print.submit(() => call('labels.print', { template, data, copies: Number.isInteger(n) ? n : 0 }));
    if (job) notifySuccess('Label queued', `${job.title} · the print jobs list follows it`);
  };

  const fieldErrors = { ...(error?.fields ?? {}), ...print.fieldErrors };
  const ratio = rendered ? rendered.widthDots / rendered.heightDots : 1;
  const mm = (dots: number) => (rendered ? Math.round(dots / (DOTS_PER_MM[rendered.dpi] ?? rendered.dpi / 25.4)) : 0);

  return (
    <Paper withBorder radius="md" p="lg" data-testid="label-preview">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Labels</Title>
        {rendered ? (
          <Badge variant="light" color="gray" data-testid="label-size">
            {mm(rendered.widthDots)} × {mm(rendered.heightDots)} mm · {rendered.dpi} dpi
          </Badge>
        ) : null}
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="xs">
            <Select
              label="Template"
              value={template}
              onChange={(v) => v && choose(v as LabelTemplate)}
              data={templates.map((t) => ({ value: t.id, label: t.title }))}
              allowDeselect={false}
              data-testid="label-template"
            />
            {info ? (
              <Text size="xs" c="dimmed">
                {info.description}
              </Text>
            ) : null}
            {info ? <LabelFields fields={info.fields} values={values} onChange={setValues} errors={fieldErrors} /> : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="sm">
            <div className="label-stage" data-testid="label-stage">
              {rendered ? (
                <img
                  src={svgDataUrl(rendered.svg)}
                  alt={`Preview of the ${info?.title ?? template}`}
                  data-testid="label-image"
                  data-template={rendered.template}
                  className="label-image"
                  style={{ aspectRatio: `${rendered.widthDots} / ${rendered.heightDots}`, width: `min(100%, ${Math.round(MAX_PREVIEW_PX * ratio)}px)`, opacity: error ? 0.35 : 1 }}
                />
              ) : (
                <Loader />
              )}
            </div>
            {error ? (
              <Alert color="red" variant="light" p="xs" data-testid="label-error">
                <Text size="sm">{error.message}</Text>
              </Alert>
            ) : (
              <Text size="xs" c="dimmed">
                {rendering ? 'Rendering…' : 'This is exactly what the printer receives, at its resolution and label size.'}
              </Text>
            )}
            <Group gap="xs" align="flex-end">
              <TextInput label="Copies" value={copies} onChange={(e) => (setCopies(e.currentTarget.value), print.clearFieldError('copies'))} error={print.fieldErrors.copies} w={90} />
              <Button leftSection={<IconPrinter size={16} />} onClick={() => void doPrint()} loading={print.submitting} disabled={!printerConfigured || !!error} data-testid="label-print">
                Print label
              </Button>
              <Button variant="subtle" onClick={() => setShowZpl((v) => !v)} disabled={!rendered}>
                {showZpl ? 'Hide ZPL' : 'Show ZPL'}
              </Button>
            </Group>
            {!printerConfigured ? (
              <Text size="xs" c="dimmed">
                Assign a label printer to this station to print.
              </Text>
            ) : null}
            {print.error && !print.error.fields ? (
              <Alert color="red" variant="light" p="xs" data-testid="label-print-error">
                {print.error.message}
              </Alert>
            ) : null}
            <Collapse expanded={showZpl && !!rendered}>
              <Code block mah={240} style={{ overflow: 'auto' }} data-testid="label-zpl">
                {rendered?.zpl}
              </Code>
            </Collapse>
          </Stack>
        </Grid.Col>
      </Grid>
    </Paper>
  );
}
