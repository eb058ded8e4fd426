import { Module } from '@nestjs/common';
import { FxRatesService } from './fx-rates.service.js';

/** Exchange rates into BASE_CURRENCY. */
@Module({
  providers: [FxRatesService],
  exports: [FxRatesService],
})
export class FxModule {}
