// Our command line against Steady serving the official spec: Steady answers 400 to any request
// that breaks the spec, so exit 0 for every combination means every request we sent was valid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client';
import { ApiError } from '../../src/api/errors';
import { mapBounded } from '../../src/ops/pool';
import { runCli } from '../helpers/cli';
import { findOpenApiSpec, SPEC_MISSING_MESSAGE } from '../helpers/spec';
import { startSteady, type Steady } from '../helpers/steady';

const spec = findOpenApiSpec();
if (!spec) console.warn(SPEC_MISSING_MESSAGE);

const CHECKPOINT = 'ft:gpt-4o-mini-2024-07-18:acme-corp:support-triage:B7R9VjQd:ckpt-step-2000';
const ADMIN_KEY = 'sk-admin-steadyContractTest0000000000abcd';

/** Every subset of the given flag groups. */
function subsets<T>(items: T[]): T[][] {
  return items.reduce<T[][]>((all, item) => [...all, ...all.map((subset) => [...subset, item])], [[]]);
}

const checkpointForms = [['--fine-tuned-model-checkpoint', CHECKPOINT], [CHECKPOINT]];
const after = ['--after', 'cp_zc4Q7MP6XxulcVzj4MZdwsAB'];
const limit = ['--limit', '7'];
const order = ['--order', 'ascending'];
const projectFilter = ['--project-id', 'proj_abGMw1llN8IrBb6SvvY5A1iH'];
const maxItems = ['--max-items', '5'];
const jsonl = ['--format', 'jsonl'];
const globalFlags = [
  ['--organization', 'org-contract'],
  ['--timeout', '20000'],
  ['--max-retries', '0'],
];

/** Each subset of a command's flags once, alternating the checkpoint's form and the flags' values. */
function invocations(): string[][] {
  const out: string[][] = [];
  const vary = (flags: string[][], i: number) =>
    flags.map((flag) => {
      if (flag === order && i % 2) return ['--order', 'descending'];
      if (flag === maxItems && i % 2) return ['--max-items', '-1'];
      return flag;
    });
  subsets([after, limit, order, projectFilter, maxItems, jsonl]).forEach((flags, i) =>
    out.push(['list', ...checkpointForms[i % 2]!, ...vary(flags, i >> 1).flat()]),
  );
  subsets([after, limit, order, projectFilter, jsonl]).forEach((flags, i) =>
    out.push(['retrieve', ...checkpointForms[i % 2]!, ...vary(flags, i >> 1).flat()]),
  );
  [['proj_a1'], ['proj_a1', 'proj_b2'], ['proj_a1', 'proj_b2', 'proj_c3']].forEach((projects, i) => {
    for (const format of [[], jsonl]) {
      out.push(['create', ...checkpointForms[i % 2]!, ...projects.flatMap((id) => ['--project-id', id]), ...format]);
    }
  });
  for (const checkpoint of checkpointForms) {
    for (const format of [[], jsonl]) out.push(['delete', ...checkpoint, '--permission-id', 'cp_zc4Q7MP6XxulcVzj4MZdwsAB', ...format]);
  }
  for (const globals of subsets(globalFlags)) out.push(['list', CHECKPOINT, ...globals.flat()]);
  return out;
}

/** The output is JSON: the whole of it, or each line for jsonl. */
function parsesAsJson(args: string[], stdout: string): boolean {
  try {
    if (args.includes('jsonl'))
      stdout
        .trimEnd()
        .split('\n')
        .filter(Boolean)
        .forEach((line) => JSON.parse(line));
    else JSON.parse(stdout);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!spec)('our command line against the spec mock server (Steady)', () => {
  let steady: Steady;

  beforeAll(async () => {
    steady = await startSteady(spec!);
  });

  afterAll(async () => {
    await steady?.close();
  });

  it('exits 0 for every subcommand with every flag combination', async () => {
    const all = invocations();
    expect(all.length).toBe(64 + 32 + 6 + 4 + 8);
    const failures: string[] = [];
    const env = { OPENAI_BASE_URL: steady.baseUrl, OPENAI_ADMIN_KEY: ADMIN_KEY };
    // Four at a time, the next starting as soon as one ends (not in batches that wait for their slowest).
    for (const outcome of await mapBounded(all, 4, (args) => runCli(args, env))) {
      const args = outcome.item;
      if (!outcome.ok) failures.push(`${args.join(' ')} → ${String(outcome.error)}`);
      else if (outcome.value.code !== 0) failures.push(`${args.join(' ')} → exit ${outcome.value.code}: ${outcome.value.stderr.trim()}`);
      else if (!parsesAsJson(args, outcome.value.stdout)) failures.push(`${args.join(' ')} → output is not JSON`);
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it('is a real check: Steady refuses a request that breaks the spec', async () => {
    const client = createClient({ baseURL: steady.baseUrl, adminApiKey: ADMIN_KEY, maxRetries: 0 });
    try {
      const bad = await client.permissions.list(CHECKPOINT, { order: 'sideways' as 'ascending' }).catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(ApiError);
      expect((bad as ApiError).status).toBe(400);
    } finally {
      await client.close();
    }
  });
});
