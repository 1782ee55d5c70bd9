import type { Logger } from 'pino';

declare global {
  namespace App {
    interface Locals {
      requestId: string;
      log: Logger;
      /** The signed-in user, from the session cookie; null when anonymous. */
      user: { id: string; email: string; displayName: string } | null;
      session: { id: string; expiresAt: Date } | null;
    }
    interface Error {
      message: string;
      requestId?: string;
    }
  }
}

export {};
