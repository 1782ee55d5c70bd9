export { appRouter, createCaller, type AppRouter } from './router.ts';
export type { Context, SessionCookieJar } from './context.ts';
export { AppError, type AppErrorCode, type ConflictChange, type ConflictDetail } from './errors.ts';
export { isDatabaseReady, type SystemInfo } from './services/system.ts';
export { streamAuditCsv } from './services/audit.ts';
export { exportTeamArchive } from './services/decision-export.ts';
