// What the reliability suite's files share: a scripted loopback server, a free port, the leak scanner, the files a run wrote.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { execFile } from 'node:child_process';
import { Readable, Writable } from 'node:stream';
import { CLI, type CliResult } from '../helpers/cli';
import { testEnv } from '../helpers/env';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ScriptedServer {
  /** `http://HOST:PORT/v1` */
  baseUrl: string;
  origin: string;
  port: number;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export type Script = (req: SeenRequest, res: ServerResponse) => void;

/** A loopback HTTP server that answers with `script` and records every request (headers and body included). */
export async function scriptedServer(script: Script, host = '127.0.0.1', urlHost = host): Promise<ScriptedServer> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(seen);
      script(seen, res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://${urlHost}:${port}`;
  return {
    baseUrl: `${origin}/v1`,
    origin,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

/** Writes the API's error body. */
export function apiError(res: ServerResponse, status: number, message: string, extra: { code?: string; requestId?: string } = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': extra.requestId ?? 'req_scripted' });
  res.end(JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code: extra.code ?? null } }));
}

export function json(res: ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req_scripted' });
  res.end(JSON.stringify(body));
}

/** A loopback port nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

// ── bad input: one line, exit 2 ─────────────────────────────────────────────────────────────────────────────────────

/** A refused command line: exit 2, nothing on stdout, exactly one `ckpt-perms: …` line on stderr matching `message`, no stack. */
export function expectRefused(result: CliResult, message: RegExp): void {
  const shown = `exit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`;
  expect(result.code, shown).toBe(2);
  expect(result.stdout, shown).toBe('');
  const lines = result.stderr.split('\n');
  expect(lines, `one line on stderr\n${shown}`).toHaveLength(2);
  expect(lines[1]).toBe('');
  expect(lines[0], shown).toMatch(/^ckpt-perms: /);
  expect(lines[0], shown).toMatch(message);
  expect(result.stderr, 'no stack trace').not.toMatch(/^\s+at |Error:|node:internal/m);
}

// ── keys: the scanner ───────────────────────────────────────────────────────────────────────────────────────────────

/** The public prefix of an admin key: `sk-admin-` may always be shown, with the last 4 characters. */
const PUBLIC_PREFIX = /^sk-(?:admin-|proj-|svcacct-)?/;

/**
 * Where the secret part of `key` shows in `text`: every run of text in which any 8 consecutive characters of the key
 * after its public prefix appear counts once. The masked form (`sk-admin-…` and 4 characters) never counts; the whole
 * key, its distinctive middle or a long enough piece of it each count.
 */
export function keyOccurrences(text: string, key: string): number {
  const secret = key.replace(PUBLIC_PREFIX, '');
  const windows = new Set<string>();
  for (let i = 0; i + 8 <= secret.length; i++) windows.add(secret.slice(i, i + 8));
  let occurrences = 0;
  let coveredUntil = -1;
  for (let i = 0; i + 8 <= text.length; i++) {
    if (!windows.has(text.slice(i, i + 8))) continue;
    if (i > coveredUntil) occurrences++;
    coveredUntil = i + 8;
  }
  return occurrences;
}

/** Every regular file below `dir`, with its text and mode. */
export function filesUnder(dir: string): { path: string; text: string; mode: number }[] {
  const out: { path: string; text: string; mode: number }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push({ path, text: readFileSync(path, 'latin1'), mode: statSync(path).mode & 0o777 });
  }
  return out;
}

// ── hostile data ────────────────────────────────────────────────────────────────────────────────────────────────────

/** Terminal-active text a hostile API may send: a window title (OSC … BEL), clear screen, an OSC 8 link, 8-bit CSI, RTL override. */
export const HOSTILE = {
  title: '\u001b]0;pwned-title\u0007',
  clear: '\u001b[2J',
  link: '\u001b]8;;http://evil.example/\u001b\\click\u001b]8;;\u001b\\',
  c1: '\u009b31m',
  bidi: '\u202Egpj.exe',
} as const;

/** One string with all of them around visible words. */
export const HOSTILE_TEXT = `Evil${HOSTILE.title}Corp${HOSTILE.clear} ${HOSTILE.link} red${HOSTILE.c1}text ${HOSTILE.bidi}`;

const CONTROLS = [
  ['ESC', /\u001b/],
  ['BEL', /\u0007/],
  ['C0/C1 control', /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/],
  ['bidi control', /[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/],
] as const;

/** The characters a terminal acts on (tab and line breaks aside): none may come from API data. */
export function terminalControls(text: string): string[] {
  return CONTROLS.filter(([, pattern]) => pattern.test(text)).map(([what]) => what);
}

/** What a screen may not show of HOSTILE_TEXT (Ink's own SGR styling taken out first by the caller): its controls, and the words inside an OSC. */
export function terminalActive(text: string): string[] {
  const found: string[] = terminalControls(text);
  if (/pwned-title/.test(text)) found.push('the OSC title text');
  if (/evil\.example/.test(text)) found.push('the OSC 8 target');
  return found;
}

/** `runCli` with a working directory: the built binary as a child process with only `env` of OpenAI's settings. */
export function runCliIn(cwd: string, args: string[], env: Record<string, string> = {}, timeoutMs = 30_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd, env: testEnv(env), timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

/**
 * The command line in this process: `main` with its own streams and only `env` for an environment. It is what the
 * binary runs (src/cli/bin.ts adds only the crash handlers and the exit), at a fraction of a process start each, so
 * the long tables of bad input can afford a row per case; a few rows still go through the built binary.
 */
export async function runMain(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const { main } = await import('../../src/cli/main');
  const collect = () => {
    let text = '';
    const stream = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        text += chunk.toString();
        done();
      },
    });
    return { stream, text: () => text };
  };
  const stdout = collect();
  const stderr = collect();
  const stdin = Readable.from([]);
  const code = await main({ argv: args, env, stdout: stdout.stream, stderr: stderr.stream, stdin });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
