// Deterministic demo data: an organization, its projects, fine-tuning jobs, their checkpoints and who may use them.
import type { FineTuningJob, JobCheckpoint, Permission, Project } from '../api/types';
import { base62, mulberry32, randInt, shuffle, uniqueIdMaker, type Rng } from './random';

/** Fixed "now" of the seed world (2026-01-05T09:00:00Z): seeding never reads the clock. */
export const SEED_BASE_TIME = Date.UTC(2026, 0, 5, 9, 0, 0) / 1000;
export const DEFAULT_PERMISSIONS = 137;
export const MAX_PERMISSIONS = 100_000;
export const REGULAR_PROJECT_COUNT = 180;
/** Organization sizes `--projects` accepts: enough for every seeded checkpoint, up to a very large organization. */
export const MIN_PROJECTS = 30;
export const MAX_PROJECTS = 100_000;
export const ORG_SLUG = 'acme-corp';
/** Fine-tuning jobs `--jobs` accepts: the four seeded ones at least, up to an organization that fine-tunes a lot. */
export const DEFAULT_JOBS = 4;
export const MAX_JOBS = 2_000;

const DAY = 86_400;
const HOUR = 3_600;

export interface SeededCheckpoint {
  id: string;
  /** Ascending by creation. */
  permissions: Permission[];
}

export interface DemoSeed {
  organizationId: string;
  /** Ascending by creation. */
  projects: Project[];
  /** Newest first. */
  jobs: FineTuningJob[];
  /** Per job id, highest step first. */
  jobCheckpoints: Map<string, JobCheckpoint[]>;
  /** Every checkpoint that can carry permissions: the primary one first, then by count, the empty one last. */
  checkpoints: SeededCheckpoint[];
  emptyCheckpoint: string;
}

// Project names are team × purpose (plus a region now and then), so a list of 180 reads like a real org.
const TEAMS = [
  'Support',
  'Billing',
  'Search',
  'Fraud',
  'Growth',
  'Risk',
  'Sales',
  'Marketing',
  'Legal',
  'Compliance',
  'Onboarding',
  'Payments',
  'Logistics',
  'Data Platform',
  'Mobile',
  'Trust & Safety',
  'People Ops',
  'Finance',
  'Security',
  'Partnerships',
  'Content',
  'Docs',
  'DevRel',
  'Product Analytics',
  'Claims',
  'Underwriting',
  'Recruiting',
  'Procurement',
  'Checkout',
  'Catalog',
];
const PURPOSES = [
  'Triage',
  'Insights',
  'Relevance',
  'Signals',
  'Assistant',
  'Summaries',
  'Classifier',
  'Copilot',
  'Evals',
  'Extraction',
  'Routing',
  'QA',
  'Forecasting',
  'Drafts',
  'Review',
  'Tagging',
  'Chatbot',
  'Translation',
];
const REGIONS = ['EU', 'US', 'APAC', 'LATAM'];
// Named first so the demo always shows the projects the jobs were trained for.
const FEATURED_NAMES = ['Support Triage', 'Billing Insights EU', 'Search Relevance', 'Fraud Signals'];
const ARCHIVED_COUNT = 6;

function projectNames(rng: Rng, count: number): string[] {
  const names = [...FEATURED_NAMES];
  const used = new Set(FEATURED_NAMES.map((n) => n.replace(/ (EU|US|APAC|LATAM)$/, '')));
  const combos = shuffle(
    rng,
    TEAMS.flatMap((team) => PURPOSES.map((purpose) => `${team} ${purpose}`)),
  );
  for (const base of combos) {
    if (names.length >= count) break;
    if (used.has(base)) continue;
    used.add(base);
    names.push(rng() < 0.2 ? `${base} ${REGIONS[randInt(rng, 0, REGIONS.length - 1)]}` : base);
  }
  return shuffle(rng, names);
}

function seedProjects(permissions: number, organizationSize: number): Project[] {
  const rng = mulberry32(0x0a11ce);
  const newProjectId = uniqueIdMaker(rng, 'proj_', 24);
  const names = projectNames(rng, Math.min(organizationSize, REGULAR_PROJECT_COUNT));
  // Created over the past ~14 months; distinct seconds keep "ascending by creation" unambiguous.
  const times = new Set<number>();
  while (times.size < names.length) times.add(SEED_BASE_TIME - randInt(rng, 4 * DAY, 420 * DAY));
  const sorted = [...times].sort((a, b) => a - b);
  const projects: Project[] = names.map((name, i) => ({
    id: newProjectId(),
    object: 'organization.project',
    name,
    created_at: sorted[i] as number,
    archived_at: null,
    status: 'active',
  }));
  // Archive a few older projects, none of the featured ones.
  const candidates = shuffle(
    rng,
    projects.slice(0, 150).filter((p) => !FEATURED_NAMES.includes(p.name ?? '')),
  );
  for (const project of candidates.slice(0, ARCHIVED_COUNT)) {
    project.status = 'archived';
    project.archived_at = project.created_at + randInt(rng, 7 * DAY, SEED_BASE_TIME - 2 * DAY - project.created_at);
  }
  // A larger organization (--projects) goes on from its own PRNG, so the first 180 stay the same at any size.
  if (organizationSize > projects.length) projects.push(...largeOrganization(organizationSize - projects.length, projects));
  // Load-test projects so that every permission of a large checkpoint has its own active project.
  const active = projects.filter((p) => p.status === 'active').length;
  const extra = Math.max(0, permissions - active);
  const loadRng = mulberry32(0x10ad);
  const newLoadId = uniqueIdMaker(loadRng, 'proj_', 24, new Set(projects.map((p) => p.id)));
  const organization = projects.length;
  for (let i = 0; i < extra; i++) {
    projects.push({
      id: newLoadId(),
      object: 'organization.project',
      name: `Load Test ${String(organization + i + 1).padStart(5, '0')}`,
      created_at: SEED_BASE_TIME - 2 * DAY + i,
      archived_at: null,
      status: 'active',
    });
  }
  return projects;
}

// Projects of a large organization beyond the first 180: team × purpose (a region now and then), numbered within each
// (`Search Relevance 7`), a few archived, created over the two days before the load-test projects.
const LARGE_ARCHIVED_SHARE = 0.02;

function largeOrganization(count: number, existing: Project[]): Project[] {
  const rng = mulberry32(0x5ca1e);
  const newId = uniqueIdMaker(rng, 'proj_', 24, new Set(existing.map((p) => p.id)));
  const seen = new Map<string, number>();
  const first = SEED_BASE_TIME - 4 * DAY + 1;
  const span = 2 * DAY - 2;
  const projects: Project[] = [];
  for (let i = 0; i < count; i++) {
    const team = TEAMS[randInt(rng, 0, TEAMS.length - 1)] as string;
    const purpose = PURPOSES[randInt(rng, 0, PURPOSES.length - 1)] as string;
    const region = rng() < 0.2 ? ` ${REGIONS[randInt(rng, 0, REGIONS.length - 1)]}` : '';
    const base = `${team} ${purpose}${region}`;
    const number = (seen.get(base) ?? 1) + 1;
    seen.set(base, number);
    // Distinct seconds, ascending: the API lists projects by creation.
    const createdAt = first + Math.floor((i * span) / count);
    const archived = rng() < LARGE_ARCHIVED_SHARE;
    projects.push({
      id: newId(),
      object: 'organization.project',
      name: `${base} ${number}`,
      created_at: createdAt,
      archived_at: archived ? createdAt + randInt(rng, 600, DAY) : null,
      status: archived ? 'archived' : 'active',
    });
  }
  return projects;
}

interface JobPlan {
  model: string;
  suffix: string;
  team: string;
  status: 'succeeded' | 'running';
  createdDaysAgo: number;
  durationSec: number;
  epochs: number;
  batchSize: number;
  lrMultiplier: number;
  stepsPerEpoch: number;
  tokensPerEpoch: number;
  startLoss: number;
}

// Oldest first; the first one's fine-tuned model is the demo's main, widely shared checkpoint.
const JOB_PLANS: JobPlan[] = [
  {
    model: 'gpt-4o-mini-2024-07-18',
    suffix: 'support-triage',
    team: 'support',
    status: 'succeeded',
    createdDaysAgo: 58,
    durationSec: 6_420,
    epochs: 3,
    batchSize: 8,
    lrMultiplier: 1.8,
    stepsPerEpoch: 412,
    tokensPerEpoch: 947_192,
    startLoss: 1.42,
  },
  {
    model: 'gpt-4.1-mini-2025-04-14',
    suffix: 'billing-insights',
    team: 'billing',
    status: 'succeeded',
    createdDaysAgo: 33,
    durationSec: 9_310,
    epochs: 4,
    batchSize: 4,
    lrMultiplier: 2,
    stepsPerEpoch: 250,
    tokensPerEpoch: 612_480,
    startLoss: 1.18,
  },
  {
    model: 'gpt-4o-2024-08-06',
    suffix: 'search-relevance',
    team: 'search',
    status: 'succeeded',
    createdDaysAgo: 9,
    durationSec: 12_980,
    epochs: 3,
    batchSize: 16,
    lrMultiplier: 1,
    stepsPerEpoch: 180,
    tokensPerEpoch: 1_305_664,
    startLoss: 0.96,
  },
  {
    model: 'gpt-4.1-mini-2025-04-14',
    suffix: 'fraud-signals',
    team: 'fraud',
    status: 'running',
    createdDaysAgo: 0.125,
    durationSec: 4 * HOUR,
    epochs: 3,
    batchSize: 8,
    lrMultiplier: 1.5,
    stepsPerEpoch: 300,
    tokensPerEpoch: 801_344,
    startLoss: 1.3,
  },
];

const round = (x: number, digits = 4): number => Number(x.toFixed(digits));

/** The id makers a job draws from: its own, its files' and its checkpoints'. */
interface JobIds {
  job: () => string;
  file: () => string;
  checkpoint: () => string;
}

/** One job of `plan`, with (succeeded) the checkpoints of its last three epochs, highest step first. */
function seedJob(rng: Rng, ids: JobIds, plan: JobPlan, organizationId: string): { job: FineTuningJob; checkpoints: JobCheckpoint[] } {
  const id = ids.job();
  const createdAt = Math.round(SEED_BASE_TIME - plan.createdDaysAgo * DAY);
  const done = plan.status === 'succeeded';
  const hyperparameters = { batch_size: plan.batchSize, learning_rate_multiplier: plan.lrMultiplier, n_epochs: plan.epochs };
  const base = `ft:${plan.model}:${ORG_SLUG}:${plan.suffix}`;
  const job: FineTuningJob = {
    object: 'fine_tuning.job',
    id,
    model: plan.model,
    created_at: createdAt,
    finished_at: done ? createdAt + plan.durationSec : null,
    fine_tuned_model: done ? `${base}:${base62(rng, 8)}` : null,
    organization_id: organizationId,
    result_files: done ? [ids.file()] : [],
    status: plan.status,
    validation_file: ids.file(),
    training_file: ids.file(),
    hyperparameters,
    trained_tokens: done ? plan.tokensPerEpoch * plan.epochs : null,
    error: null,
    integrations: [],
    seed: randInt(rng, 1, 2_147_483_646),
    estimated_finish: done ? null : createdAt + plan.durationSec,
    method: { type: 'supervised', supervised: { hyperparameters } },
    metadata: { team: plan.team, dataset: `${plan.suffix}-v${randInt(rng, 2, 7)}` },
  };
  const checkpoints: JobCheckpoint[] = [];
  if (!done) return { job, checkpoints };
  const totalSteps = plan.epochs * plan.stepsPerEpoch;
  for (let epoch = plan.epochs; epoch > plan.epochs - 3 && epoch >= 1; epoch--) {
    const step = epoch * plan.stepsPerEpoch;
    const progress = step / totalSteps;
    const trainLoss = plan.startLoss * (0.28 + 0.5 * (1 - progress)) + rng() * 0.03;
    const validLoss = trainLoss * (1.06 + rng() * 0.08);
    checkpoints.push({
      object: 'fine_tuning.job.checkpoint',
      id: ids.checkpoint(),
      created_at: createdAt + Math.round(plan.durationSec * progress) - 60,
      fine_tuned_model_checkpoint: `${base}:${base62(rng, 8)}:ckpt-step-${step}`,
      metrics: {
        step,
        train_loss: round(trainLoss),
        train_mean_token_accuracy: round(0.78 + 0.17 * progress + rng() * 0.02),
        valid_loss: round(validLoss),
        valid_mean_token_accuracy: round(0.75 + 0.16 * progress + rng() * 0.02),
        full_valid_loss: round(validLoss * (0.97 + rng() * 0.04)),
        full_valid_mean_token_accuracy: round(0.76 + 0.16 * progress + rng() * 0.015),
      },
      fine_tuning_job_id: id,
      step_number: step,
    });
  }
  return { job, checkpoints };
}

const BASE_MODELS = [
  'gpt-4o-mini-2024-07-18',
  'gpt-4.1-mini-2025-04-14',
  'gpt-4o-2024-08-06',
  'gpt-4.1-2025-04-14',
  'gpt-4.1-nano-2025-04-14',
];
const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/**
 * Plans of the jobs `--jobs` adds, each older than the one before, about two a day: team × purpose suffixes
 * (numbered from the second of a kind on), 1 to 3 checkpoints each.
 */
function* morePlans(rng: Rng): Generator<JobPlan, never> {
  const seen = new Map<string, number>();
  let daysAgo = JOB_PLANS[0]!.createdDaysAgo;
  for (;;) {
    const team = TEAMS[randInt(rng, 0, TEAMS.length - 1)] as string;
    const kind = `${slug(team)}-${slug(PURPOSES[randInt(rng, 0, PURPOSES.length - 1)] as string)}`;
    const number = (seen.get(kind) ?? 0) + 1;
    seen.set(kind, number);
    daysAgo += 0.2 + rng() * 0.6;
    const epochs = randInt(rng, 1, 4);
    yield {
      model: BASE_MODELS[randInt(rng, 0, BASE_MODELS.length - 1)] as string,
      suffix: number === 1 ? kind : `${kind}-${number}`,
      team: slug(team),
      status: 'succeeded',
      createdDaysAgo: daysAgo,
      durationSec: randInt(rng, 40, 240) * 60,
      epochs,
      batchSize: [4, 8, 16][randInt(rng, 0, 2)] as number,
      lrMultiplier: [0.5, 1, 1.5, 2][randInt(rng, 0, 3)] as number,
      stepsPerEpoch: randInt(rng, 20, 60) * 10,
      tokensPerEpoch: randInt(rng, 100_000, 2_000_000),
      startLoss: round(0.8 + rng() * 0.8, 2),
    };
  }
}

function seedJobs(organizationId: string, jobCount: number): { jobs: FineTuningJob[]; jobCheckpoints: Map<string, JobCheckpoint[]> } {
  const rng = mulberry32(0x0f7_10b5);
  const jobIds = new Set<string>();
  const fileIds = new Set<string>();
  const checkpointIds = new Set<string>();
  const ids: JobIds = {
    job: uniqueIdMaker(rng, 'ftjob-', 24, jobIds),
    file: uniqueIdMaker(rng, 'file-', 22, fileIds),
    checkpoint: uniqueIdMaker(rng, 'ftckpt_', 24, checkpointIds),
  };
  const jobs: FineTuningJob[] = [];
  const jobCheckpoints = new Map<string, JobCheckpoint[]>();
  const add = ({ job, checkpoints }: { job: FineTuningJob; checkpoints: JobCheckpoint[] }) => {
    jobs.push(job);
    jobCheckpoints.set(job.id, checkpoints);
  };
  for (const plan of JOB_PLANS) add(seedJob(rng, ids, plan, organizationId));
  // More jobs (--jobs) from their own PRNG, so the first four stay the same at any count; oldest last.
  const moreRng = mulberry32(0x70b5_0000);
  const moreIds: JobIds = {
    job: uniqueIdMaker(moreRng, 'ftjob-', 24, jobIds),
    file: uniqueIdMaker(moreRng, 'file-', 22, fileIds),
    checkpoint: uniqueIdMaker(moreRng, 'ftckpt_', 24, checkpointIds),
  };
  jobs.reverse();
  // One plan, then its job: the first N of them are the same whatever the count.
  const plans = morePlans(moreRng);
  for (let i = JOB_PLANS.length; i < jobCount; i++) add(seedJob(moreRng, moreIds, plans.next().value, organizationId));
  return { jobs, jobCheckpoints };
}

/** Grants `projects` access to a checkpoint at plausible times after both existed; ascending by creation. */
function seedPermissions(rng: Rng, newId: () => string, projects: Project[], checkpointCreatedAt: number): Permission[] {
  const latest = SEED_BASE_TIME - 600;
  const rows = projects.map((project) => {
    const earliest = Math.min(latest, Math.max(checkpointCreatedAt, project.created_at) + 600);
    return { project, created_at: randInt(rng, earliest, latest) };
  });
  rows.sort((a, b) => a.created_at - b.created_at);
  return rows.map((row) => ({ object: 'checkpoint.permission', id: newId(), created_at: row.created_at, project_id: row.project.id }));
}

// Permission counts of the other eleven checkpoints: [job index (oldest first), step rank (0 = the model itself, 1 = highest step), count].
const OTHER_CHECKPOINTS: [number, number, number][] = [
  [1, 0, 24],
  [0, 1, 12],
  [2, 1, 9],
  [1, 1, 7],
  [0, 2, 5],
  [1, 2, 4],
  [2, 2, 3],
  [0, 3, 2],
  [1, 3, 1],
  [2, 3, 1],
  [2, 0, 0],
];

/**
 * Builds the whole demo world; same `permissions`, `projects` and `jobCount` → byte-identical data. `projects` is the size of the
 * organization (default 180); a checkpoint with more `permissions` than it has active projects adds load-test projects.
 */
export function buildDemoSeed(
  permissions: number = DEFAULT_PERMISSIONS,
  projects: number = REGULAR_PROJECT_COUNT,
  jobCount: number = DEFAULT_JOBS,
): DemoSeed {
  if (!Number.isInteger(permissions) || permissions < 0 || permissions > MAX_PERMISSIONS) {
    throw new RangeError(`permissions must be an integer from 0 to ${MAX_PERMISSIONS}, got ${permissions}`);
  }
  if (!Number.isInteger(projects) || projects < MIN_PROJECTS || projects > MAX_PROJECTS) {
    throw new RangeError(`projects must be an integer from ${MIN_PROJECTS} to ${MAX_PROJECTS}, got ${projects}`);
  }
  if (!Number.isInteger(jobCount) || jobCount < DEFAULT_JOBS || jobCount > MAX_JOBS) {
    throw new RangeError(`jobs must be an integer from ${DEFAULT_JOBS} to ${MAX_JOBS}, got ${jobCount}`);
  }
  const organizationId = `org-demo${base62(mulberry32(0x0c0ffee), 16)}`;
  const organization = seedProjects(permissions, projects);
  const { jobs, jobCheckpoints } = seedJobs(organizationId, jobCount);
  // The four seeded jobs (the newest) carry the permissions; the jobs --jobs adds have checkpoints nobody uses yet.
  const oldestFirst = jobs.slice(0, DEFAULT_JOBS).reverse();
  const activeRegular = organization.slice(0, REGULAR_PROJECT_COUNT).filter((p) => p.status === 'active');
  const taken = new Set<string>();

  // Smaller checkpoints first, from their own PRNG, so they do not change with `permissions`.
  const otherRng = mulberry32(0x5a1ad);
  const newOtherId = uniqueIdMaker(otherRng, 'cp_', 24, taken);
  const others: SeededCheckpoint[] = OTHER_CHECKPOINTS.map(([jobIndex, rank, count]) => {
    const job = oldestFirst[jobIndex] as FineTuningJob;
    const ckpt = rank === 0 ? null : (jobCheckpoints.get(job.id) ?? [])[rank - 1];
    const id = ckpt ? ckpt.fine_tuned_model_checkpoint : (job.fine_tuned_model as string);
    const createdAt = ckpt ? ckpt.created_at : (job.finished_at as number);
    const chosen = shuffle(otherRng, [...activeRegular]).slice(0, count);
    return { id, permissions: seedPermissions(otherRng, newOtherId, chosen, createdAt) };
  });

  const primaryJob = oldestFirst[0] as FineTuningJob;
  const primaryRng = mulberry32(0x9e1_3a7);
  const active = organization.filter((p) => p.status === 'active');
  const chosen = shuffle(primaryRng, active).slice(0, permissions);
  const primary: SeededCheckpoint = {
    id: primaryJob.fine_tuned_model as string,
    permissions: seedPermissions(primaryRng, uniqueIdMaker(primaryRng, 'cp_', 24, taken), chosen, primaryJob.finished_at as number),
  };

  const empty = others[others.length - 1] as SeededCheckpoint;
  return {
    organizationId,
    projects: organization,
    jobs,
    jobCheckpoints,
    checkpoints: [primary, ...others],
    emptyCheckpoint: empty.id,
  };
}
