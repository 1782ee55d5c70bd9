import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client.ts';

export type Db = PrismaClient;

/**
 * The database role the application acts as (created by the migrations). It may read and write the
 * domain tables but only INSERT and SELECT the audit trail. Each connection switches to it at
 * start-up (`options=-c role=…`), so whichever login DATABASE_URL names — the owner in development,
 * a member of this role in production — the server never holds more than these privileges.
 */
export const APP_ROLE = 'rightsize_app';

export interface ClientOptions {
  /** Pool size per process; PostgreSQL's own limit is shared by every app instance. */
  maxConnections?: number;
  /**
   * The role each connection switches to; `null` keeps the login's own role (migrations, and tests
   * that must act as the owner, such as tampering with the audit trail).
   */
  role?: string | null;
  /**
   * Called with each SQL statement the client sends (Prisma's `query` log event): tests and
   * benchmarks count a procedure's statements with it.
   */
  onQuery?: (sql: string) => void;
}

/** A Prisma client on a pg pool. One per process; disconnect it on shutdown. */
export const createDb = (url: string, { maxConnections = 10, role = APP_ROLE, onQuery }: ClientOptions = {}): Db => {
  const adapter = new PrismaPg({
    connectionString: url,
    max: maxConnections,
    ...(role === null ? {} : { options: `-c role=${role}` }),
  });
  if (!onQuery) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', (event) => onQuery(event.query));
  return client as unknown as Db;
};
