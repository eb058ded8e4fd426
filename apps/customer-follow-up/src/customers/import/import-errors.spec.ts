import { refusedData } from './import-errors.js';

/** The shape Prisma's pg driver adapter gives a failed raw query. */
const adapterError = (originalCode: string, originalMessage: string) => ({
  code: 'P2010',
  message: `Raw query failed. Code: \`${originalCode}\`.`,
  meta: { driverAdapterError: { cause: { originalCode, originalMessage } } },
});

describe('refusedData', () => {
  it('recognises data exceptions and integrity violations: retrying the same rows cannot help', () => {
    expect(refusedData(adapterError('23514', 'new row violates check constraint "x"'))).toEqual({ sqlState: '23514', message: 'new row violates check constraint "x"' });
    expect(refusedData(adapterError('22001', 'value too long'))).toEqual({ sqlState: '22001', message: 'value too long' });
    expect(refusedData({ code: '22P02', message: 'invalid input syntax' })).toEqual({ sqlState: '22P02', message: 'invalid input syntax' });
  });

  it('leaves races, deadlocks, lost connections and anything unknown to retries', () => {
    expect(refusedData(adapterError('23505', 'duplicate key'))).toBeNull();
    expect(refusedData(adapterError('40P01', 'deadlock detected'))).toBeNull();
    expect(refusedData(adapterError('08006', 'connection failure'))).toBeNull();
    expect(refusedData({ code: 'P2028', message: 'Transaction API error' })).toBeNull();
    expect(refusedData(new Error('socket hang up'))).toBeNull();
    expect(refusedData('boom')).toBeNull();
  });
});
