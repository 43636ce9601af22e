// What one run of the binary is given. Its own module: main.ts loads the commands, so they cannot import it from there.

export interface CliProcess {
  argv: string[];
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** The terminal, for the interactive UI. */
  stdin?: NodeJS.ReadableStream;
}
