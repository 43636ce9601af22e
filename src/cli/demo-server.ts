// `ckpt-perms demo-server`: the embedded demo API as a process that curl, the SDK or a test can talk to.
import { parseFaultSpec, startDemoServer } from '../demo/server';
import { UsageError, type Invocation } from './args';
import type { CliProcess } from './process';

export async function runDemoServer(
  invocation: Extract<Invocation, { kind: 'demo-server' }>,
  proc: Pick<CliProcess, 'stdout' | 'stderr'>,
): Promise<void> {
  let faults: ReturnType<typeof parseFaultSpec> | undefined;
  if (invocation.faults !== undefined) {
    try {
      faults = parseFaultSpec(invocation.faults);
    } catch (error) {
      throw new UsageError(`--faults: ${(error as Error).message}`, 'demo-server');
    }
  }
  const server = await startDemoServer({
    port: invocation.port,
    permissions: invocation.permissions,
    projects: invocation.projects,
    jobs: invocation.jobs,
    latencyMs: invocation.latencyMs,
    faults,
    auditLog: invocation.auditLog,
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE')
      throw new UsageError(`--port ${invocation.port} is already in use: pick another, or leave it out for any free port`, 'demo-server');
    if (error.code === 'EACCES') throw new UsageError(`--port ${invocation.port} needs privileges: pick a port above 1023`, 'demo-server');
    throw error;
  });
  const lines = [
    `base_url=${server.baseUrl}`,
    `admin_key=${server.adminKey}`,
    `api_key=${server.apiKey}`,
    ...server.checkpoints.map((id) => `checkpoint=${id}`),
  ];
  proc.stdout.write(`${lines.join('\n')}\n`);
  proc.stderr.write(`demo API listening on ${server.baseUrl} (Ctrl+C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
