// A counting SMTP server on its own thread, so receiving mail does not share the app's event loop.
// It accepts every message and only drains the data: the ledger is what the benchmark measures.
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { SMTPServer } from 'smtp-server';
import { kernelThreadId } from './thread-id.js';

let received = 0;
/** With `keepLast`, the last message's raw text (to check a sample, e.g. its calendar part); otherwise only counted. */
const keepLast = Boolean((workerData as { keepLast?: boolean } | undefined)?.keepLast);
let last = '';
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  disableReverseLookup: true,
  logger: false,
  maxClients: 1000,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('error', (error) => callback(error));
    if (keepLast) stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      received += 1;
      if (keepLast) last = Buffer.concat(chunks).toString('utf8');
      callback();
    });
    if (!keepLast) stream.resume();
  },
});
server.on('error', (error) => parentPort!.postMessage({ type: 'error', message: String(error) }));

server.listen(0, '127.0.0.1', () => {
  parentPort!.postMessage({ type: 'ready', port: (server.server.address() as AddressInfo).port, threadId: kernelThreadId() });
});

parentPort!.on('message', (message: { type: string }) => {
  if (message.type === 'count') parentPort!.postMessage({ type: 'count', received });
  if (message.type === 'last') parentPort!.postMessage({ type: 'last', raw: last });
  if (message.type === 'stop') server.close(() => parentPort!.postMessage({ type: 'stopped' }));
});
