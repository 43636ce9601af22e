// Mutual TLS: the client certificate and key some gateways require, with the official CLI's checks.
import { readFileSync } from 'node:fs';
import { ConfigError } from './errors';
import type { ClientCertificate } from './http';

export interface CertificateFiles {
  /** --mtls-client-cert-file, else OPENAI_MTLS_CLIENT_CERT_FILE. */
  cert?: string;
  /** --mtls-client-key-file, else OPENAI_MTLS_CLIENT_KEY_FILE. */
  key?: string;
}

/**
 * The pair to present, read and checked before anything is sent: both files or neither, an explicit https base URL
 * (given, not the default), and a certificate that matches its private key (PEM).
 */
export function clientCertificateFrom(files: CertificateFiles, explicitBaseURL: string | undefined): ClientCertificate | undefined {
  const cert = files.cert?.trim() || undefined;
  const key = files.key?.trim() || undefined;
  if (!cert && !key) return undefined;
  if (!cert || !key) {
    throw new ConfigError(
      'mutual TLS needs both --mtls-client-cert-file and --mtls-client-key-file (or OPENAI_MTLS_CLIENT_CERT_FILE and OPENAI_MTLS_CLIENT_KEY_FILE)',
    );
  }
  if (!explicitBaseURL || !/^https:\/\//i.test(explicitBaseURL.trim())) {
    throw new ConfigError('mutual TLS needs an explicit https:// base URL (--base-url or OPENAI_BASE_URL)');
  }
  const read = (file: string, what: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError(`cannot read the client ${what} ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  };
  const pair = { cert: read(cert, 'certificate'), key: read(key, 'key') };
  // node:crypto costs a command some 50 ms to load: only mutual TLS reads it.
  const { X509Certificate, createPrivateKey } = process.getBuiltinModule('node:crypto');
  let matches: boolean;
  try {
    matches = new X509Certificate(pair.cert).checkPrivateKey(createPrivateKey(pair.key));
  } catch {
    throw new ConfigError(`the client certificate ${cert} and key ${key} must both be PEM files (a certificate and its private key)`);
  }
  if (!matches) throw new ConfigError(`the client certificate ${cert} does not match the private key ${key}`);
  return pair;
}
