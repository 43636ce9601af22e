// Entry point of the ckpt-perms binary: parse, dispatch, and turn every failure into one line and an exit code.
import packageJson from '../../package.json';
import { ConfigError, errorLine } from '../api/errors';
import { scrubKeys } from '../api/keys';
import { sanitizeLine } from '../api/sanitize';
import { parseCommandLine, UsageError, type Invocation } from './args';
import { helpText } from './help';
import { streamOutput } from './output';

export const EXIT_OK = 0;
export const EXIT_API = 1;
export const EXIT_USAGE = 2;

export interface CliProcess {
  argv: string[];
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** The terminal, for the interactive UI. */
  stdin?: NodeJS.ReadableStream;
}

export async function main(proc: CliProcess): Promise<number> {
  const secrets = secretsOf(proc);
  const stdout = streamOutput(proc.stdout, secrets);
  const fail = (message: string) => {
    proc.stderr.write(`ckpt-perms: ${safeForStderr(message, secrets)}\n`);
  };

  const usage = (error: UsageError) => {
    fail(`${error.message} (see ckpt-perms ${error.command ? `${error.command} ` : ''}--help)`);
    return EXIT_USAGE;
  };

  let invocation: Invocation;
  try {
    invocation = parseCommandLine(proc.argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return usage(error);
  }

  try {
    switch (invocation.kind) {
      case 'version':
        await stdout.write(`${packageJson.version}\n`);
        return EXIT_OK;
      case 'help':
        await stdout.write(helpText(invocation.command));
        return EXIT_OK;
      case 'ui': {
        const { launchUi } = await import('./launch-ui');
        await launchUi(invocation, {
          env: proc.env,
          stdin: (proc.stdin ?? process.stdin) as NodeJS.ReadStream,
          stdout: proc.stdout as NodeJS.WriteStream,
          stderr: proc.stderr as NodeJS.WriteStream,
        });
        return EXIT_OK;
      }
      case 'demo-server': {
        const { runDemoServer } = await import('./demo-server');
        await runDemoServer(invocation, proc);
        return EXIT_OK;
      }
      case 'sync':
      case 'projects-access':
      case 'export': {
        const { runOpsCommand } = await import('./ops-commands');
        const stdin = proc.stdin ?? process.stdin;
        return await runOpsCommand(invocation, {
          stdout,
          note: fail,
          progress: isTerminal(proc.stderr) ? proc.stderr : undefined,
          stdin,
          interactive: isTerminal(stdin) && isTerminal(proc.stdout),
          env: proc.env,
          secrets,
        });
      }
      default: {
        const { runApiCommand } = await import('./commands');
        await runApiCommand(invocation, { stdout, env: proc.env });
        return EXIT_OK;
      }
    }
  } catch (error) {
    if (error instanceof UsageError) return usage(error);
    if (error instanceof ConfigError) {
      fail(error.message);
      return EXIT_USAGE;
    }
    fail(errorLine(error));
    return EXIT_API;
  }
}

function isTerminal(stream: NodeJS.ReadableStream | NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

/** The keys this run may hold, from the environment and the flags, to mask wherever they might show. */
export function secretsOf(proc: Pick<CliProcess, 'argv' | 'env'>): (string | undefined)[] {
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
