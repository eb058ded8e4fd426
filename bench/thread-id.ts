import { readFileSync } from 'node:fs';

/** The kernel's id of the calling thread, so /proc can tell this thread's CPU apart (cpu-meter.ts). */
export function kernelThreadId(): number {
  try {
    return Number(readFileSync('/proc/thread-self/stat', 'utf8').split(' ', 1)[0]);
  } catch {
    return 0;
  }
}
