export * from './notification.requester.js';
export * from './notifications.module.js';
export * from './action-link.js';
export * from './survey-link.js';
export * from './email-recipients.js';
export * from './peer-review-link.js';
export * from './risk-link.js';
export * from './sign-in-link.js';
