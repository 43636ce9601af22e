// The seed's examples of the official CLI, run verbatim with `openai` replaced by `ckpt-perms` against Steady serving
// the official spec: each exits 0 and prints what the official prints for Steady's answer (a list's items one
// document each; a single answer as one document), which this test reads from Steady itself.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliOnPath } from '../helpers/cli';
import { testEnv } from '../helpers/env';
import { findOpenApiSpec, SPEC_MISSING_MESSAGE } from '../helpers/spec';
import { startSteady, type Steady } from '../helpers/steady';

const spec = findOpenApiSpec();
if (!spec) console.warn(SPEC_MISSING_MESSAGE);

const ADMIN = 'sk-admin-seedExampleKeyZx81Qm4Lp0Ws7Vb2';
const MODEL = 'ft:gpt-4o-mini-2024-07-18:org:weather:B7R9VjQd';

/** The seed's examples (the official CLI's generated reference and OPENAI-CLI.md), `openai` → `ckpt-perms`. */
const EXAMPLES: { shell: string; request: { method: string; path: string; body?: unknown }; items: boolean }[] = [
  {
    shell: `ckpt-perms fine-tuning:checkpoints:permissions retrieve --api-key "$ADMIN" --fine-tuned-model-checkpoint ${MODEL}`,
    request: { method: 'GET', path: `/fine_tuning/checkpoints/${MODEL}/permissions` },
    items: false,
  },
  {
    shell: `ckpt-perms fine-tuning:checkpoints:permissions list --api-key "$ADMIN" --fine-tuned-model-checkpoint ft-AF1WoRqd3aJAHsqc9NY7iL8F`,
    request: { method: 'GET', path: '/fine_tuning/checkpoints/ft-AF1WoRqd3aJAHsqc9NY7iL8F/permissions' },
    items: true,
  },
  {
    shell: `ckpt-perms fine-tuning:checkpoints:permissions create --api-key "$ADMIN" --fine-tuned-model-checkpoint ${MODEL} --project-id proj_abGMw1llN8IrBb6SvvY5A1iH`,
    request: {
      method: 'POST',
      path: `/fine_tuning/checkpoints/${MODEL}/permissions`,
      body: { project_ids: ['proj_abGMw1llN8IrBb6SvvY5A1iH'] },
    },
    items: true,
  },
  {
    shell: `ckpt-perms fine-tuning:checkpoints:permissions delete --api-key "$ADMIN" --fine-tuned-model-checkpoint ${MODEL} --permission-id cp_zc4Q7MP6XxulcVzj4MZdwsAB`,
    request: { method: 'DELETE', path: `/fine_tuning/checkpoints/${MODEL}/permissions/cp_zc4Q7MP6XxulcVzj4MZdwsAB` },
    items: false,
  },
  {
    // The generated reference's own form: a placeholder key, with spaces, sent as given.
    shell: `ckpt-perms fine-tuning:checkpoints:permissions list --api-key 'My API Key' --fine-tuned-model-checkpoint ${MODEL} --limit 2 --order ascending`,
    request: { method: 'GET', path: `/fine_tuning/checkpoints/${MODEL}/permissions?limit=2&order=ascending` },
    items: true,
  },
  {
    // Every optional flag, with the generated reference's placeholder values.
    shell: `ckpt-perms fine-tuning:checkpoints:permissions list --api-key 'My API Key' --fine-tuned-model-checkpoint ft-AF1WoRqd3aJAHsqc9NY7iL8F --after after --limit 0 --order ascending --project-id project_id`,
    request: {
      method: 'GET',
      path: '/fine_tuning/checkpoints/ft-AF1WoRqd3aJAHsqc9NY7iL8F/permissions?after=after&limit=0&order=ascending&project_id=project_id',
    },
    items: true,
  },
  {
    shell: `ckpt-perms fine-tuning:checkpoints:permissions create --api-key 'My API Key' --fine-tuned-model-checkpoint ${MODEL} --project-id string`,
    request: { method: 'POST', path: `/fine_tuning/checkpoints/${MODEL}/permissions`, body: { project_ids: ['string'] } },
    items: true,
  },
  {
    shell: `printf 'project_ids: [a, b]\\n' | ckpt-perms fine-tuning:checkpoints:permissions create ${MODEL}`,
    request: { method: 'POST', path: `/fine_tuning/checkpoints/${MODEL}/permissions`, body: { project_ids: ['a', 'b'] } },
    items: true,
  },
];

describe.skipIf(!spec)('the seed examples against Steady', () => {
  let steady: Steady;
  let bin: string;

  beforeAll(async () => {
    steady = await startSteady(spec!);
    bin = cliOnPath();
  });

  afterAll(async () => {
    await steady?.close();
  });

  const shell = (command: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const env = testEnv({ ADMIN, OPENAI_API_KEY: ADMIN, OPENAI_BASE_URL: steady.baseUrl });
      env.PATH = `${bin}:${env.PATH}`;
      execFile(
        'sh',
        ['-c', `${command} </dev/null`.replace(' </dev/null', command.startsWith('printf') ? '' : ' </dev/null')],
        { env },
        (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
      );
    });

  it.each(EXAMPLES.map((example) => [example.shell, example] as const))('%s', async (_, example) => {
    const result = await shell(example.shell);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const response = await fetch(`${steady.baseUrl}${example.request.path}`, {
      method: example.request.method,
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: example.request.body === undefined ? undefined : JSON.stringify(example.request.body),
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { data?: unknown[]; has_more?: boolean; last_id?: string };
    // Steady's pages say has_more without a last_id: there is no next page to ask for.
    expect(answer.last_id).toBeUndefined();
    const documents = example.items ? answer.data! : [answer];
    expect(result.stdout).toBe(documents.map((doc) => `${JSON.stringify(doc, null, 2)}\n`).join(''));
  });

  it('the --debug example: request and response lines on stderr, the key redacted, the same output on stdout', async () => {
    const result = await shell('ckpt-perms fine-tuning:checkpoints:permissions list ft-x --limit 5 --debug');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /Request Content:\nGET \/fine_tuning\/checkpoints\/ft-x\/permissions\?limit=5 HTTP\/1\.1\r\nHost: 127\.0\.0\.1:\d+\r\n/,
    );
    expect(result.stderr).toContain('Authorization: Bearer <REDACTED>');
    expect(result.stderr).not.toContain(ADMIN.slice(9, 17));
  });
});
