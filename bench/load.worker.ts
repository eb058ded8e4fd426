// The HTTP load generator on its own thread: the client's own work (HTTP, JSON) stays off the
// app's event loop, and an open-loop schedule is not delayed when the app's loop is busy.
// node:http with a keep-alive agent, not fetch: undici's fetch cost ~0.6 ms more CPU per request
// on this machine, CPU the measured system then did not have.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import type { LoadCommand, LoadResult, LoadRequest } from './load.js';
import { kernelThreadId } from './thread-id.js';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1000 });

function exchange(base: string, request: LoadRequest): Promise<{ status: number; text: string }> {
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const headers: http.OutgoingHttpHeaders = { authorization: `Bearer ${request.token}` };
  if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${request.path}`, { method: request.method, agent, headers, timeout: 15_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out after 15 s')));
    req.on('error', reject);
    req.end(body);
  });
}

async function send(base: string, request: LoadRequest): Promise<Omit<LoadResult, 'ms' | 'lateMs'>> {
  try {
    const { status, text } = await exchange(base, request);
    const ok = status >= 200 && status < 300;
    let id: string | undefined;
    let error: string | undefined;
    try {
      const body = JSON.parse(text) as { id?: unknown; message?: unknown };
      if (typeof body.id === 'string') id = body.id;
      if (!ok) error = String(body.message ?? text).slice(0, 300);
    } catch {
      if (!ok) error = text.slice(0, 300);
    }
    return { status, id, error };
  } catch (caught) {
    return { status: 0, error: (caught as Error).message };
  }
}

/**
 * Closed loop: `concurrency` requests in flight, the next one leaves when one returns. No new
 * request leaves after `maxMs`; the results stop at the last one sent.
 */
async function closed(base: string, requests: LoadRequest[], concurrency: number, maxMs: number): Promise<LoadResult[]> {
  const results: LoadResult[] = new Array(requests.length);
  const deadline = performance.now() + maxMs;
  let next = 0;
  const lane = async () => {
    while (next < requests.length && performance.now() < deadline) {
      const i = next++;
      const started = performance.now();
      const outcome = await send(base, requests[i]);
      results[i] = { ...outcome, ms: performance.now() - started, lateMs: 0 };
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, lane));
  return results.slice(0, next);
}

/**
 * Open loop: request i is due at t0 + i/rate whatever happened to the others. Latency counts
 * from the moment it was due (no coordinated omission), and `lateMs` says how late it left.
 */
async function open(base: string, requests: LoadRequest[], ratePerSec: number): Promise<LoadResult[]> {
  const results: LoadResult[] = new Array(requests.length);
  const interval = 1000 / ratePerSec;
  const t0 = performance.now() + 20;
  await Promise.all(
    requests.map(
      (request, i) =>
        new Promise<void>((resolve) => {
          const due = t0 + i * interval;
          setTimeout(async () => {
            const left = performance.now();
            const outcome = await send(base, request);
            results[i] = { ...outcome, ms: performance.now() - due, lateMs: left - due };
            resolve();
          }, Math.max(0, due - performance.now()));
        }),
    ),
  );
  return results;
}

parentPort!.postMessage({ seq: 0, threadId: kernelThreadId() });
parentPort!.on('message', async (command: LoadCommand) => {
  const results =
    command.kind === 'closed'
      ? await closed(command.base, command.requests, command.concurrency, command.maxMs)
      : await open(command.base, command.requests, command.ratePerSec);
  parentPort!.postMessage({ seq: command.seq, results });
});
