// Entry point of the ckpt-perms binary: parse, dispatch, and turn every failure into one line and an exit code.
import packageJson from '../../package.json';
import { ConfigError, errorLine } from '../api/errors';
import { parseCommandLine, UsageError, type Invocation } from './args';
import { EXIT_API, EXIT_OK, EXIT_USAGE, safeForStderr, secretsOf } from './guard';
import { painter, plain, useColour, type Paint } from './colour';
import { helpText } from './help';
import type { CliProcess } from './process';
import { streamOutput } from './output';
import { definitionOf, type RunContext } from './table/index';
import { UI } from './table/ui';

export { EXIT_API, EXIT_OK, EXIT_USAGE, safeForStderr, secretsOf } from './guard';

export type { CliProcess } from './process';

/** The official openai CLI's command group: ckpt-perms is its drop-in (src/cli/official, loaded only for it). */
const OFFICIAL_GROUP = 'fine-tuning:checkpoints:permissions';

export async function main(proc: CliProcess): Promise<number> {
  if (proc.argv[0] === '@completion' || proc.argv[0] === '__complete') {
    const { completionScript, completions, SHELLS } = await import('./completion');
    if (proc.argv[0] === '__complete') {
      // Called back by the scripts at each Tab: candidates one a line, from local files only.
      const found = completions(proc.argv.slice(1), proc.env);
      proc.stdout.write(found.length > 0 ? `${found.join('\n')}\n` : '');
      return EXIT_OK;
    }
    const script = proc.argv.length === 2 ? completionScript(proc.argv[1]) : undefined;
    if (script === undefined) {
      proc.stderr.write(`ckpt-perms: @completion needs one shell: ${SHELLS.join(', ')} (e.g. ckpt-perms @completion bash)\n`);
      return EXIT_API;
    }
    proc.stdout.write(script);
    return EXIT_OK;
  }
  const end = proc.argv.indexOf('--');
  if ((end < 0 ? proc.argv : proc.argv.slice(0, end)).includes(OFFICIAL_GROUP)) {
    const { runOfficial } = await import('./official/run');
    return runOfficial(proc);
  }
  const secrets = secretsOf(proc);
  const stdout = streamOutput(proc.stdout, secrets);
  const fail = (message: string, paint: Paint = plain) => {
    proc.stderr.write(`${paint('warning', `ckpt-perms: ${safeForStderr(message, secrets)}`)}\n`);
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
    if (invocation.kind === 'version') {
      await stdout.write(`${packageJson.version}\n`);
      return EXIT_OK;
    }
    if (invocation.kind === 'help') {
      await stdout.write(helpText(invocation.command));
      return EXIT_OK;
    }
    const stdin = proc.stdin ?? process.stdin;
    const context: RunContext = {
      proc,
      stdout,
      // Notes are warnings (skipped, partial, unavailable): yellow where stderr takes colour.
      note: (message) => fail(message, painter(useColour(proc.stderr, proc.env))),
      line: (text) => proc.stderr.write(`${safeForStderr(text, secrets)}\n`),
      progress: isTerminal(proc.stderr) ? proc.stderr : undefined,
      stdin,
      interactive: isTerminal(stdin) && isTerminal(proc.stdout),
      terminal: isTerminal(proc.stdout),
      colour: useColour(proc.stdout, proc.env),
      columns: (proc.stdout as { columns?: number }).columns,
      env: proc.env,
      secrets,
    };
    if (invocation.kind === 'ui') return await UI.run(invocation, context);
    return await definitionOf(invocation.kind).run(invocation, context);
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
