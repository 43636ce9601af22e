// Where the client's settings come from: flags first, then the environment the official SDKs read.
import type { ClientOptions } from './client';
import { clientCertificateFrom } from './mtls';

export interface ConnectionFlags {
  adminApiKey?: string;
  apiKey?: string;
  baseURL?: string;
  organization?: string;
  project?: string;
  timeoutMs?: number;
  maxRetries?: number;
  /** --max-pages: the most pages a walk reads. */
  maxPages?: number;
  /** Mutual TLS: the client certificate and its key (PEM files). */
  mtlsCertFile?: string;
  mtlsKeyFile?: string;
  /** Plain http:// to a host other than this machine (an internal gateway). */
  allowInsecureHttp?: boolean;
}

type Env = Record<string, string | undefined>;

const nonEmpty = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value);

export interface KeyRules {
  /**
   * When no admin key is given, the official CLI sends the `--api-key` / `OPENAI_API_KEY` key to the admin endpoints
   * too ('always', every command). The interactive UI does so only for a key shaped like an admin key
   * ('admin-shaped'): for a project key it asks for the admin key instead of failing with a 401 on its first screen.
   */
  adminFallback?: 'always' | 'admin-shaped';
}

export function clientOptionsFrom(flags: ConnectionFlags, env: Env, rules: KeyRules = {}): ClientOptions {
  const apiKey = flags.apiKey ?? nonEmpty(env.OPENAI_API_KEY);
  const fallback = rules.adminFallback === 'admin-shaped' && !apiKey?.trim().startsWith('sk-admin-') ? undefined : apiKey;
  return {
    // An admin key given either way (flag or environment) wins over the ordinary key.
    adminApiKey: flags.adminApiKey ?? nonEmpty(env.OPENAI_ADMIN_KEY) ?? fallback,
    apiKey,
    baseURL: flags.baseURL ?? nonEmpty(env.OPENAI_BASE_URL),
    organization: flags.organization ?? nonEmpty(env.OPENAI_ORG_ID),
    project: flags.project ?? nonEmpty(env.OPENAI_PROJECT_ID),
    timeoutMs: flags.timeoutMs,
    maxRetries: flags.maxRetries,
    allowInsecureHttp: flags.allowInsecureHttp,
    maxPages: flags.maxPages,
    tls: clientCertificateFrom(
      { cert: flags.mtlsCertFile ?? env.OPENAI_MTLS_CLIENT_CERT_FILE, key: flags.mtlsKeyFile ?? env.OPENAI_MTLS_CLIENT_KEY_FILE },
      flags.baseURL ?? nonEmpty(env.OPENAI_BASE_URL),
    ),
    proxy: {
      httpProxy: nonEmpty(env.HTTP_PROXY) ?? nonEmpty(env.http_proxy),
      httpsProxy: nonEmpty(env.HTTPS_PROXY) ?? nonEmpty(env.https_proxy),
      noProxy: nonEmpty(env.NO_PROXY) ?? nonEmpty(env.no_proxy),
    },
  };
}
