// The audit log against the contract: the official SDK sees what our client sees on the demo, every demo answer
// fits the spec's ListAuditLogsResponse, and every request our client can make is accepted by Steady.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createClient, type AuditLogQuery, type Client } from '../../src/api/client';
import { ApiError } from '../../src/api/errors';
import { AUDIT_LOG_START, DEFAULT_PROJECT, DEMO_SERVICE_ACCOUNT_ID, DEMO_USERS } from '../../src/demo/audit';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { findOpenApiSpec, SPEC_MISSING_MESSAGE, specForValidation } from '../helpers/spec';
import { BRACKET_FORMATS, startSteady, type Steady } from '../helpers/steady';

const specPath = findOpenApiSpec();
if (!specPath) console.warn(SPEC_MISSING_MESSAGE);

const SHARING = ['checkpoint.permission.created', 'checkpoint.permission.deleted'];

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The filters a history or a revoke dialog asks with, and the rest of what the operation takes. */
function queries(server: DemoServer): AuditLogQuery[] {
  const checkpoint = server.checkpoints[0]!;
  const grant = server.state.audit
    .snapshot()
    .find((e) => e.type === SHARING[0] && e['checkpoint.permission.created']?.data?.fine_tuned_model_checkpoint === checkpoint);
  return [
    {},
    { event_types: SHARING },
    { event_types: SHARING, effective_at: { gte: AUDIT_LOG_START + 30 * 86_400 } },
    { event_types: SHARING, effective_at: { gt: AUDIT_LOG_START, lte: AUDIT_LOG_START + 40 * 86_400 } },
    { event_types: [SHARING[0]!], resource_ids: [grant?.['checkpoint.permission.created']?.id ?? 'cp_none'] },
    { project_ids: [DEFAULT_PROJECT.id] },
    { actor_ids: [DEMO_SERVICE_ACCOUNT_ID], event_types: SHARING },
    { actor_emails: [DEMO_USERS[0].email, DEMO_USERS[2].email] },
  ];
}

describe('the official SDK and our client see the same audit log on the demo', () => {
  let server: DemoServer;
  let sdk: OpenAI;
  let ours: Client;

  beforeAll(async () => {
    server = await startDemoServer();
    sdk = new OpenAI({ adminAPIKey: server.adminKey, apiKey: null, baseURL: server.baseUrl, maxRetries: 0 });
    ours = createClient({ baseURL: server.baseUrl, adminApiKey: server.adminKey, maxRetries: 0 });
  });
  afterAll(async () => {
    await ours?.close();
    await server?.close();
  });

  it('through several pages, for every filter', async () => {
    for (const query of queries(server)) {
      for (const limit of [7, 100]) {
        const viaSdk = await collect(sdk.admin.organization.auditLogs.list({ ...query, limit } as never));
        const viaUs = await collect(ours.auditLogs.all({ ...query, limit }));
        expect(viaSdk.length, JSON.stringify(query)).toBeGreaterThan(0);
        expect(viaUs, JSON.stringify(query)).toEqual(viaSdk);
      }
    }
    // "Several pages" is real: the unfiltered walk at 7 a page took dozens of requests from each.
    const pages = server.requests.filter((r) => r.path === '/v1/organization/audit_logs' && r.query.limit === '7');
    expect(pages.length).toBeGreaterThan(40);
  });

  it('one page, exactly as the API sends it', async () => {
    const page = await ours.auditLogs.list({ event_types: SHARING, limit: 5 });
    const viaSdk = await sdk.admin.organization.auditLogs.list({ event_types: SHARING as never, limit: 5 });
    expect(viaSdk.data).toEqual(page.data);
    expect(viaSdk.has_more).toBe(true);
  });
});

describe.skipIf(!specPath)('every demo answer fits ListAuditLogsResponse', () => {
  let servers: DemoServer[];
  let validate: ReturnType<Ajv2020['getSchema']>;

  beforeAll(async () => {
    const spec = specForValidation(parse(readFileSync(specPath!, 'utf8')));
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ $id: 'openapi.json', components: spec.components });
    const ref: string = spec.paths['/organization/audit_logs'].get.responses['200'].content['application/json'].schema.$ref;
    validate = ajv.getSchema(`openapi.json${ref}`);
    servers = [await startDemoServer(), await startDemoServer({ auditLog: false })];
  });
  afterAll(async () => {
    for (const server of servers ?? []) await server.close();
  });

  it('for every query, page after page, with or without audit logging', async () => {
    for (const server of servers) {
      const client = createClient({ baseURL: server.baseUrl, adminApiKey: server.adminKey, maxRetries: 0 });
      try {
        // A change made against the demo is in the log in the same shape.
        const project = server.state.projects().find((p) => p.status === 'active')!;
        const made = await client.permissions.create(server.emptyCheckpoint, [project.id]);
        await client.permissions.delete(server.emptyCheckpoint, made.data[0]!.id);
        let answers = 0;
        for (const query of queries(server)) {
          for await (const page of client.auditLogs.pages({ ...query, limit: 50 })) {
            answers++;
            expect(validate!(page) ? [] : validate!.errors, JSON.stringify(query)).toEqual([]);
          }
        }
        expect(answers).toBeGreaterThanOrEqual(queries(server).length);
      } finally {
        await client.close();
      }
    }
  });

  it('is a real check: an event without effective_at fails it', () => {
    expect(validate!({ object: 'list', data: [{ id: 'audit_log-1', type: 'login.succeeded' }], has_more: false })).toBe(false);
    expect(validate!({ object: 'list', data: [{ id: 'audit_log-1', type: 'login.succeeded', effective_at: 1 }], has_more: false })).toBe(
      true,
    );
  });
});

describe.skipIf(!specPath)('every audit-log request our client makes is accepted by Steady (bracket query format)', () => {
  const ADMIN_KEY = 'sk-admin-steadyContractTest0000000000abcd';
  let steady: Steady;
  let client: Client;

  beforeAll(async () => {
    steady = await startSteady(specPath!, BRACKET_FORMATS);
    client = createClient({ baseURL: steady.baseUrl, adminApiKey: ADMIN_KEY, maxRetries: 0 });
  });
  afterAll(async () => {
    await client?.close();
    await steady?.close();
  });

  it('with every filter, alone and together, and every cursor', async () => {
    const all: AuditLogQuery = {
      event_types: SHARING,
      effective_at: { gt: 1, gte: 2, lt: 3_000_000_000, lte: 3_000_000_001 },
      project_ids: ['proj_a', 'proj_b'],
      resource_ids: ['cp_zc4Q7MP6XxulcVzj4MZdwsAB'],
      actor_ids: ['user-abc'],
      actor_emails: ['alice@acme.com'],
      limit: 100,
    };
    const single = Object.entries(all).map(([key, value]) => ({ [key]: value }) as AuditLogQuery);
    const cases: AuditLogQuery[] = [
      {},
      ...single,
      all,
      { ...all, after: 'audit_log-abc' },
      { before: 'audit_log-abc', limit: 1 },
      { event_types: [SHARING[0]!], resource_ids: ['cp_a', 'cp_b', 'cp_c'], limit: 100 },
      { event_types: SHARING, effective_at: { gte: 1767000000 }, limit: 100 },
    ];
    for (const query of cases) {
      const page = await client.auditLogs.list(query);
      expect(page.object, JSON.stringify(query)).toBe('list');
    }
  });

  it('is a real check: Steady refuses a request that breaks the spec', async () => {
    const bad = await client.auditLogs.list({ effective_at: { gte: 'yesterday' as unknown as number } }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ApiError);
    expect((bad as ApiError).status).toBe(400);
  });
});
