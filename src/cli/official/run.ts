// `ckpt-perms fine-tuning:checkpoints:permissions …`: the official openai CLI's commands, output and errors, so that
// `alias openai=ckpt-perms` keeps scripts working (../shared/design/OFFICIAL-CLI.md has the facts this follows).
import packageJson from '../../../package.json';
import { createClient, type Client, type ClientOptions } from '../../api/client';
import { clientOptionsFrom } from '../../api/config';
import { ApiError, ConfigError, errorLine, InvalidResponseError, MaxPagesError } from '../../api/errors';
import type { HeardResponse, SentRequest } from '../../api/http';
import { checkpointIdProblem, permissionIdProblem } from '../../api/ids';
import { DEFAULT_MAX_PAGES } from '../../api/paginate';
import { looksLikeKey } from '../../api/keys';
import { hasControlCharacters } from '../../api/sanitize';
import type { Order } from '../../api/types';
import type { CliProcess } from '../process';
import { safeForStderr, secretsOf } from '../guard';
import { formatFrom, GROUP, OfficialUsageError, parseOfficial, type Format, type OfficialArgs, type Subcommand } from './args';
import { officialHelp } from './help';
import { parseJson, toNode, toValue, type JsonNode } from './json';
import { debugLogger } from '../debug';
import { outputSink, PagerClosed, render, transformed, useColour, type RenderOptions, type Sink } from './output';
import { bodyFromStdin, resolveValue, Stdin } from './values';

const EXIT_OK = 0;
/** The official CLI exits 1 for everything that fails, usage errors included. */
const EXIT_FAIL = 1;

type Terminal = NodeJS.WritableStream & { isTTY?: boolean; rows?: number };

interface Settings {
  command: Subcommand;
  format: Format;
  formatGiven: boolean;
  formatError: Format;
  transform?: string;
  transformError?: string;
  rawOutput: boolean;
  debug: boolean;
  demo: boolean;
  client: ClientOptions;
  secrets: (string | undefined)[];
}

export async function runOfficial(proc: CliProcess): Promise<number> {
  const stderr = proc.stderr;
  let secrets = secretsOf(proc);
  const say = (line: string) => stderr.write(`${safeForStderr(line, secrets)}\n`);
  let args: OfficialArgs;
  try {
    args = parseOfficial(proc.argv);
  } catch (error) {
    if (!(error instanceof OfficialUsageError)) throw error;
    return usage(error, say, commandIn(proc.argv));
  }
  if (args.version) {
    proc.stdout.write(`ckpt-perms version ${packageJson.version}\n`);
    return EXIT_OK;
  }
  if (args.help || args.command === undefined) {
    proc.stdout.write(officialHelp(args.command));
    return EXIT_OK;
  }
  // The keys given as -api-key (one dash) too, whatever the generic guard looked for.
  secrets = [...secrets, args.global.get('api-key'), args.global.get('admin-api-key')];

  const stdin = new Stdin((proc.stdin ?? process.stdin) as NodeJS.ReadableStream & { isTTY?: boolean });
  let settings: Settings;
  let request: Request;
  try {
    settings = settingsFrom(args, proc.env, secrets);
    request = await requestFrom(args, stdin);
  } catch (error) {
    if (error instanceof OfficialUsageError) return usage(error, say, args.command);
    if (error instanceof ConfigError) {
      say(`ckpt-perms: ${error.message}`);
      return EXIT_FAIL;
    }
    throw error;
  }
  return execute(settings, request, proc, say);
}

function commandIn(argv: readonly string[]): Subcommand | undefined {
  const at = argv.indexOf(GROUP);
  return (['list', 'retrieve', 'create', 'delete'] as const).find((name) => argv[at + 1] === name);
}

function usage(error: OfficialUsageError, say: (line: string) => void, command: Subcommand | undefined): number {
  const incorrect = /^(flag |invalid )/.test(error.message);
  say(incorrect ? `Incorrect Usage: ${error.message}` : error.message);
  const help = error.help ?? command;
  const where = help && help !== 'group' ? ` ${help}` : '';
  say(`Run 'ckpt-perms ${GROUP}${where} --help' for usage.`);
  return EXIT_FAIL;
}

function settingsFrom(args: OfficialArgs, env: Record<string, string | undefined>, secrets: (string | undefined)[]): Settings {
  const g = args.global;
  const int = (name: string) => (g.has(name) ? Number(g.get(name)) : undefined);
  const transform = g.get('transform');
  const transformError = g.get('transform-error');
  const demo = g.get('demo') === 'true';
  const client = clientOptionsFrom(
    {
      adminApiKey: g.get('admin-api-key'),
      apiKey: g.get('api-key'),
      baseURL: g.get('base-url'),
      organization: g.get('organization'),
      project: g.get('project'),
      timeoutMs: int('timeout'),
      maxRetries: int('max-retries'),
      mtlsCertFile: g.get('mtls-client-cert-file'),
      mtlsKeyFile: g.get('mtls-client-key-file'),
    },
    env,
  );

  if (demo) {
    for (const flag of ['admin-api-key', 'api-key', 'base-url', 'organization', 'project']) {
      if (g.has(flag)) throw new ConfigError(`--demo uses the embedded demo API and its own keys: drop --${flag}`);
    }
  }
  return {
    command: args.command!,
    format: formatFrom(g.get('format'), 'format'),
    formatGiven: g.has('format'),
    formatError: formatFrom(g.get('format-error'), 'format-error'),
    transform,
    transformError,
    rawOutput: g.get('raw-output') === 'true',
    debug: g.get('debug') === 'true',
    demo,
    client: { ...client, keysWithSpaces: true },
    secrets: [...secrets, client.adminApiKey, client.apiKey],
  };
}

interface Request {
  checkpoint: string;
  permissionId?: string;
  query: { after?: string; limit?: number; order?: Order; project_id?: string };
  projectIds: string[];
  maxItems: number;
  /** ckpt-perms' own --max-pages: the most pages list reads. */
  maxPages: number;
}

async function requestFrom(args: OfficialArgs, stdin: Stdin): Promise<Request> {
  const command = args.command!;
  const values = new Map<string, string>();
  for (const [flag, raw] of args.values) values.set(flag, await resolveValue(raw, flag, stdin));
  const projectIds: string[] = [];
  for (const raw of args.projectIds) projectIds.push(await resolveValue(raw, 'project-id', stdin));

  const required = (flag: string): string => {
    const value = values.get(flag);
    if (value === undefined) throw new OfficialUsageError(`Required flag "${flag}" not set`, command);
    return value;
  };
  // The official sends whatever it is given; ckpt-perms still refuses what must never be sent (a key in a URL,
  // control characters): the API would refuse those anyway.
  const checked = (value: string, problem: string | undefined) => {
    if (problem) throw new OfficialUsageError(problem, command);
    return value;
  };
  const checkpoint = checked(required('fine-tuned-model-checkpoint'), checkpointIdProblem(values.get('fine-tuned-model-checkpoint')!));
  const int = (flag: string) => (values.has(flag) ? Number(values.get(flag)!.trim()) : undefined);
  for (const flag of ['limit', 'max-items', 'max-pages']) {
    const value = values.get(flag);
    if (value !== undefined && !/^[+-]?\d+$/.test(value.trim())) {
      throw new OfficialUsageError(`invalid value "${value}" for flag -${flag}: parse error`, command);
    }
  }
  const maxPages = int('max-pages') ?? DEFAULT_MAX_PAGES;
  if (maxPages < 1) throw new OfficialUsageError(`--max-pages must be at least 1 (got ${maxPages})`, command);
  const plain = (flag: string) => {
    const value = values.get(flag);
    if (value !== undefined && (hasControlCharacters(value) || looksLikeKey(value))) {
      throw new OfficialUsageError(`--${flag}: the value contains control characters or looks like an API key`, command);
    }
    return value;
  };
  const request: Request = {
    checkpoint,
    query: { after: plain('after'), limit: int('limit'), order: plain('order') as Order | undefined, project_id: plain('project-id') },
    projectIds,
    maxItems: int('max-items') ?? -1,
    maxPages,
  };
  if (command === 'delete') {
    const id = required('permission-id');
    request.permissionId = checked(id, permissionIdProblem(id));
  }
  if (command === 'create') {
    // A YAML or JSON body piped in is merged, the flags winning. With --project-id given the flags win whatever it
    // says, so stdin is left alone: a `while read` loop around the command keeps its input.
    const body = projectIds.length === 0 ? await bodyFromStdin(stdin) : undefined;
    for (const key of Object.keys(body ?? {})) {
      if (key !== 'project_ids')
        throw new OfficialUsageError(`the body on standard input has "${key}": create takes only project_ids`, command);
    }
    if (projectIds.length === 0 && body?.project_ids !== undefined) {
      const fromBody = body.project_ids;
      if (!Array.isArray(fromBody) || fromBody.some((id) => typeof id !== 'string')) {
        throw new OfficialUsageError('project_ids on standard input must be a list of project ids', command);
      }
      projectIds.push(...(fromBody as string[]));
    }
    if (projectIds.length === 0) throw new OfficialUsageError('Required flag "project-id" not set', command);
    for (const id of projectIds) {
      if (hasControlCharacters(id) || looksLikeKey(id))
        throw new OfficialUsageError('--project-id: a value contains control characters or looks like an API key', command);
    }
  }
  return request;
}

/** What the observer saw last: the raw body of the page or answer just returned, the request of an error. */
interface Exchanges {
  last?: HeardResponse;
  /** The last request sent, answered or not (a network error names it). */
  sent?: SentRequest;
}

async function execute(settings: Settings, request: Request, proc: CliProcess, say: (line: string) => void): Promise<number> {
  const stdout = proc.stdout as Terminal;
  const env = proc.env;
  const seen: Exchanges = {};
  const debug = settings.debug ? debugLogger(proc.stderr, settings.secrets) : undefined;
  const observer = {
    request: (request: SentRequest) => {
      seen.sent = request;
      debug?.request(request);
    },
    response: (response: HeardResponse) => {
      seen.last = response;
      debug?.response(response);
    },
  };

  let format = settings.format;
  if (format === 'explore') {
    const stdin = (proc.stdin ?? process.stdin) as { isTTY?: boolean };
    if (stdout.isTTY && stdin.isTTY) return explore(settings, request, proc, observer, say);
    // Elsewhere the official falls back to json, warning only when --format was given.
    if (settings.formatGiven) say('warning: --format explore needs a terminal; printing json instead');
    format = 'json';
  }
  const title = `${GROUP} ${settings.command}`;
  const terminal = stdout.isTTY === true;
  const options = (chosen: Format): RenderOptions => ({
    format: chosen === 'auto' || chosen === 'explore' ? 'json' : chosen,
    colour: useColour(stdout, env) && chosen !== 'yaml',
    rawOutput: settings.rawOutput,
    terminal,
    title,
  });
  const sink = outputSink(stdout, env, settings.secrets, title, true);

  let client: Client | undefined;
  let closeDemo: (() => Promise<void>) | undefined;
  try {
    const made = await connect(settings, observer);
    client = made.client;
    closeDemo = made.close;
    await run(client, settings, request, seen, options(format), sink);
    await sink.end();
    return EXIT_OK;
  } catch (error) {
    await sink.end().catch(() => undefined);
    // Quitting the pager early is the reader's choice, as closing a pipe is.
    if (error instanceof PagerClosed) return EXIT_OK;
    if (error instanceof ApiError && seen.last && seen.last.status === error.status) {
      await printApiError(error, seen.last, settings, options(settings.formatError), proc, say);
      return EXIT_FAIL;
    }
    const where = seen.sent ? `${seen.sent.method} ${JSON.stringify(seen.sent.url.href)}: ` : '';
    say(`${where}${errorLine(error)}`);
    return EXIT_FAIL;
  } finally {
    await client?.close().catch(() => undefined);
    await closeDemo?.().catch(() => undefined);
  }
}

async function connect(settings: Settings, observer: ClientOptions['observer']): Promise<{ client: Client; close?: () => Promise<void> }> {
  if (!settings.demo) return { client: createClient({ ...settings.client, observer }) };
  const { startDemoServer } = await import('../../demo/server');
  const demo = await startDemoServer();
  const client = createClient({
    baseURL: demo.baseUrl,
    adminApiKey: demo.adminKey,
    apiKey: demo.apiKey,
    timeoutMs: settings.client.timeoutMs,
    maxRetries: settings.client.maxRetries,
    observer,
  });
  settings.secrets.push(demo.adminKey, demo.apiKey);
  return { client, close: () => demo.close() };
}

/** The answer as nodes: the body as received when it is what the client returned, else the client's value. */
function answerNode(value: unknown, seen: Exchanges): JsonNode {
  const text = seen.last?.text;
  if (text !== undefined && seen.last!.status >= 200 && seen.last!.status < 300) {
    try {
      const node = parseJson(text);
      if (JSON.stringify(toValue(node)) === JSON.stringify(value)) return node;
    } catch {
      // The client accepted it, so it parses; a difference means the client made the answer up (a re-read).
    }
  }
  return toNode(value);
}

function itemsOf(page: JsonNode): JsonNode[] {
  if (page.kind !== 'object') return [];
  const data = page.entries.find(([key]) => key === 'data')?.[1];
  return data?.kind === 'array' ? data.items : [];
}

async function run(
  client: Client,
  settings: Settings,
  request: Request,
  seen: Exchanges,
  options: RenderOptions,
  sink: Sink,
): Promise<void> {
  const emit = async (node: JsonNode, path: string | undefined) => sink.write(await render(transformed(node, path), options));
  // Documents one after another; YAML ones get a `---` between them so that a listing parses as a YAML stream (the
  // official writes them back to back, *inferred*, which no YAML reader takes as more than one document).
  let documents = 0;
  const emitItem = async (node: JsonNode) => {
    if (options.format === 'yaml' && documents > 0) await sink.write('---\n');
    documents++;
    await emit(node, settings.transform);
  };
  const { checkpoint, query } = request;
  switch (settings.command) {
    case 'retrieve':
      return emit(answerNode(await client.permissions.list(checkpoint, query), seen), settings.transform);
    case 'delete':
      return emit(answerNode(await client.permissions.delete(checkpoint, request.permissionId!), seen), settings.transform);
    case 'create': {
      // One answer, printed item by item. Unlike a listing, no further page is asked for: that would mean sending the
      // create again.
      const page = answerNode(await client.permissions.create(checkpoint, request.projectIds), seen);
      if (options.format === 'raw') return emit(page, settings.transform);
      const items = itemsOf(page);
      const max = request.maxItems < 0 ? items.length : Math.min(request.maxItems, items.length);
      for (const item of items.slice(0, max)) await emitItem(item);
      return;
    }
    case 'list': {
      // Every page (after=last_id while has_more), each item its own document; --limit is sent only when given.
      let after = query.after;
      const cursors = new Set<string>(after === undefined ? [] : [after]);
      let printed = 0;
      for (let pages = 0; ; pages++) {
        if (pages >= request.maxPages) throw new MaxPagesError(request.maxPages);
        const page = answerNode(await client.permissions.list(checkpoint, { ...query, after }), seen);
        if (options.format === 'raw') return emit(page, settings.transform);
        for (const item of itemsOf(page)) {
          if (request.maxItems >= 0 && printed >= request.maxItems) return;
          await emitItem(item);
          printed++;
        }
        if (request.maxItems >= 0 && printed >= request.maxItems) return;
        const value = toValue(page) as { has_more?: unknown; last_id?: unknown; data?: unknown[] };
        const next = typeof value.last_id === 'string' ? value.last_id : '';
        if (value.has_more !== true || !value.data?.length || next === '') return;
        if (cursors.has(next))
          throw new InvalidResponseError(`the server returned the cursor ${next} a second time: stopping to avoid a loop`);
        cursors.add(next);
        after = next;
      }
    }
  }
}

/** `METHOD "URL": STATUS Text` on stderr, the body's error object on stdout. */
async function printApiError(
  error: ApiError,
  response: HeardResponse,
  settings: Settings,
  options: RenderOptions,
  proc: CliProcess,
  say: (line: string) => void,
): Promise<void> {
  say(`${response.request.method} ${JSON.stringify(response.request.url.href)}: ${response.status} ${response.statusText}`);
  let node: JsonNode;
  try {
    const body = parseJson(response.text);
    node = (body.kind === 'object' && body.entries.find(([key]) => key === 'error')?.[1]) || body;
  } catch {
    node = toNode(error.apiMessage);
  }
  const sink = outputSink(proc.stdout as Terminal, proc.env, settings.secrets, `${GROUP} ${settings.command}`, false);
  await sink.write(await render(transformed(node, settings.transformError), options));
}

/** `--format explore` on a terminal: the change first (create, delete), then our table on that checkpoint. */
async function explore(
  settings: Settings,
  request: Request,
  proc: CliProcess,
  observer: ClientOptions['observer'],
  say: (line: string) => void,
): Promise<number> {
  if (settings.command === 'create' || settings.command === 'delete') {
    const { client, close } = await connect(settings, observer);
    try {
      if (settings.command === 'create') await client.permissions.create(request.checkpoint, request.projectIds);
      else await client.permissions.delete(request.checkpoint, request.permissionId!);
    } catch (error) {
      say(`ckpt-perms: ${errorLine(error)}`);
      return EXIT_FAIL;
    } finally {
      await client.close().catch(() => undefined);
      await close?.().catch(() => undefined);
    }
  }
  const { launchUi } = await import('../launch-ui');
  const c = settings.client;
  try {
    await launchUi(
      {
        kind: 'ui',
        checkpoint: request.checkpoint,
        order: request.query.order === 'ascending' || request.query.order === 'descending' ? request.query.order : undefined,
        common: {
          format: 'json',
          demo: settings.demo,
          demoAuditLog: true,
          connection: {
            adminApiKey: c.adminApiKey,
            apiKey: c.apiKey,
            baseURL: typeof c.baseURL === 'string' ? c.baseURL : undefined,
            organization: c.organization,
            project: c.project,
            timeoutMs: c.timeoutMs,
            maxRetries: c.maxRetries,
          },
        },
      },
      {
        env: proc.env,
        stdin: (proc.stdin ?? process.stdin) as NodeJS.ReadStream,
        stdout: proc.stdout as NodeJS.WriteStream,
        stderr: proc.stderr as NodeJS.WriteStream,
      },
    );
  } catch (error) {
    say(`ckpt-perms: ${errorLine(error)}`);
    return EXIT_FAIL;
  }
  return EXIT_OK;
}
