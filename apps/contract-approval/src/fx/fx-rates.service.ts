import { Inject, Injectable } from '@nestjs/common';
import { Prisma } from '#generated/prisma';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { Database, PrismaService, type Tx } from '#libs/database';
import { AuditWriter } from '#libs/audit';
import { BadRequestError, UnprocessableError, type Caller, type FieldError } from '#libs/rpc';
import { Clock } from '#libs/time';

export interface BaseAmount {
  amountBase: Prisma.Decimal;
  rate: Prisma.Decimal;
}

/** Rates into BASE_CURRENCY; policy thresholds compare amounts in the base currency. */
@Injectable()
export class FxRatesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly database: Database,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async toBase(amount: string | number, currency: string, tx: Tx = this.database.db): Promise<BaseAmount> {
    const value = new Prisma.Decimal(amount);
    if (currency === this.config.BASE_CURRENCY) return { amountBase: value, rate: new Prisma.Decimal(1) };
    const row = await tx.selectFrom('FxRate').select('rate').where('currency', '=', currency).executeTakeFirst();
    if (!row) {
      throw new UnprocessableError(`There is no exchange rate from ${currency} to ${this.config.BASE_CURRENCY}; an admin must PUT /fx-rates first.`);
    }
    // numeric reads as a string: decimal arithmetic, as before.
    const rate = new Prisma.Decimal(row.rate);
    return { amountBase: value.mul(rate).toDecimalPlaces(2), rate };
  }

  async replace(caller: Caller, rates: Record<string, number>, correlationId: string) {
    const errors: FieldError[] = [];
    for (const [currency, rate] of Object.entries(rates)) {
      if (!/^[A-Z]{3}$/.test(currency)) errors.push({ field: `rates.${currency}`, message: 'a 3-letter ISO currency code' });
      if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0 || rate > 1e9) errors.push({ field: `rates.${currency}`, message: 'a positive number' });
      if (currency === this.config.BASE_CURRENCY) errors.push({ field: `rates.${currency}`, message: `${currency} is the base currency; its rate is always 1` });
    }
    if (Object.keys(rates).length === 0) errors.push({ field: 'rates', message: 'at least one rate' });
    if (errors.length > 0) throw new BadRequestError('The rates are invalid; nothing was saved.', errors);
    await this.database.transaction(async (tx) => {
      for (const [currency, rate] of Object.entries(rates)) {
        // Prisma's @updatedAt took the wall clock.
        const updatedAt = new Date();
        await tx
          .insertInto('FxRate')
          .values({ currency, rate: String(rate), updatedAt })
          .onConflict((oc) => oc.column('currency').doUpdateSet({ rate: String(rate), updatedAt }))
          .execute();
      }
      await this.audit.record(tx, { entityType: 'fx-rates', entityId: caller.id, action: 'fx-rates.replaced', actorId: caller.id, after: rates, correlationId, at: this.clock.now() });
    });
    const all = await this.prisma.fxRate.findMany({ orderBy: { currency: 'asc' } });
    return { baseCurrency: this.config.BASE_CURRENCY, rates: Object.fromEntries(all.map((r) => [r.currency, Number(r.rate)])) };
  }
}
