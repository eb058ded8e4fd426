// A counting SMTP server on its own thread, so receiving mail does not share the app's event loop.
// It accepts every message and only drains the data: the ledger is what the benchmark measures.
import type { AddressInfo } from 'node:net';
import { parentPort } from 'node:worker_threads';
import { SMTPServer } from 'smtp-server';
import { kernelThreadId } from './thread-id.js';

let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  disableReverseLookup: true,
  logger: false,
  maxClients: 1000,
  onData(stream, _session, callback) {
    stream.on('error', (error) => callback(error));
    stream.on('end', () => {
      received += 1;
      callback();
    });
    stream.resume();
  },
});
server.on('error', (error) => parentPort!.postMessage({ type: 'error', message: String(error) }));

server.listen(0, '127.0.0.1', () => {
  parentPort!.postMessage({ type: 'ready', port: (server.server.address() as AddressInfo).port, threadId: kernelThreadId() });
});

parentPort!.on('message', (message: { type: string }) => {
  if (message.type === 'count') parentPort!.postMessage({ type: 'count', received });
  if (message.type === 'stop') server.close(() => parentPort!.postMessage({ type: 'stopped' }));
});
