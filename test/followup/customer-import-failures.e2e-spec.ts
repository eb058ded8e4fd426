import { CustomerImportService } from '../../apps/customer-follow-up/src/customers/import/customer-import.service.js';
import type { Caller } from '#libs/rpc';
import { waitFor } from '#libs/testing';
import { ManualClock } from '#libs/time';
import { ORG, seedOrg } from '../support/org-fixture.js';
import { useTestSystem } from '../support/use-test-system.js';
import { settled } from './revisit-test-helpers.js';

/**
 * Issue 3, item 1 (imports) and principle 5 (nothing fails silently): an import whose job dies for
 * good says `failed` with the error, and an upload abandoned mid-stream (the gateway crashed, so
 * neither finish nor abort ever arrives) is failed by the daily check once it is an hour old, its
 * staged rows deleted.
 *
 * Time is a ManualClock; the daily check runs at 00:00 UTC.
 */
const T0 = new Date('2027-03-10T01:00:00Z');
const HEADER = 'code,name,ownerEmail,tier,status,industry,region,contactName,contactEmail,contactPhone,contactLocale';

describe('customer imports that cannot finish', () => {
  const clock = new ManualClock(T0);
  let rep: Caller;
  const system = useTestSystem({
    clock,
    async setUp() {
      await seedOrg(system);
      const employee = await system.prisma.employee.findUniqueOrThrow({ where: { email: ORG.rep } });
      rep = { id: employee.id, email: employee.email, name: employee.name, role: employee.role };
      await settled(system, clock, 'the start');
    },
  });

  /** What a gateway leaves behind when it crashes mid-upload: a started import with some staged rows, never finished. */
  async function abandonedUpload(codePrefix: string): Promise<string> {
    const imports = system.app.get(CustomerImportService);
    const { importId } = await imports.start(rep, { format: 'csv', columns: HEADER.split(',') });
    const rows = [1, 2, 3].map((i) => ({ row: i + 1, raw: JSON.stringify({ code: `${codePrefix}-${i}`, name: `Half ${i}`, ownerEmail: ORG.rep }) }));
    await imports.addRows(rep, { importId, rows });
    return importId;
  }

  const staged = (importId: string) => system.prisma.customerImportRow.count({ where: { importId } });
  const importRow = (importId: string) => system.prisma.customerImport.findUniqueOrThrow({ where: { id: importId } });

  it('guarantee: the daily check fails an upload still receiving an hour after it began and deletes its staged rows; a younger one is left to finish; the gateway\u2019s late rows are refused', async () => {
    const old = await abandonedUpload('OLD');
    clock.set(new Date('2027-03-10T23:30:00Z'));
    const young = await abandonedUpload('YOUNG');
    expect([await staged(old), await staged(young)]).toEqual([3, 3]);

    clock.set(new Date('2027-03-11T00:00:00Z')); // the daily check; the young upload is 30 minutes old
    await settled(system, clock, 'the daily check of 2027-03-11');
    const failed = await importRow(old);
    expect(failed).toMatchObject({ status: 'failed', finishedAt: new Date('2027-03-11T00:00:00Z') });
    expect(failed.error).toContain('The upload stopped before it finished');
    expect(await staged(old)).toBe(0);
    expect((await system.as(ORG.rep).get(`/customers/import/${old}`).expect(200)).body).toMatchObject({ status: 'failed', error: failed.error });
    expect(await system.prisma.auditEntry.count({ where: { entityId: old, action: 'customer-import.abandoned' } })).toBe(1);
    expect(await importRow(young)).toMatchObject({ status: 'receiving', error: null });
    expect(await staged(young)).toBe(3);

    // A gateway that comes back to the abandoned upload is told it is over; nothing was imported.
    const imports = system.app.get(CustomerImportService);
    await expect(imports.addRows(rep, { importId: old, rows: [{ row: 5, raw: '{}' }] })).rejects.toMatchObject({ status: 409 });
    await expect(imports.finish(rep, { importId: old, rowsTotal: 3 }, 'corr')).resolves.toEqual({ jobId: old, status: 'failed' });
    expect(await system.prisma.customer.count({ where: { code: { startsWith: 'OLD-' } } })).toBe(0);

    clock.set(new Date('2027-03-12T00:00:00Z'));
    await settled(system, clock, 'the daily check of 2027-03-12');
    expect(await importRow(young)).toMatchObject({ status: 'failed' });
    expect(await staged(young)).toBe(0);
  });

  it('guarantee: an import the database refuses for good (a permanent error) dies at once and says failed with the error; the batches before it stay imported, the rest of its staged rows are deleted', async () => {
    // A rule the row validation does not know, so the database refuses the second batch every time.
    await system.prisma.$executeRawUnsafe(`ALTER TABLE "Customer" ADD CONSTRAINT test_refuses_boom CHECK (name <> 'Boom') NOT VALID`);
    try {
      const rows = Array.from({ length: 2500 }, (_, i) => `DIE-${String(i).padStart(5, '0')},${i === 1500 ? 'Boom' : `Fine ${i}`},${ORG.rep},C,active,,,,,,`);
      const response = await system.as(ORG.rep).post('/customers/import').set('Content-Type', 'text/csv').send([HEADER, ...rows].join('\n')).expect(202);
      const jobId = response.body.jobId as string;
      const status = await waitFor(
        `import ${jobId} to end`,
        async () => (await system.as(ORG.rep).get(`/customers/import/${jobId}`).expect(200)).body,
        (body) => body.status !== 'queued' && body.status !== 'running',
        { timeoutMs: 30_000, intervalMs: 100 },
      );
      expect(status).toMatchObject({ status: 'failed', rowsTotal: 2500, rowsDone: 1000, upserted: 1000 });
      expect(status.error).toContain('SQLSTATE 23514');
      expect(status.error).toContain('test_refuses_boom');
      expect(status.finishedAt).toBe(clock.now().toISOString());
      expect(await staged(jobId)).toBe(0);
      expect(await system.prisma.customer.count({ where: { code: { startsWith: 'DIE-' } } })).toBe(1000);

      // It died at once (no retries), into the dead letters an admin sees.
      const [letter] = await system.prisma.deadLetter.findMany({ where: { jobName: 'customer.import' } });
      expect(letter).toMatchObject({ payload: { importId: jobId } });
      expect(letter.error).toContain('SQLSTATE 23514');
      expect(await system.prisma.outbox.findFirstOrThrow({ where: { jobName: 'customer.import', payload: { equals: { importId: jobId } } } })).toMatchObject({ outcome: 'dead' });
    } finally {
      await system.prisma.$executeRawUnsafe(`ALTER TABLE "Customer" DROP CONSTRAINT test_refuses_boom`);
    }
  });
});
