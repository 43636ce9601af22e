// The ckpt-perms executable (bundled to dist/cli.js).
import { setFlagsFromString } from 'node:v8';
import packageJson from '../../package.json';
import { EXIT_API, EXIT_OK, safeForStderr, secretsOf } from './guard';

// undici parses HTTP with a WebAssembly module; V8's optimising compile of it costs a short-lived
// command ~150 ms at exit. The baseline compiler alone is plenty for parsing API responses.
setFlagsFromString('--liftoff-only');

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // A closed pipe (`| head`) is the reader's choice, not a failure.
  if (error.code === 'EPIPE') process.exit(EXIT_OK);
});

/** Exit as soon as the output is flushed, without waiting for idle keep-alive sockets to be reaped. */
function exitWhenFlushed(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

const cli = { argv: process.argv.slice(2), env: process.env, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };

/** Never a stack trace: one line, and no key in it. */
function crashLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `ckpt-perms: unexpected error: ${safeForStderr(message, secretsOf(cli))}\n`;
}

// A bug outside the command's own promise (a timer, an event handler) would otherwise end in Node's report: a stack
// trace with the error's words, key and all. The line is written on exit, after the UI has given the screen back.
const crash = (error: unknown) => {
  const line = crashLine(error);
  process.once('exit', () => process.stderr.write(line));
  process.exit(EXIT_API);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

if (cli.argv.length === 1 && (cli.argv[0] === '--version' || cli.argv[0] === '-v')) {
  // Answered before the rest of the program is even read: the rest is a chunk of its own (see scripts/build.mjs).
  process.stdout.write(`${packageJson.version}\n`);
} else {
  const { main } = await import('./main');
  main(cli).then(exitWhenFlushed, (error: unknown) => {
    process.stderr.write(crashLine(error));
    exitWhenFlushed(EXIT_API);
  });
}
