import { Injectable } from '@nestjs/common';
import type { z } from 'zod/v4';
import { AuditWriter } from '#libs/audit';
import type { AppraisalTemplateView } from '#libs/contracts';
import { Database, isUniqueViolation } from '#libs/database';
import { BadRequestError, ConflictError, NotFoundError, type Caller } from '#libs/rpc';
import { Clock } from '#libs/time';
import { TemplatesRepository, type TemplateRow } from './templates.repository.js';
import { isTemplateName, validateTemplate } from './templates.rules.js';

type TemplateViewBody = z.infer<typeof AppraisalTemplateView>;

function checkedName(name: string): string {
  if (!isTemplateName(name)) throw new BadRequestError('The template name is invalid.', [{ field: 'name', message: 'must be 1 to 60 letters, digits, ".", "-" or "_"' }]);
  return name;
}

export function templateView(row: TemplateRow): TemplateViewBody {
  return { name: row.name, version: row.version, template: row.document as TemplateViewBody['template'], createdAt: row.createdAt.toISOString() };
}

/** Appraisal templates as data (issue 11 item 3): validated whole, a new version per PUT. */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly database: Database,
    private readonly repository: TemplatesRepository,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async put(caller: Caller, name: string, input: unknown, correlationId: string): Promise<TemplateViewBody> {
    checkedName(name);
    const validation = validateTemplate(input);
    if (!validation.ok) throw new BadRequestError(`The appraisal template ${name} is invalid; nothing was written.`, validation.errors);
    try {
      return await this.database.transaction(async (tx) => {
        await this.repository.lockName(tx, name);
        const previous = await this.repository.latest(tx, name);
        const now = this.clock.now();
        const row = await this.repository.add(tx, { name, version: (previous?.version ?? 0) + 1, document: validation.template, createdById: caller.id, at: now });
        await this.audit.record(tx, {
          entityType: 'appraisal-template', entityId: row.id, action: 'appraisal-template.published', actorId: caller.id,
          before: previous ? { name, version: previous.version, document: previous.document } : undefined,
          after: { name, version: row.version, document: validation.template }, correlationId, at: now,
        });
        return templateView(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`The appraisal template ${name} was published concurrently; read it again.`, 'conflict.stale_version');
      throw error;
    }
  }

  async get(name: string): Promise<TemplateViewBody> {
    const row = await this.repository.latest(this.database.db, checkedName(name));
    if (!row) throw new NotFoundError(`No appraisal template is named ${name}.`, 'appraisal_template.not_found');
    return templateView(row);
  }
}
