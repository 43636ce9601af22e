// Mutual TLS for the drop-in: a local HTTPS server that requires a client certificate signed by its own CA (made here
// with openssl) refuses ckpt-perms without the pair and answers with it; the official's checks come first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { GROUP, runOfficialCli } from '../helpers/official';

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasOpenssl) console.warn('mutual TLS tests skipped: openssl is not installed (it makes their certificates)');

const dir = mkdtempSync(join(tmpdir(), 'ckpt-mtls-'));
const file = (name: string) => join(dir, name);
const KEY = 'sk-admin-mtlsTestKeyQ7wErT9yUiOpAsDfGhJk';
const CHECKPOINT = 'ft:gpt-4o-mini-2024-07-18:acme:mtls:AbCd1234';
const PERMISSION = { object: 'checkpoint.permission', id: 'cp_mtls0000000000000000001', created_at: 1721764867, project_id: 'proj_mtls' };

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

/** A key and a certificate for `name`, signed by the test CA. */
function issue(name: string, subject: string, extensions: string): void {
  openssl(
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    subject,
  );
  writeFileSync(file(`${name}.ext`), extensions);
  openssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    `${name}.pem`,
    '-days',
    '2',
    '-extfile',
    `${name}.ext`,
  );
}

let server: Server;
let baseUrl: string;
/** The subject of each client certificate the server saw. */
const seen: string[] = [];

beforeAll(async () => {
  if (!hasOpenssl) return;
  openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=ckpt-perms test CA',
  );
  issue('server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  issue('client', '/CN=ckpt-perms client', 'extendedKeyUsage=clientAuth\n');
  issue('other', '/CN=someone else', 'extendedKeyUsage=clientAuth\n');
  server = createServer(
    {
      key: readFileSync(file('server.key')),
      cert: readFileSync(file('server.pem')),
      ca: readFileSync(file('ca.pem')),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      seen.push(String((req.socket as import('node:tls').TLSSocket).getPeerCertificate().subject?.CN ?? ''));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ object: 'list', data: [PERMISSION], first_id: PERMISSION.id, last_id: PERMISSION.id, has_more: false }));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `https://127.0.0.1:${(server.address() as { port: number }).port}/v1`;
}, 60_000);

afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
});

// The server's certificate is trusted through NODE_EXTRA_CA_CERTS, as a company CA would be.
const env = () => ({ OPENAI_BASE_URL: baseUrl, OPENAI_ADMIN_KEY: KEY, NODE_EXTRA_CA_CERTS: file('ca.pem') });
const list = (args: string[], extra: Record<string, string> = {}) =>
  runOfficialCli([GROUP, 'list', CHECKPOINT, '--max-retries', '0', ...args], { ...env(), ...extra });

describe.skipIf(!hasOpenssl)('mutual TLS', () => {
  it('without the client certificate the server refuses the connection: exit 1', async () => {
    const result = await list([]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/network error/);
  });

  it('with the pair, as flags or from the environment, the request goes through', async () => {
    const before = seen.length;
    const [flags, fromEnv] = await Promise.all([
      list(['--mtls-client-cert-file', file('client.pem'), '--mtls-client-key-file', file('client.key')]),
      list([], { OPENAI_MTLS_CLIENT_CERT_FILE: file('client.pem'), OPENAI_MTLS_CLIENT_KEY_FILE: file('client.key') }),
    ]);
    for (const result of [flags, fromEnv]) {
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(result.stdout)).toEqual(PERMISSION);
    }
    expect(seen.slice(before)).toEqual(['ckpt-perms client', 'ckpt-perms client']);
  });

  it("the official's checks, before anything is sent: both or neither, an explicit https base URL, a matching pair", async () => {
    const before = seen.length;
    const [certOnly, noBase, plainHttp, mismatch, notPem] = await Promise.all([
      list(['--mtls-client-cert-file', file('client.pem')]),
      runOfficialCli(
        [GROUP, 'list', CHECKPOINT, '--mtls-client-cert-file', file('client.pem'), '--mtls-client-key-file', file('client.key')],
        {
          OPENAI_ADMIN_KEY: KEY,
        },
      ),
      list([
        '--base-url',
        'http://127.0.0.1:9/v1',
        '--mtls-client-cert-file',
        file('client.pem'),
        '--mtls-client-key-file',
        file('client.key'),
      ]),
      list(['--mtls-client-cert-file', file('client.pem'), '--mtls-client-key-file', file('other.key')]),
      list(['--mtls-client-cert-file', file('client.csr'), '--mtls-client-key-file', file('client.key')]),
    ]);
    expect(certOnly.stderr).toMatch(/needs both --mtls-client-cert-file and --mtls-client-key-file/);
    expect(noBase.stderr).toMatch(/needs an explicit https:\/\/ base URL/);
    expect(plainHttp.stderr).toMatch(/needs an explicit https:\/\/ base URL/);
    expect(mismatch.stderr).toMatch(/does not match the private key/);
    expect(notPem.stderr).toMatch(/must both be PEM files/);
    for (const result of [certOnly, noBase, plainHttp, mismatch, notPem]) expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(seen.length).toBe(before);
  });
});

describe.skipIf(!hasOpenssl)('mutual TLS for our own commands', () => {
  it('list: refused without the pair (exit 1), answered with it (flags or environment); a half pair is exit 2, nothing sent', async () => {
    const before = seen.length;
    const pair = ['--mtls-client-cert-file', file('client.pem'), '--mtls-client-key-file', file('client.key')];
    const [without, flags, fromEnv, half] = await Promise.all([
      runCli(['list', CHECKPOINT, '--max-retries', '0'], env()),
      runCli(['list', CHECKPOINT, ...pair], env()),
      runCli(['list', CHECKPOINT], {
        ...env(),
        OPENAI_MTLS_CLIENT_CERT_FILE: file('client.pem'),
        OPENAI_MTLS_CLIENT_KEY_FILE: file('client.key'),
      }),
      runCli(['list', CHECKPOINT, '--mtls-client-key-file', file('client.key')], env()),
    ]);
    expect(without.code).toBe(1);
    for (const result of [flags, fromEnv]) {
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(result.stdout).data).toEqual([PERMISSION]);
    }
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/needs both --mtls-client-cert-file and --mtls-client-key-file/);
    expect(seen.slice(before)).toEqual(['ckpt-perms client', 'ckpt-perms client']);
  });
});
