import { Writable } from 'node:stream';

/** Everything the system logged, as pino wrote it (pass as `logStream` with `env: { LOG_LEVEL: 'info' }`). */
export class CapturedLog extends Writable {
  text = '';

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}
