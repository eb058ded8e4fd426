import { Module } from '@nestjs/common';
import { TemplatesRepository } from './templates.repository.js';
import { TemplatesHandlers } from './templates.rpc.js';
import { TemplatesService } from './templates.service.js';

/** Appraisal templates (versioned data) and the scoring rules every sheet is computed with. */
@Module({
  controllers: [TemplatesHandlers],
  providers: [TemplatesRepository, TemplatesService],
  exports: [TemplatesRepository],
})
export class TemplatesModule {}
