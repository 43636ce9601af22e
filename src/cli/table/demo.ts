// demo-server: the embedded demo API as a process of its own.
import type { Definition } from './types';
import { integer, rejectArguments } from './parse';

export interface DemoServerInvocation {
  kind: 'demo-server';
  port: number;
  permissions?: number;
  projects?: number;
  jobs?: number;
  latencyMs: number;
  faults?: string;
  /** --no-audit-log: answer as an organization without audit logging. */
  auditLog: boolean;
}

export const DEMO_SERVER: Definition<DemoServerInvocation> = {
  synopsis: '[--port N] [--permissions N] [--projects N] [--jobs N] [--latency MS] [--faults SPEC] [--no-audit-log]',
  summary: 'serve the embedded demo API on 127.0.0.1 until interrupted.',
  usage: 'ckpt-perms demo-server [--port N] [--permissions N] [--projects N] [--jobs N] [--latency MS] [--faults SPEC] [--no-audit-log]',
  flags: {
    port: { label: '--port N', text: 'port to listen on (default: any free port)' },
    permissions: {
      label: '--permissions N',
      text: 'permissions on the largest checkpoint, 0-100000 (default 137); adds\nload-test projects when the organization has fewer active ones',
    },
    projects: { label: '--projects N', text: 'projects of the organization, 30-100000 (default 180)' },
    jobs: { label: '--jobs N', text: 'fine-tuning jobs, 4-2000 (default 4; the others older, 1-3 checkpoints each)' },
    latency: { label: '--latency MS', text: 'delay before every answer (default 0)' },
    faults: {
      label: '--faults SPEC',
      text: 'per-request fault probabilities, e.g. "429:0.2,500:0.1,reset:0.05,malformed:0.05"\n(kinds: 429 500 502 503 504 reset malformed html empty hang;\nreset-after and hang-after carry the request out, then lose the answer)',
    },
    'no-audit-log': {
      label: '--no-audit-log',
      text: 'an organization without audit logging: GET /organization/audit_logs answers\nan empty list, and changes are not logged',
    },
  },
  connection: 'none',
  body: `Prints base_url=, admin_key= and api_key= lines and one checkpoint= line per seeded
checkpoint (the largest first), then serves. Point the official SDK, curl or
ckpt-perms --base-url … --admin-api-key … at it.`,
  parse(values, rest) {
    const command = 'demo-server';
    rejectArguments(rest, command);
    return {
      kind: command,
      port: integer(values.port, '--port', 0, 65_535, command) ?? 0,
      permissions: integer(values.permissions, '--permissions', 0, 100_000, command),
      projects: integer(values.projects, '--projects', 30, 100_000, command),
      jobs: integer(values.jobs, '--jobs', 4, 2_000, command),
      auditLog: !values['no-audit-log'],
      latencyMs: integer(values.latency, '--latency', 0, 600_000, command) ?? 0,
      faults: values.faults,
    };
  },
};
