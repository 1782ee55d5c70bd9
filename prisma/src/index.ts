export { createDb, type Db, type ClientOptions } from './client.ts';
export { Prisma } from './generated/client.ts';
export type { User, Session, Team, Membership, Invitation, EmailOutbox, LoginThrottle } from './generated/client.ts';
export { Role, Capacity } from './generated/enums.ts';
export { migrationCount, serverVersion } from './introspect.ts';
