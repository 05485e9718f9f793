import http from 'node:http';
import { startHub } from '../../src/main/server/hub';
import { ratePerSecondAsync, type Bench } from './bench-kit';
import { alternatingOp, seedLedger } from './ledger.bench';

const RUN_MS = 4000;

/** POST /api/<method> on a keep-alive connection; rejects on anything but an ok Result. */
function post(agent: http.Agent, port: number, token: string, method: string, input: unknown): Promise<void> {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/${method}`,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Authorization: `Bearer ${token}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode === 200) resolve();
          else reject(new Error(`${method}: HTTP ${res.statusCode} ${text}`));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** (c) The same operations as the core bench, through the hub's HTTP API: what a handheld on the LAN gets (minus Wi-Fi). */
export const httpBench: Bench = {
  name: 'http',
  async run(ctx) {
    const dir = ctx.dir('hub');
    const hub = await startHub({ dataDir: dir, port: 0, host: '127.0.0.1', rendererDir: dir, log: () => {} });
    try {
      const w = seedLedger(hub.core);
      const token = hub.mintToken('bench');
      const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
      let n = 0;
      const op = async () => {
        const [m, input] = alternatingOp(w, n++);
        await post(agent, hub.port, token, m, input);
      };
      ctx.log('HTTP sequential…');
      const seq = await ratePerSecondAsync(RUN_MS, 1, op);
      ctx.log('HTTP 4 concurrent…');
      const par = await ratePerSecondAsync(RUN_MS, 4, op);
      agent.destroy();
      const core = ctx.figures.get('core');
      const vsCore = (v: number) => (core ? `${((v / core) * 100).toFixed(0)}% of core` : '');
      return [
        { name: '(c) HTTP stock ops, sequential, keep-alive', value: seq.perSecond, unit: 'ops/s', target: { op: '>=', value: 2000 }, note: vsCore(seq.perSecond) },
        { name: '(c) HTTP stock ops, 4 concurrent clients', value: par.perSecond, unit: 'ops/s', target: { op: '>=', value: 2000 }, note: vsCore(par.perSecond) },
      ];
    } finally {
      await hub.close();
    }
  },
};
