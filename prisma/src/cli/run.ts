// Shared tail of the db CLIs: print a failure without a stack trace the user cannot act on, and exit
// explicitly (the WebAssembly schema engine leaves a timer running after it is freed).
export const runCli = (main: () => Promise<number | void>) => {
  main().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
};
