import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { maskKey } from '../../src/demo/auth';
import { call, permissionsPath, REQUEST_ID } from './helpers';

describe('demo server auth', () => {
  let server: DemoServer;
  let ckpt: string;
  beforeAll(async () => {
    server = await startDemoServer();
    ckpt = server.checkpoints[0] as string;
  });
  afterAll(async () => {
    await server.close();
  });

  it('rejects a missing key with 401 and the no-key message', async () => {
    const res = await call(server, permissionsPath(ckpt), { key: 'none' });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toMatch(REQUEST_ID);
    expect(res.json).toEqual({
      error: {
        message:
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
    expect(server.requests.at(-1)).toMatchObject({ auth: 'none', status: 401 });
  });

  it('rejects a wrong key with invalid_api_key and masks it', async () => {
    const wrong = 'sk-admin-WRONGkeyWRONGkeyWRONGkey1234abcd';
    const res = await call(server, permissionsPath(ckpt), { key: wrong });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('invalid_api_key');
    expect(res.json.error.type).toBe('invalid_request_error');
    expect(res.json.error.message).toBe(
      'Incorrect API key provided: sk-admin-***abcd. You can find your API key at https://platform.openai.com/account/api-keys.',
    );
    expect(res.text).not.toContain(wrong);
    expect(JSON.stringify(server.requests)).not.toContain(wrong);
    expect(server.requests.at(-1)?.auth).toBe('invalid');
  });

  it('never shows a short key whole', () => {
    for (const key of ['abc', 'sk-12345', 'sk-admin-abcd', 'sk-admin-0123456789']) {
      const masked = maskKey(key);
      expect(masked).toContain('***');
      expect(masked.replace('***', '')).not.toBe(key);
      expect(masked.replace('***', '').length).toBeLessThanOrEqual(key.length / 2);
    }
    expect(maskKey('sk-proj-demo-ABCDEFGHIJKLMNOPQRSTUVWXYZ123456')).toBe('sk-proj-d***3456');
  });

  it('rejects the project key on admin routes with the management scope', async () => {
    const read = await call(server, permissionsPath(ckpt), { key: 'project' });
    expect(read.status).toBe(401);
    expect(read.json.error.code).toBeNull();
    expect(read.json.error.message).toMatch(
      /^You have insufficient permissions for this operation\. Missing scopes: api\.management\.read\. /,
    );
    const write = await call(server, permissionsPath(ckpt), { key: 'project', method: 'POST', body: { project_ids: ['x'] } });
    expect(write.status).toBe(401);
    expect(write.json.error.message).toContain('Missing scopes: api.management.write.');
    const del = await call(server, permissionsPath(ckpt, '/cp_x'), { key: 'project', method: 'DELETE' });
    expect(del.json.error.message).toContain('Missing scopes: api.management.write.');
    const projects = await call(server, '/organization/projects', { key: 'project' });
    expect(projects.status).toBe(401);
    expect(projects.json.error.message).toContain('Missing scopes: api.management.read.');
  });

  it('rejects the admin key on job routes with the jobs scope', async () => {
    const res = await call(server, '/fine_tuning/jobs', { key: 'admin' });
    expect(res.status).toBe(401);
    expect(res.json.error).toMatchObject({ type: 'invalid_request_error', code: null });
    expect(res.json.error.message).toContain('Missing scopes: api.fine_tuning.jobs.read.');
    const ok = await call(server, '/fine_tuning/jobs', { key: 'project' });
    expect(ok.status).toBe(200);
    expect(server.requests.at(-1)?.auth).toBe('project');
  });

  it('uses the keys given in the options', async () => {
    const custom = await startDemoServer({ adminKey: 'sk-admin-custom-key-0001', apiKey: 'sk-proj-custom-key-0002' });
    try {
      expect(custom.adminKey).toBe('sk-admin-custom-key-0001');
      const res = await fetch(`${custom.baseUrl}/organization/projects/${custom.state.projects()[0]?.id}`, {
        headers: { authorization: 'Bearer sk-admin-custom-key-0001' },
      });
      expect(res.status).toBe(200);
    } finally {
      await custom.close();
    }
  });
});
