// Every flag ckpt-perms' own commands know, once: its type for node:util parseArgs, and the groups commands share.
export const FLAGS = {
  'fine-tuned-model-checkpoint': { type: 'string' },
  after: { type: 'string' },
  limit: { type: 'string' },
  order: { type: 'string' },
  'project-id': { type: 'string', multiple: true },
  'max-items': { type: 'string' },
  'max-pages': { type: 'string' },
  'permission-id': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  prune: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  yes: { type: 'boolean' },
  checkpoint: { type: 'string', multiple: true },
  output: { type: 'string' },
  since: { type: 'string' },
  file: { type: 'string', short: 'f' },
  'exit-code': { type: 'boolean' },
  strict: { type: 'boolean' },
  port: { type: 'string' },
  permissions: { type: 'string' },
  projects: { type: 'string' },
  jobs: { type: 'string' },
  latency: { type: 'string' },
  faults: { type: 'string' },
  'page-size': { type: 'string' },
  'no-cache': { type: 'boolean' },
  'no-mouse': { type: 'boolean' },
  'admin-api-key': { type: 'string' },
  'api-key': { type: 'string' },
  'base-url': { type: 'string' },
  organization: { type: 'string' },
  project: { type: 'string' },
  'mtls-client-cert-file': { type: 'string' },
  'mtls-client-key-file': { type: 'string' },
  'allow-insecure-http': { type: 'boolean' },
  debug: { type: 'boolean' },
  timeout: { type: 'string' },
  'max-retries': { type: 'string' },
  format: { type: 'string' },
  demo: { type: 'boolean' },
  'no-audit-log': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export type OptionName = keyof typeof FLAGS;

/** The flags' values as parseArgs reads them. */
export type Values = {
  [K in keyof typeof FLAGS]?: (typeof FLAGS)[K] extends { type: 'boolean' }
    ? boolean
    : (typeof FLAGS)[K] extends { multiple: true }
      ? string[]
      : string;
};

/** Flags with a numeric value: `--max-items -1` is read as the value -1, not as an option. */
export const NUMERIC: readonly OptionName[] = [
  'limit',
  'max-items',
  'max-pages',
  'timeout',
  'max-retries',
  'port',
  'permissions',
  'projects',
  'jobs',
  'latency',
  'page-size',
];

/** Where to connect and as whom: what --demo replaces with its own. */
export const CONNECTION = [
  'admin-api-key',
  'api-key',
  'base-url',
  'organization',
  'project',
  'mtls-client-cert-file',
  'mtls-client-key-file',
  'allow-insecure-http',
] as const satisfies readonly OptionName[];

/** What every command but demo-server takes. */
export const GLOBAL: readonly OptionName[] = [
  ...CONNECTION,
  'debug',
  'timeout',
  'max-retries',
  'format',
  'demo',
  'no-audit-log',
  'help',
  'version',
];
