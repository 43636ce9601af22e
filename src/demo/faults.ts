// Fault injection: which requests the demo server answers badly, drawn from a seeded PRNG so runs repeat.
import { mulberry32, type Rng } from './random';

export const FAULT_KINDS = [
  '429',
  '500',
  '502',
  '503',
  '504',
  'reset',
  'malformed',
  'html',
  'empty',
  'hang',
  'reset-after',
  'hang-after',
] as const;
/** Faults that carry the request out before failing to answer: the client cannot know it was done. */
export const APPLIED_FAULTS: readonly FaultKind[] = ['reset-after', 'hang-after'];
export type FaultKind = (typeof FAULT_KINDS)[number];
/** Per-request probability of each fault kind; the total is at most 1. */
export type FaultRates = Partial<Record<FaultKind, number>>;

/** Options for a one-off injected fault; the retry headers only matter to faults that answer. */
export interface InjectFaultOptions {
  count?: number;
  /** Value of `retry-after` (a 429 sends "1" when neither is given); "" sends no `retry-after`. */
  retryAfter?: string;
  /** Value of `retry-after-ms`. */
  retryAfterMs?: string;
  /** Only requests with this method get it (others pass it by): a test can aim at the DELETEs of a batch. */
  method?: string;
  /** Only requests whose path (decoded, after /v1) starts with this, e.g. `/organization/projects`. */
  path?: string;
}

/** The retry headers a fault that answers sends: by default `retry-after: 1` on a 429 and none on the others. */
export type RetryHeaders = Pick<InjectFaultOptions, 'retryAfter' | 'retryAfterMs'>;

/** One decided fault for one request. */
export interface FaultDecision {
  kind: FaultKind;
  retryAfter?: string;
  retryAfterMs?: string;
}

export const DEFAULT_FAULT_SEED = 0x5eed_f417;

export function isFaultKind(value: string): value is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(value);
}

// A probability written as a plain decimal: "0.2", ".05", "1", "0".
const PROBABILITY = /^(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Parses "429:0.2,500:0.1,reset:0.05"; throws an Error naming the bad part. An empty spec means no faults. */
export function parseFaultSpec(spec: string): FaultRates {
  const rates: FaultRates = {};
  if (spec.trim() === '') return rates;
  for (const rawPart of spec.split(',')) {
    const part = rawPart.trim();
    const colon = part.indexOf(':');
    if (colon <= 0 || colon !== part.lastIndexOf(':')) {
      throw new Error(`Bad fault spec part "${part}": expected KIND:PROBABILITY, e.g. "429:0.2"`);
    }
    const kind = part.slice(0, colon).trim();
    const value = part.slice(colon + 1).trim();
    if (!isFaultKind(kind)) {
      throw new Error(`Unknown fault kind "${kind}" in "${part}": expected one of ${FAULT_KINDS.join(', ')}`);
    }
    if (kind in rates) throw new Error(`Fault kind "${kind}" is given twice in "${spec}"`);
    if (!PROBABILITY.test(value)) {
      throw new Error(`Bad probability "${value}" in "${part}": expected a number between 0 and 1`);
    }
    rates[kind] = Number(value);
  }
  return validateFaultRates(rates);
}

/** Checks an object form (each value a number in 0..1, total at most 1) and returns a clean copy. */
export function validateFaultRates(rates: FaultRates): FaultRates {
  const clean: FaultRates = {};
  let total = 0;
  for (const [kind, p] of Object.entries(rates)) {
    if (!isFaultKind(kind)) throw new Error(`Unknown fault kind "${kind}": expected one of ${FAULT_KINDS.join(', ')}`);
    if (p === undefined) continue;
    if (typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > 1) {
      throw new Error(`Probability for fault "${kind}" must be between 0 and 1, got ${String(p)}`);
    }
    clean[kind] = p;
    total += p;
  }
  // The epsilon forgives float sums such as 0.7 + 0.2 + 0.1.
  if (total > 1 + 1e-9) throw new Error(`Fault probabilities add up to ${Number(total.toFixed(6))}, which is more than 1`);
  return clean;
}

/** Accepts either form of a fault spec. */
export function toFaultRates(spec: string | FaultRates): FaultRates {
  return typeof spec === 'string' ? parseFaultSpec(spec) : validateFaultRates(spec);
}

/** Decides, request by request, which fault (if any) to apply: injected ones first, then random draws. */
export class FaultPlan {
  private rates: FaultRates = {};
  private readonly queue: (FaultDecision & { method?: string; path?: string })[] = [];
  private readonly rng: Rng;

  /** `retry`: the headers of the random faults (injected ones say their own). */
  constructor(
    rates: string | FaultRates = {},
    seed: number = DEFAULT_FAULT_SEED,
    private readonly retry: RetryHeaders = {},
  ) {
    this.rng = mulberry32(seed);
    this.setRates(rates);
  }

  setRates(spec: string | FaultRates): void {
    this.rates = toFaultRates(spec);
  }

  inject(kind: FaultKind, options: InjectFaultOptions = {}): void {
    if (!isFaultKind(kind)) throw new Error(`Unknown fault kind "${String(kind)}"`);
    const count = options.count ?? 1;
    if (!Number.isInteger(count) || count < 0) throw new Error(`Fault count must be a non-negative integer, got ${count}`);
    for (let i = 0; i < count; i++) {
      const decision: FaultDecision = { kind };
      if (options.retryAfter !== undefined) decision.retryAfter = options.retryAfter;
      if (options.retryAfterMs !== undefined) decision.retryAfterMs = options.retryAfterMs;
      this.queue.push({ ...decision, method: options.method?.toUpperCase(), path: options.path });
    }
  }

  /** The fault for the next request, or null to answer normally. Draws exactly one number when rates are set. */
  next(method?: string, path?: string): FaultDecision | null {
    const index = this.queue.findIndex(
      (queued) =>
        (queued.method === undefined || queued.method === method) && (queued.path === undefined || path?.startsWith(queued.path) === true),
    );
    if (index >= 0) {
      const [{ method: _method, path: _path, ...injected }] = this.queue.splice(index, 1) as [
        FaultDecision & { method?: string; path?: string },
      ];
      return injected;
    }
    const kinds = FAULT_KINDS.filter((k) => (this.rates[k] ?? 0) > 0);
    if (kinds.length === 0) return null;
    const u = this.rng();
    let edge = 0;
    for (const kind of kinds) {
      edge += this.rates[kind] ?? 0;
      if (u < edge) return { kind, ...this.retry };
    }
    return null;
  }
}
