import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module.js';
import { RecertificationModule } from '../recertification/recertification.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { AttendanceMailer } from './attendance.mailer.js';
import { AttendanceHandlers } from './attendance.rpc.js';
import { AttendanceRepository } from './attendance.repository.js';
import { AttendanceService } from './attendance.service.js';

/** Attendance and assessment: completion with certificates, retakes, the manager told of a final failure. */
@Module({
  imports: [SessionsModule, PlansModule, RecertificationModule],
  controllers: [AttendanceHandlers],
  providers: [AttendanceRepository, AttendanceMailer, AttendanceService],
})
export class AttendanceModule {}
