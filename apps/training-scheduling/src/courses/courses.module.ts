import { Module } from '@nestjs/common';
import { CoursesHandlers } from './courses.rpc.js';
import { CoursesRepository } from './courses.repository.js';
import { CoursesService } from './courses.service.js';

/** The course catalogue. */
@Module({
  controllers: [CoursesHandlers],
  providers: [CoursesRepository, CoursesService],
  exports: [CoursesService],
})
export class CoursesModule {}
