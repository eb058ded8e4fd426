import { Module } from '@nestjs/common';
import { ApprovalModule } from '../approval/approval.module.js';
import { AbsenceJobs } from './absence.jobs.js';
import { AbsenceRepository } from './absence.repository.js';

/** Absences: an absent approver's pending steps go to their delegate and come back when they return. */
@Module({
  imports: [ApprovalModule],
  providers: [AbsenceJobs, AbsenceRepository],
})
export class AbsenceModule {}
