export * from './absence.writer.js';
export * from './org-admin.service.js';
export * from './org-directory.service.js';
export * from './org.module.js';
export * from './person-view.js';
export * from './report-scope.js';
