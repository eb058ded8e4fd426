import { Global, Module } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { AbsenceWriter } from './absence.writer.js';
import { OrgAdminService } from './org-admin.service.js';
import { OrgDirectory } from './org-directory.service.js';
import { OrgRepository } from './org.repository.js';

@Global()
@Module({
  providers: [OrgRepository, OrgDirectory, AbsenceWriter, OrgAdminService, AuditWriter],
  exports: [OrgDirectory, AbsenceWriter, OrgAdminService, AuditWriter],
})
export class OrgModule {}
