// Steady, the spec-validating mock server the official SDKs test against, on a loopback port.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { testEnv } from './env';

const STEADY = fileURLToPath(new URL('../../node_modules/.bin/steady', import.meta.url));

export interface Steady {
  baseUrl: string;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The query encoding the official SDKs send and test Steady with (`event_types[]=a`, `effective_at[gte]=1`); see the API README. */
export const BRACKET_FORMATS = [
  '--validator-query-array-format=brackets',
  '--validator-query-object-format=brackets',
  '--validator-form-array-format=brackets',
  '--validator-form-object-format=brackets',
];

export async function startSteady(spec: string, extraArgs: string[] = []): Promise<Steady> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    STEADY,
    ['--host', '127.0.0.1', '-p', String(port), '--log-format', 'text', '--log-level', 'summary', '--no-color', ...extraArgs, spec],
    { env: testEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`steady did not start within 20 s:\n${log}`)), 20_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      // 'Ready to accept requests' in text logs; CI-style logs (CI=true) say 'Server listening at'.
      if (/Ready to accept requests|Server listening at/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`steady exited with ${code}:\n${log}`));
    });
  });
  // A server that never became ready must not outlive the test run.
  await started.catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
