import { pathToFileURL } from 'node:url';

/**
 * Runs a command-line entry when its module is the one Node started (not when a test imports it):
 * its result is the exit code, and an error is printed, without a stack, with code 1.
 */
export function runIfMain(moduleUrl: string, main: (args: string[]) => Promise<number>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
