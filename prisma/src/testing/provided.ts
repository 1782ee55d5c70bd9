// What the integration tests' global setup hands to every test file through vitest's provide/inject.
// Declared here, imported by both sides, so any package importing @rightsize/db/testing sees it.
declare module 'vitest' {
  export interface ProvidedContext {
    testServerUrl: string;
    testTemplateDatabase: string;
  }
}

export {};
