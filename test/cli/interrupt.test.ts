// Ctrl+C (SIGINT) or SIGTERM during a command that changes things (#20): the built binary as a child process against
// the demo API with latency, interrupted once its first change has been answered. What it prints must be exactly what
// the server holds, and running the same command again must finish the job without repeating a change.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { CLI, runCli, type CliResult } from '../helpers/cli';
import { demoEnv } from '../helpers/demo-cli';
import { testEnv } from '../helpers/env';
import { projectsOf, projectsWithoutAccess, writesSince } from '../helpers/demo-data';

const LATENCY_MS = 100;

/** A demo API of the test's own, closed when it ends: the tests run side by side, each mostly waiting on the latency. */
async function demo(ctx: TestContext, permissions?: number): Promise<DemoServer> {
  const server = await startDemoServer({ latencyMs: LATENCY_MS, permissions });
  ctx.onTestFinished(() => server.close());
  return server;
}

/**
 * Runs the binary and sends `signals` once the server has answered its first change (a POST or
 * DELETE): by then some changes are done, some in flight and most not started.
 */
function runInterrupted(server: DemoServer, args: string[], signals: NodeJS.Signals[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: testEnv(demoEnv(server)), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const mark = server.requests.length;
    const watch = setInterval(() => {
      if (!writesSince(server, mark).some((r) => r.status !== undefined)) return;
      clearInterval(watch);
      for (const signal of signals) child.kill(signal);
    }, 5);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(watch);
      if (code === null) reject(new Error(`ended by ${signal} without an exit code of its own`));
      else resolve({ code, stdout, stderr });
    });
  });
}

const EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** The text outcome lines of sync: `✓ removed proj_… (Name) (permission cp_…)`, `○ not started: remove proj_… …`. */
function textOutcomes(stdout: string) {
  const done: string[] = [];
  const notStarted: string[] = [];
  const other: string[] = [];
  for (const line of stdout.split('\n')) {
    const permission = /\(permission (cp_\w+)\)/.exec(line)?.[1];
    if (line.startsWith('✓ removed ')) done.push(permission!);
    else if (line.startsWith('○ not started: remove ')) notStarted.push(permission!);
    else if (/^[✗?]/.test(line)) other.push(line);
  }
  return { done, notStarted, other };
}

describe.concurrent('an interrupted sync --prune', () => {
  it.for(SIGNALS)(
    'on %s prints every removal as done or not started, exactly as the server holds them; a re-run finishes',
    async (signal, ctx) => {
      const server = await demo(ctx);
      const [largest] = server.checkpoints;
      const before = server.state.permissionsOf(largest!);
      expect(before.length).toBe(137);
      const args = ['sync', '--from', server.emptyCheckpoint, '--to', largest!, '--prune', '--yes'];

      const first = await runInterrupted(server, args, [signal]);
      expect(first.code).toBe(EXIT[signal]);
      const { done, notStarted, other } = textOutcomes(first.stdout);
      expect(other).toEqual([]);
      expect(done.length).toBeGreaterThan(0);
      expect(notStarted.length).toBeGreaterThan(0);
      expect([...done, ...notStarted].sort()).toEqual(before.map((p) => p.id).sort());
      // The server holds exactly the permissions reported as not started.
      expect(
        server.state
          .permissionsOf(largest!)
          .map((p) => p.id)
          .sort(),
      ).toEqual([...notStarted].sort());
      expect(first.stdout).toMatch(new RegExp(`\\ndone: 0 added, ${done.length} removed, 0 failed, ${notStarted.length} not started\\n$`));
      expect(first.stderr).toBe(
        `ckpt-perms: interrupted: ${done.length} of 137 removed, ${notStarted.length} not started; run the same command again to finish\n`,
      );

      const mark = server.requests.length;
      const again = await runCli(args, demoEnv(server));
      expect([again.code, again.stderr]).toEqual([0, '']);
      expect(server.state.permissionsOf(largest!)).toEqual([]);
      // Only what was not started is removed the second time: nothing is sent twice.
      const deleted = writesSince(server, mark).map((r) => r.path.split('/').at(-1));
      expect(deleted.sort()).toEqual([...notStarted].sort());
    },
  );
});

describe.concurrent('an interrupted sync that adds (--format json)', () => {
  it.for(SIGNALS)('on %s lists each addition as done or not started, as the server holds them; a re-run finishes', async (signal, ctx) => {
    // 400 projects to add: twenty create calls, four at a time.
    const server = await demo(ctx, 400);
    const [largest] = server.checkpoints;
    const target = server.emptyCheckpoint;
    const wanted = projectsOf(server, largest!);
    const args = ['sync', '--from', largest!, '--to', target, '--yes', '--format', 'json'];

    const first = await runInterrupted(server, args, [signal]);
    expect(first.code).toBe(EXIT[signal]);
    const document = JSON.parse(first.stdout);
    expect(document.interrupted).toBe(signal);
    const outcomes = document.outcomes as { project_id: string; action: string; status: string; permission_id: string | null }[];
    expect(outcomes.map((o) => o.project_id).sort()).toEqual(wanted);
    expect(new Set(outcomes.map((o) => o.status))).toEqual(new Set(['done', 'not started']));
    const done = outcomes.filter((o) => o.status === 'done');
    const held = new Map(server.state.permissionsOf(target).map((p) => [p.project_id, p.id]));
    expect(new Map(done.map((o) => [o.project_id, o.permission_id]))).toEqual(held);
    const notStarted = outcomes.length - done.length;
    expect(first.stderr).toBe(
      `ckpt-perms: interrupted: ${done.length} of ${wanted.length} added, ${notStarted} not started; run the same command again to finish\n`,
    );

    const again = await runCli(args, demoEnv(server));
    expect([again.code, again.stderr]).toEqual([0, '']);
    expect(projectsOf(server, target)).toEqual(wanted);
    // The second run adds only what the first did not: the first run's permissions are the same ones.
    const second = JSON.parse(again.stdout).outcomes as { project_id: string }[];
    expect(second).toHaveLength(notStarted);
    for (const [project, id] of held) expect(server.state.permissionsOf(target).find((p) => p.project_id === project)?.id).toBe(id);
  });
});

describe.concurrent('an interrupted create of many projects', () => {
  it.for(SIGNALS)('on %s prints what was created and every other project as not started; a re-run finishes', async (signal, ctx) => {
    const server = await demo(ctx);
    const checkpoint = server.emptyCheckpoint;
    const projects = projectsWithoutAccess(server, [checkpoint]);
    expect(projects.length).toBeGreaterThan(150);
    const args = ['create', checkpoint, ...projects.flatMap((id) => ['--project-id', id])];

    const first = await runInterrupted(server, args, [signal]);
    expect(first.code).toBe(EXIT[signal]);
    const answer = JSON.parse(first.stdout);
    const outcomes = answer.outcomes as { project_id: string; status: string; permission_id: string | null }[];
    expect(outcomes.map((o) => o.project_id)).toEqual(projects);
    expect(new Set(outcomes.map((o) => o.status))).toEqual(new Set(['done', 'not started']));
    const held = server.state.permissionsOf(checkpoint);
    // The list is the API's permissions, exactly those the server now holds, in the order the projects were given (the
    // calls run side by side, so the server may have made them in another order).
    const inOrderGiven = [...held].sort((a, b) => projects.indexOf(a.project_id) - projects.indexOf(b.project_id));
    expect(answer.data).toEqual(inOrderGiven);
    expect(outcomes.filter((o) => o.status === 'done').map((o) => [o.project_id, o.permission_id])).toEqual(
      held.map((p) => [p.project_id, p.id]).sort((a, b) => projects.indexOf(a[0]!) - projects.indexOf(b[0]!)),
    );
    const notStarted = projects.length - held.length;
    expect(first.stderr).toBe(
      `ckpt-perms: interrupted: ${held.length} of ${projects.length} added, ${notStarted} not started; run the same command again to finish\n`,
    );

    const again = await runCli(args, demoEnv(server));
    // What the first run made is not made twice, and the second run says so.
    expect(again.code).toBe(0);
    // How many were done when the signal came depends on the machine's pace: one, a few, or more than the five named.
    const count = held.length === 1 ? '' : `${held.length} `;
    const them = held.length === 1 ? '' : ' for them';
    const others = held.length > 5 ? `(, proj_\\w+){4} and ${held.length - 5} more` : `(, proj_\\w+){${held.length - 1}}`;
    expect(again.stderr).toMatch(new RegExp(`^ckpt-perms: ${count}already had access, nothing created${them}: proj_\\w+${others}\n$`));
    expect(projectsOf(server, checkpoint)).toEqual([...projects].sort());
    for (const permission of held) expect(server.state.permissionsOf(checkpoint)).toContainEqual(permission);
  });
});

describe.concurrent('an interrupted apply of an access file', () => {
  it.for(SIGNALS)('on %s lists every change as done or not started, as the server holds them; a re-run finishes', async (signal, ctx) => {
    const server = await demo(ctx);
    const [largest] = server.checkpoints;
    const target = server.emptyCheckpoint;
    const wanted = projectsWithoutAccess(server, [target]).slice(0, 120);
    // One checkpoint gains 120 projects (six create calls), the other loses all 137 (137 deletes).
    const file = join(mkdtempSync(join(tmpdir(), 'ckpt-perms-interrupt-')), 'access.yaml');
    writeFileSync(
      file,
      [
        'checkpoints:',
        `  ${target}:`,
        '    projects:',
        ...wanted.map((id) => `      - ${id}`),
        `  ${largest}:`,
        '    exclusive: true',
        '    projects: []',
        '',
      ].join('\n'),
    );
    const args = ['apply', '-f', file, '--yes', '--format', 'json'];
    const before = server.state.permissionsOf(largest!).map((p) => p.id);

    const first = await runInterrupted(server, args, [signal]);
    expect(first.code).toBe(EXIT[signal]);
    const document = JSON.parse(first.stdout);
    expect(document.interrupted).toBe(signal);
    const outcomes = document.outcomes as {
      checkpoint: string;
      action: string;
      project_id: string;
      status: string;
      permission_id: string | null;
    }[];
    expect(outcomes).toHaveLength(wanted.length + before.length);
    expect(new Set(outcomes.map((o) => o.status))).toEqual(new Set(['done', 'not started']));
    const heldAdds = new Map(server.state.permissionsOf(target).map((p) => [p.project_id, p.id]));
    const adds = outcomes.filter((o) => o.action === 'add');
    expect(new Map(adds.filter((o) => o.status === 'done').map((o) => [o.project_id, o.permission_id]))).toEqual(heldAdds);
    const held = new Set(server.state.permissionsOf(largest!).map((p) => p.id));
    for (const o of outcomes.filter((o) => o.action === 'remove')) expect(held.has(o.permission_id!)).toBe(o.status !== 'done');
    const done = (action: string) => outcomes.filter((o) => o.action === action && o.status === 'done').length;
    const notStarted = outcomes.filter((o) => o.status === 'not started').length;
    expect(notStarted).toBeGreaterThan(0);
    expect(first.stderr).toBe(
      `ckpt-perms: interrupted: ${done('add')} of ${wanted.length} added, ${done('remove')} of ${before.length} removed, ${notStarted} not started; run the same command again to finish\n`,
    );

    const again = await runCli(args, demoEnv(server));
    expect([again.code, again.stderr]).toEqual([0, '']);
    expect(projectsOf(server, target)).toEqual([...wanted].sort());
    expect(server.state.permissionsOf(largest!)).toEqual([]);
    for (const [project, id] of heldAdds) expect(server.state.permissionsOf(target).find((p) => p.project_id === project)?.id).toBe(id);
    expect(JSON.parse(again.stdout).outcomes).toHaveLength(notStarted);
  });
});

describe.concurrent('a second signal', () => {
  it('ends at once: the changes in flight are reported unknown, and what is done or not started is still exact', async (ctx) => {
    const server = await demo(ctx);
    const [largest] = server.checkpoints;
    const before = server.state.permissionsOf(largest!).map((p) => p.id);
    const args = ['sync', '--from', server.emptyCheckpoint, '--to', largest!, '--prune', '--yes', '--format', 'json'];

    const first = await runInterrupted(server, args, ['SIGINT', 'SIGINT']);
    expect(first.code).toBe(130);
    const outcomes = JSON.parse(first.stdout).outcomes as { permission_id: string; status: string; reason: string | null }[];
    expect(outcomes.map((o) => o.permission_id).sort()).toEqual([...before].sort());
    const held = new Set(server.state.permissionsOf(largest!).map((p) => p.id));
    for (const outcome of outcomes) {
      if (outcome.status === 'done') expect(held.has(outcome.permission_id)).toBe(false);
      else if (outcome.status === 'not started') expect(held.has(outcome.permission_id)).toBe(true);
      else {
        expect(outcome.status).toBe('unknown');
        expect(outcome.reason).toMatch(/^interrupted before its answer came/);
      }
    }
    expect(first.stderr).toMatch(
      /^ckpt-perms: interrupted: \d+ of 137 removed, (\d+ unknown \(interrupted in flight\), )?\d+ not started; run/,
    );

    const again = await runCli(args, demoEnv(server));
    expect([again.code, again.stderr]).toEqual([0, '']);
    expect(server.state.permissionsOf(largest!)).toEqual([]);
  });
});
