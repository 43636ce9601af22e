// `ckpt-perms fine-tuning:checkpoints:permissions …`: the official openai CLI's commands, output and errors, so that
// `alias openai=ckpt-perms` keeps scripts working (../shared/design/OFFICIAL-CLI.md has the facts this follows).
import packageJson from '../../../package.json';
import { createClient, INSECURE_HTTP_WARNING, type Client, type ClientOptions } from '../../api/client';
import { clientOptionsFrom } from '../../api/config';
import { ApiError, ConfigError, errorLine } from '../../api/errors';
import { bodyOf, type HeardResponse, type SentRequest } from '../../api/http';
import { checkpointIdProblem, permissionIdProblem } from '../../api/ids';
import { followFromBothEnds, otherOrder, partOf } from '../../api/both-ends';
import { byLastId, DEFAULT_MAX_PAGES } from '../../api/paginate';
import { looksLikeKey } from '../../api/keys';
import { breaksHeader, hasControlCharacters } from '../../api/sanitize';
import type { ListEnvelope, Order } from '../../api/types';
import type { CliProcess } from '../process';
import { safeForStderr, secretsOf } from '../guard';
import {
  COMMAND_FLAGS,
  formatFrom,
  GROUP,
  OfficialUsageError,
  parseOfficial,
  ROOT,
  type Format,
  type OfficialArgs,
  type Subcommand,
} from './args';
import { parseGoInt } from './go';
import { officialHelp } from './help';
import { parseJson, toNode, type JsonNode } from './json';
import { debugLogger } from '../debug';
import { outputSink, PagerClosed, PagerFailed, render, transformed, useColour, type RenderOptions, type Sink } from './output';
import { flagText, pipedData, resolveValue, Stdin } from './values';

const EXIT_OK = 0;
const EXPLORE_WARNING = "Warning: Output format 'explore' not supported for non-terminal output; falling back to 'json'\n";
/** The official CLI exits 1 for everything that fails, usage errors included. */
const EXIT_FAIL = 1;

type Terminal = NodeJS.WritableStream & { isTTY?: boolean; rows?: number; columns?: number };

interface Settings {
  command: Subcommand;
  format: Format;
  formatGiven: boolean;
  formatError: Format;
  formatErrorGiven: boolean;
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
    return usage(error, stderr, secrets);
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
    if (error instanceof OfficialUsageError) return usage(error, stderr, secrets);
    if (error instanceof ConfigError) {
      say(`ckpt-perms: ${error.message}`);
      return EXIT_FAIL;
    }
    throw error;
  }
  return execute(settings, request, proc, say);
}

function usage(error: OfficialUsageError, stderr: NodeJS.WritableStream, secrets: (string | undefined)[]): number {
  // urfave: `Incorrect Usage: …`, a blank line, `Did you mean "--limit"?` and another; other errors as the message.
  const text = error.incorrect
    ? `Incorrect Usage: ${error.message}\n\n${error.suggestion ? `Did you mean ${JSON.stringify(error.suggestion)}?\n\n` : ''}`
    : `${error.message}\n`;
  stderr.write(
    text
      .split('\n')
      .map((line) => safeForStderr(line, secrets))
      .join('\n'),
  );
  return error.exitCode;
}

function settingsFrom(args: OfficialArgs, env: Record<string, string | undefined>, secrets: (string | undefined)[]): Settings {
  const g = args.global;
  const int = (name: string) => (g.has(name) ? Number(g.get(name)) : undefined);
  const transform = g.get('transform');
  const transformError = g.get('transform-error');
  const demo = g.get('demo') === 'true';
  const allowInsecureHttp = g.get('allow-insecure-http') === 'true';
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
    format: formatFrom(g.get('format')),
    formatGiven: g.has('format'),
    formatError: formatFrom(g.get('format-error')),
    formatErrorGiven: g.has('format-error'),
    transform,
    transformError,
    rawOutput: g.get('raw-output') === 'true',
    debug: g.get('debug') === 'true',
    demo,
    client: { ...client, keysWithSpaces: true, allowInsecureHttp, extraHeaders: customHeaders(env.OPENAI_CUSTOM_HEADERS) },
    secrets: [...secrets, client.adminApiKey, client.apiKey],
  };
}

/** OPENAI_CUSTOM_HEADERS: one `Name: value` a line, added to every request. */
function customHeaders(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined;
  const headers: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    // A name or value a header cannot carry is refused here rather than by the HTTP library mid-request.
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || breaksHeader(value)) {
      throw new ConfigError(`OPENAI_CUSTOM_HEADERS: the line for ${JSON.stringify(name.slice(0, 40))} is not a valid header`);
    }
    headers[name] = value;
  }
  return headers;
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

/**
 * The request as the official's flagOptions builds it: piped stdin's keys fill the path and query parameters not
 * given as flags (and, for create, the body, the flags winning), required flags are checked after that, and then
 * `@file` values are read for the query and the body, never for the path parameters.
 */
async function requestFrom(args: OfficialArgs, stdin: Stdin): Promise<Request> {
  const command = args.command!;
  const flags = COMMAND_FLAGS[command];
  const values = new Map(args.values);
  let projectIds: unknown[] = [...args.projectIds];
  let bodyProjectIds: unknown;

  const piped = await pipedData(stdin);
  if (piped !== undefined && piped !== null && typeof piped === 'object' && !Array.isArray(piped)) {
    const data = piped as Record<string, unknown>;
    for (const [flag, spec] of Object.entries(flags)) {
      const key = spec.path ?? spec.query;
      if (key === undefined || values.has(flag) || !(key in data)) continue;
      const text = flagText(data[key]);
      if (spec.kind === 'int') {
        const parsed = parseGoInt(text);
        if (typeof parsed === 'string') throw new OfficialUsageError(`cannot set flag "${flag}" from piped data: ${parsed}`);
        values.set(flag, parsed.toString());
      } else values.set(flag, text);
    }
    if (command === 'create') {
      const unknown = Object.keys(data).filter((key) => key !== 'project_ids' && key !== 'fine_tuned_model_checkpoint');
      if (unknown.length > 0) {
        throw new OfficialUsageError(`the body on standard input has ${JSON.stringify(unknown[0])}: create takes only project_ids`);
      }
      bodyProjectIds = data.project_ids;
    }
  } else if (piped !== undefined && command === 'create') {
    if (projectIds.length > 0) throw new OfficialUsageError(`Cannot merge flags with a body that is not a map: ${flagText(piped)}`);
    throw new OfficialUsageError('the body on standard input must be a mapping, like project_ids: [proj_a, proj_b]');
  }
  if (projectIds.length === 0 && bodyProjectIds !== undefined) {
    if (!Array.isArray(bodyProjectIds)) throw new OfficialUsageError('project_ids on standard input must be a list of project ids');
    projectIds = bodyProjectIds;
  }

  const missing = Object.entries(flags)
    .filter(([flag, spec]) => spec.required && (spec.kind === 'strings' ? projectIds.length === 0 : !values.has(flag)))
    .map(([flag]) => flag);
  if (missing.length > 0) {
    const what =
      missing.length === 1 ? `Required flag ${JSON.stringify(missing[0])}` : `Required flags ${JSON.stringify(missing.join(', '))}`;
    throw new OfficialUsageError(`${what} not set\nRun '${ROOT} ${GROUP} ${command} --help' for usage information`);
  }

  // The official sends whatever it is given; ckpt-perms still refuses what must never be sent (a key in a URL,
  // control characters): the API would refuse those anyway.
  const checked = (value: string, problem: string | undefined) => {
    if (problem) throw new OfficialUsageError(problem);
    return value;
  };
  const plain = async (flag: string) => {
    const raw = values.get(flag);
    if (raw === undefined) return undefined;
    const value = await resolveValue(raw, stdin);
    if (hasControlCharacters(value) || looksLikeKey(value)) {
      throw new OfficialUsageError(`--${flag}: the value contains control characters or looks like an API key`);
    }
    return value;
  };
  const int = (flag: string) => (values.has(flag) ? Number(values.get(flag)) : undefined);
  const maxPages = int('max-pages') ?? DEFAULT_MAX_PAGES;
  if (maxPages < 1) throw new OfficialUsageError(`--max-pages must be at least 1 (got ${maxPages})`);
  const checkpoint = checked(values.get('fine-tuned-model-checkpoint')!, checkpointIdProblem(values.get('fine-tuned-model-checkpoint')!));
  const request: Request = {
    checkpoint,
    query: {},
    projectIds: [],
    maxItems: int('max-items') ?? -1,
    maxPages,
  };
  if (command === 'list' || command === 'retrieve') {
    request.query = {
      after: await plain('after'),
      limit: int('limit'),
      order: (await plain('order')) as Order | undefined,
      project_id: await plain('project-id'),
    };
  }
  if (command === 'delete') {
    const id = values.get('permission-id')!;
    request.permissionId = checked(id, permissionIdProblem(id));
  }
  if (command === 'create') {
    for (const id of projectIds) {
      if (typeof id !== 'string') throw new OfficialUsageError('project_ids must be a list of project ids (strings)');
      const value = await resolveValue(id, stdin);
      if (hasControlCharacters(value) || looksLikeKey(value))
        throw new OfficialUsageError('--project-id: a value contains control characters or looks like an API key');
      request.projectIds.push(value);
    }
  }
  return request;
}

/** What the observer saw last: the answer of an error, the request it was for. */
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

  if (settings.client.allowInsecureHttp) {
    say(INSECURE_HTTP_WARNING);
  }
  let format = settings.format;
  if (format === 'explore') {
    const stdin = (proc.stdin ?? process.stdin) as { isTTY?: boolean };
    if (stdout.isTTY && stdin.isTTY) return explore(settings, request, proc, observer, say);
    // Elsewhere the official falls back to json, warning only when --format was given.
    if (settings.formatGiven && !stdout.isTTY) proc.stderr.write(EXPLORE_WARNING);
    format = 'json';
  }
  const terminal = stdout.isTTY === true;
  const options = (chosen: Format, title: string, rawOutput: boolean): RenderOptions => ({
    format: chosen === 'auto' || chosen === 'explore' ? 'json' : chosen,
    colour: useColour(stdout, env) && chosen !== 'yaml',
    rawOutput,
    terminal,
    title,
    columns: terminal ? stdout.columns || 80 : 80,
    secrets: settings.secrets,
  });
  const title = `${GROUP} ${settings.command}`;
  // The official pages only list and create, whose items come one by one; never raw (one body) or yaml.
  const paging = (settings.command === 'list' || settings.command === 'create') && format !== 'raw' && format !== 'yaml';
  const sink = outputSink(stdout, env, settings.secrets, title, paging);

  let client: Client | undefined;
  let closeDemo: (() => Promise<void>) | undefined;
  try {
    const made = await connect(settings, observer);
    client = made.client;
    closeDemo = made.close;
    await run(client, settings, request, options(format, title, settings.rawOutput), sink);
    await sink.end();
    return EXIT_OK;
  } catch (error) {
    const ended = await sink.end().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    // Quitting the pager early is the reader's choice, as closing a pipe is; the pager's own failure is not.
    if (error instanceof PagerClosed && !(ended instanceof PagerFailed)) return EXIT_OK;
    if (error instanceof PagerClosed) {
      say((ended as PagerFailed).message);
      return EXIT_FAIL;
    }
    if (error instanceof PagerFailed) {
      say(error.message);
      return EXIT_FAIL;
    }
    if (error instanceof ApiError && seen.last && seen.last.status === error.status) {
      // The error object: titled Error, and -r never applies to it.
      const explore = settings.formatError === 'explore';
      const errorOptions = options(explore ? 'json' : settings.formatError, 'Error', false);
      await printApiError(seen.last, settings, errorOptions, proc, say, explore && settings.formatErrorGiven && !stdout.isTTY);
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

/** The answer as nodes: the body as received (key order, number spelling), else the client's value (one it made up). */
function answerNode(value: unknown): JsonNode {
  const text = bodyOf(value);
  if (text !== undefined) {
    try {
      return parseJson(text);
    } catch {
      // The client accepted it, so it parses.
    }
  }
  return toNode(value);
}

/** A page's items as the server wrote them; a part of one (a walk from both ends) as the walk gives it. */
function itemNodes(page: ListEnvelope<unknown>): JsonNode[] {
  const part = partOf(page);
  if (!part) return itemsOf(answerNode(page));
  const items = itemsOf(answerNode(part.source)).slice(part.from, part.to);
  return part.reversed ? items.reverse() : items;
}

function itemsOf(page: JsonNode): JsonNode[] {
  if (page.kind !== 'object') return [];
  const data = page.entries.find(([key]) => key === 'data')?.[1];
  return data?.kind === 'array' ? data.items : [];
}

async function run(client: Client, settings: Settings, request: Request, options: RenderOptions, sink: Sink): Promise<void> {
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
  const raw = { keepBody: true };
  switch (settings.command) {
    case 'retrieve':
      return emit(answerNode(await client.permissions.list(checkpoint, query, raw)), settings.transform);
    case 'delete':
      return emit(answerNode(await client.permissions.delete(checkpoint, request.permissionId!, raw)), settings.transform);
    case 'create': {
      // One answer, printed item by item. Unlike a listing, no further page is asked for: that would mean sending the
      // create again.
      const page = answerNode(await client.permissions.create(checkpoint, request.projectIds, raw));
      if (options.format === 'raw') return emit(page, settings.transform);
      const items = itemsOf(page);
      const max = request.maxItems < 0 ? items.length : Math.min(request.maxItems, items.length);
      for (const item of items.slice(0, max)) await emitItem(item);
      return;
    }
    case 'list': {
      // Ordered: every page in the API's order (after=last_id while has_more), each item its own document, printed as
      // the API wrote it; --limit is sent only when given, and the same on every page. All of them (no --max-items, no
      // --limit, no --after) are read from both ends at once, the far half printed last.
      let printed = 0;
      const full = () => request.maxItems >= 0 && printed >= request.maxItems;
      const reader = (asked: typeof query) => (after: string | undefined, limit: number | undefined) =>
        client.permissions.list(checkpoint, { ...asked, after, limit }, raw);
      const pages = followFromBothEnds(
        reader(query),
        reader({ ...query, order: otherOrder(query.order) }),
        byLastId,
        { after: query.after, limit: query.limit },
        { limitAsGiven: true, maxPages: request.maxPages, bothEnds: request.maxItems < 0 && options.format !== 'raw' },
      );
      for await (const page of pages) {
        if (options.format === 'raw') return emit(answerNode(page), settings.transform);
        for (const item of itemNodes(page)) {
          if (full()) return;
          await emitItem(item);
          printed++;
        }
        if (full()) return;
      }
    }
  }
}

/** `METHOD "URL": STATUS Text` on stderr; the body's `error` object on stdout (nothing when it has none). */
async function printApiError(
  response: HeardResponse,
  settings: Settings,
  options: RenderOptions,
  proc: CliProcess,
  say: (line: string) => void,
  warnExplore: boolean,
): Promise<void> {
  say(`${response.request.method} ${JSON.stringify(response.request.url.href)}: ${response.status} ${response.statusText}`);
  if (warnExplore) proc.stderr.write(EXPLORE_WARNING);
  let node: JsonNode | undefined;
  try {
    const body = parseJson(response.text);
    node = body.kind === 'object' ? body.entries.find(([key]) => key === 'error')?.[1] : undefined;
  } catch {
    node = undefined;
  }
  if (node === undefined) return;
  const sink = outputSink(proc.stdout as Terminal, proc.env, settings.secrets, options.title, false);
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
            allowInsecureHttp: c.allowInsecureHttp,
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
