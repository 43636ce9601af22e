// Wrong types from the API never crash the UI (#23 item 6): the built binary in a pty against a hostile server whose
// fine-tuning jobs and checkpoints have fields of the wrong type. Each bad item is left out and counted on the
// picker's status line; the good ones are listed and open.
import { afterEach, describe, expect, test } from 'vitest';
import { createClient } from '../../src/api/client';
import { runCli } from '../helpers/cli';
import { KEYS } from '../helpers/keys';
import { closeAll, spawnTerminal } from '../helpers/pty';
import { countAs } from './figures';
import { apiError, json, scriptedServer } from './support';

afterEach(closeAll);

const GOOD_MODEL = 'ft:gpt-4o-mini-2024-07-18:acme:good:AbC123';
const GOOD_STEP = `${GOOD_MODEL}:ckpt-step-10`;

const job = (id: string, fields: Record<string, unknown>) => ({
  object: 'fine_tuning.job',
  id,
  model: 'gpt-4o-mini-2024-07-18',
  created_at: 1_767_000_000,
  finished_at: 1_767_000_600,
  fine_tuned_model: `ft:gpt-4o-mini-2024-07-18:acme:${id}:XyZ789`,
  status: 'succeeded',
  ...fields,
});

const checkpoint = (id: string, fields: Record<string, unknown>) => ({
  object: 'fine_tuning.job.checkpoint',
  id,
  created_at: 1_767_000_300,
  fine_tuned_model_checkpoint: GOOD_STEP,
  step_number: 10,
  metrics: { train_loss: 0.25 },
  fine_tuning_job_id: 'ftjob-good',
  ...fields,
});

describe('jobs and checkpoints of the wrong shape', () => {
  test('the picker lists the good ones and says how many bad ones it left out; nothing throws', async (ctx) => {
    countAs(ctx, 'bad-input');
    const jobs = [
      job('ftjob-good', { fine_tuned_model: GOOD_MODEL }),
      job('ftjob-number', { fine_tuned_model: 5 }),
      job('ftjob-date', { created_at: 'yesterday' }),
      job('ftjob-shell', { fine_tuned_model: 'ft:gpt-4o-mini-2024-07-18:org:x$(touch${IFS}/tmp/x):B7R9VjQd' }),
      { id: 'ftjob-bare' },
    ];
    const api = await scriptedServer((req, res) => {
      const path = new URL(req.url, 'http://x').pathname;
      if (path === '/v1/fine_tuning/jobs') return json(res, { object: 'list', data: jobs, has_more: false });
      if (path === '/v1/fine_tuning/jobs/ftjob-good/checkpoints')
        return json(res, {
          object: 'list',
          data: [
            checkpoint('ftckpt-good', {}),
            checkpoint('ftckpt-step', { step_number: 'ten' }),
            checkpoint('ftckpt-id', { fine_tuned_model_checkpoint: ['not', 'an', 'id'] }),
            checkpoint('ftckpt-loss', { metrics: { train_loss: '0.1' } }),
          ],
          has_more: false,
        });
      if (path.startsWith('/v1/fine_tuning/jobs/')) return json(res, { object: 'list', data: [], has_more: false });
      if (path === '/v1/organization/projects') return json(res, { object: 'list', data: [], has_more: false });
      apiError(res, 404, 'not here');
    });
    ctx.onTestFinished(() => api.close());
    const term = spawnTerminal({
      args: [
        '--base-url',
        api.baseUrl,
        '--admin-api-key',
        'sk-admin-apitypes0123456789abcdef',
        '--api-key',
        'sk-proj-apitypes0123456789abcdef',
      ],
      cols: 140,
      rows: 30,
    });
    // Four jobs and three checkpoints of the wrong shape (the shell one: an id no checkpoint has).
    const screen = await term.waitFor(/2 from fine-tuning jobs \(7 malformed items from the API skipped\)/, { timeoutMs: 20_000 });
    expect(screen).toContain(GOOD_MODEL);
    expect(screen).toContain('step 10');
    expect(screen).not.toMatch(/ftjob-(number|date|shell|bare)|XyZ789|\$\(/);
    expect(term.exit).toBeUndefined();
    await term.press(KEYS.ctrlC);
    const exit = await term.waitForExit();
    expect(exit.exitCode, term.describe()).toBe(0);
    expect(term.raw()).not.toMatch(/is not a function|unexpected error|\bat \S+ \(/);
  });

  test('projects-access checks the good ones and says on stderr how many it skipped', async (ctx) => {
    countAs(ctx, 'bad-input');
    const project = { object: 'organization.project', id: 'proj_apitypes', name: 'Types', created_at: 1_700_000_000, status: 'active' };
    const api = await scriptedServer((req, res) => {
      const path = new URL(req.url, 'http://x').pathname;
      if (path === '/v1/fine_tuning/jobs')
        return json(res, {
          object: 'list',
          data: [job('ftjob-good', { fine_tuned_model: GOOD_MODEL }), job('ftjob-number', { fine_tuned_model: 5 })],
          has_more: false,
        });
      if (path.startsWith('/v1/fine_tuning/jobs/')) return json(res, { object: 'list', data: [], has_more: false });
      if (path === '/v1/organization/projects/proj_apitypes') return json(res, project);
      if (path.endsWith('/permissions')) return json(res, { object: 'list', data: [], has_more: false });
      apiError(res, 404, 'not here');
    });
    ctx.onTestFinished(() => api.close());
    const result = await runCli(['projects-access', '--project-id', 'proj_apitypes'], {
      OPENAI_BASE_URL: api.baseUrl,
      OPENAI_ADMIN_KEY: 'sk-admin-apitypes0123456789abcdef',
      OPENAI_API_KEY: 'sk-proj-apitypes0123456789abcdef',
    });
    expect(result.stderr).toBe(
      'ckpt-perms: skipped 1 fine-tuning job(s) or checkpoint(s) the API sent malformed (a field of the wrong type, or an id no checkpoint has): they were not checked\n',
    );
    expect(JSON.parse(result.stdout)).toMatchObject({ checked: 1, failed: [] });
    expect(result.code).toBe(0);
    // The good model was asked about; nothing was asked in the malformed job's name.
    expect(api.requests.filter((r) => r.url.includes('/permissions')).map((r) => decodeURIComponent(r.url.split('?')[0]!))).toEqual([
      `/v1/fine_tuning/checkpoints/${GOOD_MODEL}/permissions`,
    ]);
  });

  test('a page whose last job is malformed: the walk goes on after it, neither stopping nor asking for that page again', async (ctx) => {
    countAs(ctx, 'bad-input');
    const api = await scriptedServer((req, res) => {
      const after = new URL(req.url, 'http://x').searchParams.get('after');
      if (after === null)
        return json(res, { object: 'list', data: [job('ftjob-1', {}), job('ftjob-bad', { fine_tuned_model: 5 })], has_more: true });
      if (after === 'ftjob-bad') return json(res, { object: 'list', data: [job('ftjob-2', {})], has_more: false });
      apiError(res, 400, `unexpected after=${after}`);
    });
    ctx.onTestFinished(() => api.close());
    const client = createClient({ baseURL: api.baseUrl, apiKey: 'sk-proj-apitypes0123456789abcdef', maxRetries: 0 });
    ctx.onTestFinished(() => client.close());
    const ids: string[] = [];
    for await (const item of client.jobs.all({ limit: 2 })) ids.push(item.id);
    expect(ids).toEqual(['ftjob-1', 'ftjob-2']);
    expect(api.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('after'))).toEqual([null, 'ftjob-bad']);
  });
});
