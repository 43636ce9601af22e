// Running the drop-in for the official CLI (`ckpt-perms fine-tuning:checkpoints:permissions …`) as a script would.
import { spawn } from 'node:child_process';
import { CLI, type CliResult } from './cli';
import { testEnv } from './env';

export const GROUP = 'fine-tuning:checkpoints:permissions';

/** The built binary with `args`; `input` is piped to its stdin (else stdin is /dev/null, as under cron). */
export function runOfficialCli(args: string[], env: Record<string, string> = {}, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: testEnv(env),
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    if (input !== undefined) child.stdin!.end(input);
  });
}

/** JSON documents written one after another (the official prints a list's items so): each one's text. */
export function jsonDocuments(text: string): string[] {
  const documents: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i;
    } else if (c === '}' || c === ']') {
      if (--depth === 0) documents.push(text.slice(start, i + 1));
    } else if (depth === 0 && !/\s/.test(c)) {
      // A scalar document (a number, a string) on its own line.
      const end = text.indexOf('\n', i);
      documents.push(text.slice(i, end < 0 ? undefined : end));
      i = end < 0 ? text.length : end;
    }
  }
  return documents;
}
