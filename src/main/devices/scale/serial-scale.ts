import type { Clock } from '../../core/context';
import type { SerialTransport } from '../serial/serial-transport';
import type { Command, SerialScaleProtocol } from './protocols/decoded';
import { createScaleCore } from './scale-core';
import type { PlausibilityOptions, Scale, ScaleResult, ScaleWeight, StabilityOptions } from './types';

export interface SerialScaleOptions {
  protocol: SerialScaleProtocol;
  transport: SerialTransport;
  clock?: Clock;
  stability?: StabilityOptions;
  plausibility?: PlausibilityOptions;
  /** How long to wait for an answer to a command, ms (default 2000). */
  commandTimeoutMs?: number;
  /** Request a weight every pollMs while connected (request/response protocols only). Off by default. */
  pollMs?: number;
}

interface Pending {
  command: Command;
  resolve: (r: ScaleResult<ScaleWeight | null>) => void;
}

/**
 * One driver for every serial protocol: bytes → framer → protocol decoder → scale core. Commands are sent one at
 * a time because MT-SICS and SCP-01 answer in order without saying which request an answer belongs to.
 */
export function createSerialScale(options: SerialScaleOptions): Scale {
  const { protocol, transport } = options;
  const core = createScaleCore(options);
  const framer = protocol.createFramer();
  const timeoutMs = options.commandTimeoutMs ?? 2000;
  let pending: Pending | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let queued = 0;
  let closed = false;

  const finish = (r: ScaleResult<ScaleWeight | null>): void => {
    const p = pending;
    pending = null;
    p?.resolve(r);
  };

  const onData = (chunk: Buffer): void => {
    const { frames, overflows } = framer.push(chunk);
    for (let i = 0; i < overflows; i++) core.bad('no frame end (wrong protocol or baud rate?)');
    for (const frame of frames) handleFrame(frame);
  };

  const handleFrame = (frame: Buffer): void => {
    const raw = frame.toString('latin1');
    const d = protocol.decode(frame);
    switch (d.kind) {
      case 'reading': {
        const r = core.accept(d.reading, raw);
        if (pending?.command === 'weight') {
          finish(r.ok ? { ok: true, value: r.weight } : { ok: false, error: { code: 'GARBAGE', message: r.reason } });
        }
        return;
      }
      case 'reply': {
        if (!pending || (d.to !== 'any' && d.to !== pending.command)) return;
        if (!d.ok) {
          finish({ ok: false, error: { code: d.code, message: d.message } });
          return;
        }
        if (d.reading) {
          const r = core.interpret(d.reading, raw, false);
          finish(r.ok ? { ok: true, value: r.weight } : { ok: false, error: { code: 'GARBAGE', message: r.reason } });
        } else finish({ ok: true, value: null });
        return;
      }
      case 'ignore':
        return;
      case 'bad':
        core.bad(d.reason);
        return;
    }
  };

  const offData = transport.on('data', onData);
  const offStatus = transport.on('status', (s) => {
    if (s.state !== 'connected') {
      // Half a frame from before the drop must not be glued to the first bytes after it.
      framer.reset();
      finish({ ok: false, error: { code: 'NOT_CONNECTED', message: s.message } });
    }
    core.setLink(s.state === 'connected', s.message);
  });
  core.setLink(transport.status.state === 'connected', transport.status.message);

  const send = (command: Command): Promise<ScaleResult<ScaleWeight | null>> => {
    const bytes = protocol.encode(command);
    if (!bytes) {
      return Promise.resolve({ ok: false, error: { code: 'NOT_SUPPORTED', message: `${protocol.name} has no ${command} command` } });
    }
    queued++;
    const run = async (): Promise<ScaleResult<ScaleWeight | null>> => {
      if (closed) return { ok: false, error: { code: 'CLOSED', message: 'scale closed' } };
      if (!core.connected) return { ok: false, error: { code: 'NOT_CONNECTED', message: core.status.message } };
      const answer = new Promise<ScaleResult<ScaleWeight | null>>((resolve) => {
        const timer = setTimeout(() => {
          if (pending?.resolve === done) finish({ ok: false, error: { code: 'TIMEOUT', message: `${protocol.name}: no answer to ${command} within ${timeoutMs} ms` } });
        }, timeoutMs);
        const done = (r: ScaleResult<ScaleWeight | null>): void => {
          clearTimeout(timer);
          resolve(r);
        };
        pending = { command, resolve: done };
      });
      try {
        await transport.write(bytes);
      } catch (err) {
        finish({ ok: false, error: { code: 'NOT_CONNECTED', message: err instanceof Error ? err.message : String(err) } });
      }
      return answer;
    };
    const result = queue.then(run).finally(() => queued--);
    queue = result.catch(() => undefined);
    return result;
  };

  let poller: NodeJS.Timeout | null = null;
  if (options.pollMs && !protocol.streaming) {
    poller = setInterval(() => {
      // Never pile polls up behind a slow scale or a user command.
      if (core.connected && queued === 0) void send('weight');
    }, options.pollMs);
  }

  return {
    on: core.on,
    get status() {
      return core.status;
    },
    async zero() {
      const r = await send('zero');
      return r.ok ? { ok: true, value: undefined } : r;
    },
    tare: () => send('tare'),
    async requestWeight() {
      if (closed) return { ok: false, error: { code: 'CLOSED', message: 'scale closed' } };
      if (protocol.streaming) {
        if (!core.connected) return { ok: false, error: { code: 'NOT_CONNECTED', message: core.status.message } };
        return core.nextWeight(timeoutMs);
      }
      const r = await send('weight');
      if (!r.ok) return r;
      return r.value ? { ok: true, value: r.value } : { ok: false, error: { code: 'DEVICE_ERROR', message: 'no weight in the answer' } };
    },
    async close() {
      if (closed) return;
      closed = true;
      if (poller) clearInterval(poller);
      finish({ ok: false, error: { code: 'CLOSED', message: 'scale closed' } });
      offData();
      offStatus();
      await transport.close();
      core.dispose();
    },
  };
}
