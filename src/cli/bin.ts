// The ckpt-perms executable (bundled to dist/cli.js).
import { scrubKeys } from '../api/keys';
import { sanitizeLine } from '../api/sanitize';
import { EXIT_API, EXIT_OK, main } from './main';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // A closed pipe (`| head`) is the reader's choice, not a failure.
  if (error.code === 'EPIPE') process.exit(EXIT_OK);
});

main({ argv: process.argv.slice(2), env: process.env, stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Never a stack trace: one line, and no key in it.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`ckpt-perms: unexpected error: ${scrubKeys(sanitizeLine(message), [process.env.OPENAI_ADMIN_KEY, process.env.OPENAI_API_KEY])}\n`);
    process.exitCode = EXIT_API;
  },
);
