import pino from 'pino';

/** JSON lines on stdout; each request gets a child logger carrying its request id. */
export const log = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'rightsize-web' } });
