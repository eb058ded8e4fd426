import { Global, Module } from '@nestjs/common';
import { AuditWriter } from '#libs/audit';
import { OrgAdminService } from './org-admin.service.js';
import { OrgDirectory } from './org-directory.service.js';
import { OrgRepository } from './org.repository.js';

@Global()
@Module({
  providers: [OrgRepository, OrgDirectory, OrgAdminService, AuditWriter],
  exports: [OrgDirectory, OrgAdminService, AuditWriter],
})
export class OrgModule {}
