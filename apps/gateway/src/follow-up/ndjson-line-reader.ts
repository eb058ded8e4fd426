import { RecordTooLongError } from './csv-record-reader.js';

export interface NdjsonLine {
  line: number;
  text: string;
}

/** Splits streamed text into lines (LF or CRLF), skipping blank ones; each keeps its line number. */
export class NdjsonLineReader {
  private partial = '';
  private line = 1;
  private started = false;

  constructor(private readonly maxLineLength = 65_536) {}

  push(text: string): NdjsonLine[] {
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const lines: NdjsonLine[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      this.take(this.partial + text.slice(start, end), lines);
      this.partial = '';
      start = end + 1;
    }
    this.partial += text.slice(start);
    if (this.partial.length > this.maxLineLength) {
      throw new RecordTooLongError(`Line ${this.line} is longer than ${this.maxLineLength} characters.`);
    }
    return lines;
  }

  end(): NdjsonLine[] {
    const lines: NdjsonLine[] = [];
    if (this.partial !== '') this.take(this.partial, lines);
    this.partial = '';
    return lines;
  }

  private take(raw: string, into: NdjsonLine[]): void {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.length > this.maxLineLength) throw new RecordTooLongError(`Line ${this.line} is longer than ${this.maxLineLength} characters.`);
    if (text.trim() !== '') into.push({ line: this.line, text });
    this.line++;
  }
}
