// Every answer of the demo API, checked against the official spec's response schemas.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { findOpenApiSpec, SPEC_MISSING_MESSAGE, specForValidation } from '../helpers/spec';

const specPath = findOpenApiSpec();
if (!specPath) console.warn(SPEC_MISSING_MESSAGE);

describe.skipIf(!specPath)('the demo API answers as the spec says', () => {
  let server: DemoServer;
  let spec: ReturnType<typeof specForValidation>;
  let ajv: Ajv2020;

  beforeAll(async () => {
    spec = specForValidation(parse(readFileSync(specPath!, 'utf8')));
    // strict: false lets the validator skip the spec's annotations (x-oaiMeta, example, nullable…).
    ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ $id: 'openapi.json', components: spec.components });
    server = await startDemoServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  /** Calls the demo like curl would and validates a 200 against the operation's response schema. */
  async function check(
    method: 'get' | 'post' | 'delete',
    specPathName: string,
    urlPath: string,
    key: string,
    body?: unknown,
  ): Promise<any> {
    const response = await fetch(`${server.baseUrl}${urlPath}`, {
      method: method.toUpperCase(),
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await response.json();
    expect(response.status, JSON.stringify(json)).toBe(200);
    const ref: string = spec.paths[specPathName][method].responses['200'].content['application/json'].schema.$ref;
    const validate = ajv.getSchema(`openapi.json${ref}`)!;
    const valid = validate(json);
    expect(validate.errors ?? [], `${method} ${urlPath}`).toEqual([]);
    expect(valid).toBe(true);
    return json;
  }

  it('permissions: list (every order, filter, page), create and delete', async () => {
    const ckpt = encodeURIComponent(server.checkpoints[0]!).replace(/%3A/g, ':');
    const base = `/fine_tuning/checkpoints/${ckpt}/permissions`;
    const specPathName = '/fine_tuning/checkpoints/{fine_tuned_model_checkpoint}/permissions';
    const page = await check('get', specPathName, `${base}?limit=5&order=ascending`, server.adminKey);
    await check('get', specPathName, `${base}?after=${page.last_id}`, server.adminKey);
    await check('get', specPathName, `${base}?project_id=${page.data[0].project_id}`, server.adminKey);
    await check('get', specPathName, `/fine_tuning/checkpoints/${encodeURIComponent(server.emptyCheckpoint)}/permissions`, server.adminKey);

    const fresh = server.state
      .projects()
      .find((p) => p.status === 'active' && !server.state.permissionsOf(server.checkpoints[0]!).some((x) => x.project_id === p.id))!;
    const created = await check('post', specPathName, base, server.adminKey, { project_ids: [fresh.id] });
    await check(
      'delete',
      '/fine_tuning/checkpoints/{fine_tuned_model_checkpoint}/permissions/{permission_id}',
      `${base}/${created.data[0].id}`,
      server.adminKey,
    );
  });

  it('organization projects: list (with archived) and get', async () => {
    const list = await check('get', '/organization/projects', '/organization/projects?limit=100&include_archived=true', server.adminKey);
    expect(list.data.some((p: { status: string }) => p.status === 'archived')).toBe(true);
    for (const project of list.data.slice(0, 5)) {
      await check('get', '/organization/projects/{project_id}', `/organization/projects/${project.id}`, server.adminKey);
    }
  });

  it("fine-tuning jobs: list, get every job, and list each job's checkpoints", async () => {
    const jobs = await check('get', '/fine_tuning/jobs', '/fine_tuning/jobs?limit=100', server.apiKey);
    expect(jobs.data.length).toBeGreaterThanOrEqual(4);
    for (const job of jobs.data) {
      await check('get', '/fine_tuning/jobs/{fine_tuning_job_id}', `/fine_tuning/jobs/${job.id}`, server.apiKey);
      await check('get', '/fine_tuning/jobs/{fine_tuning_job_id}/checkpoints', `/fine_tuning/jobs/${job.id}/checkpoints`, server.apiKey);
    }
  });

  it('is a real check: a response missing a required field fails it', () => {
    const validate = ajv.getSchema('openapi.json#/components/schemas/FineTuningCheckpointPermission')!;
    expect(validate({ object: 'checkpoint.permission', id: 'cp_1', created_at: 1 })).toBe(false);
    expect(validate({ object: 'checkpoint.permission', id: 'cp_1', created_at: 1, project_id: 'proj_1' })).toBe(true);
    const list = ajv.getSchema('openapi.json#/components/schemas/ListFineTuningCheckpointPermissionResponse')!;
    expect(
      list({
        object: 'list',
        data: [{ object: 'checkpoint.permission', id: 'cp_1', created_at: 'yesterday', project_id: 'p' }],
        has_more: false,
      }),
    ).toBe(false);
  });
});
