// What the entry point needs before the rest is loaded: the exit codes and the last guard on stderr.
import { scrubKeys } from '../api/keys';
import { sanitizeLine } from '../api/sanitize';

export const EXIT_OK = 0;
export const EXIT_API = 1;
export const EXIT_USAGE = 2;

/** The keys this run may hold, from the environment and the flags, to mask wherever they might show. */
export function secretsOf(proc: { argv: string[]; env: Record<string, string | undefined> }): (string | undefined)[] {
  const keys = [proc.env.OPENAI_ADMIN_KEY, proc.env.OPENAI_API_KEY, ...flagValues(proc.argv, ['--admin-api-key', '--api-key'])];
  return keys.map((key) => key?.trim());
}

/** The last guard: whatever reaches stderr is one clean line with no key in it. */
export function safeForStderr(message: string, secrets: (string | undefined)[]): string {
  return scrubKeys(sanitizeLine(message), secrets);
}

function flagValues(argv: string[], flags: string[]): string[] {
  const values: string[] = [];
  argv.forEach((arg, i) => {
    for (const flag of flags) {
      if (arg === flag && argv[i + 1] !== undefined) values.push(argv[i + 1]!);
      else if (arg.startsWith(`${flag}=`)) values.push(arg.slice(flag.length + 1));
    }
  });
  return values;
}
