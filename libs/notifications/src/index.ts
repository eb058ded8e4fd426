export * from './notification.requester.js';
export * from './notifications.module.js';
