// Where the client's settings come from: flags first, then the environment the official SDKs read.
import type { ClientOptions } from './client';

export interface ConnectionFlags {
  adminApiKey?: string;
  apiKey?: string;
  baseURL?: string;
  organization?: string;
  timeoutMs?: number;
  maxRetries?: number;
}

type Env = Record<string, string | undefined>;

const nonEmpty = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value);

export function clientOptionsFrom(flags: ConnectionFlags, env: Env): ClientOptions {
  return {
    adminApiKey: flags.adminApiKey ?? nonEmpty(env.OPENAI_ADMIN_KEY),
    apiKey: flags.apiKey ?? nonEmpty(env.OPENAI_API_KEY),
    baseURL: flags.baseURL ?? nonEmpty(env.OPENAI_BASE_URL),
    organization: flags.organization ?? nonEmpty(env.OPENAI_ORG_ID),
    project: nonEmpty(env.OPENAI_PROJECT_ID),
    timeoutMs: flags.timeoutMs,
    maxRetries: flags.maxRetries,
    proxy: {
      httpProxy: nonEmpty(env.HTTP_PROXY) ?? nonEmpty(env.http_proxy),
      httpsProxy: nonEmpty(env.HTTPS_PROXY) ?? nonEmpty(env.https_proxy),
      noProxy: nonEmpty(env.NO_PROXY) ?? nonEmpty(env.no_proxy),
    },
  };
}
