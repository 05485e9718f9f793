/** One key the packer can press now, shown as a key cap so the screen doubles as the manual. */
export interface BenchKey {
  key: string;
  label: string;
  enabled: boolean;
}

export function BenchKeys({ keys }: { keys: BenchKey[] }) {
  return (
    <div className="bench-keys" data-testid="bench-keys">
      {keys.map((k) => (
        <span key={k.key} className="bench-key" data-disabled={!k.enabled}>
          <kbd>{k.key}</kbd>
          {k.label}
        </span>
      ))}
    </div>
  );
}
