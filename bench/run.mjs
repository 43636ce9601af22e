#!/usr/bin/env node
// npm run bench: how fast and lean ckpt-perms is, each figure a ratio to a baseline measured in the same
// session, alternately (A B A B …) so machine noise hits both sides. See bench/README.md.
//
//   node bench/run.mjs [--json] [--check] [--only version,startup,table,list,flip,memory,bulk,scale,walk,resume,jobs]
//
// Prints a table (or, with --json, one JSON object) of medians; exit code 0 even when a budget fails
// (it is a report) unless --check is given; 1 when a figure could not be measured at all.
// The figures are measured in bench/figures/ (a module a family, each a list of sections); this runs them in order.
import { existsSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import bulk from './figures/bulk.mjs';
import flip from './figures/flip.mjs';
import jobs from './figures/jobs.mjs';
import list from './figures/list.mjs';
import memory from './figures/memory.mjs';
import resume from './figures/resume.mjs';
import scale from './figures/scale.mjs';
import startup from './figures/startup.mjs';
import walk from './figures/walk.mjs';
import { cleanupAll } from './lib/cleanup.mjs';
import { ms, now, progress } from './lib/common.mjs';
import { createFigures, reportJson, reportTable } from './lib/report.mjs';
import { openSession } from './lib/session.mjs';
import { round } from './lib/stats.mjs';

const began = now();
const root = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(root, 'dist/cli.js');

/** Every section in the order it runs: { name, budgets of its figures, run(ctx) }. */
const plan = [...startup, ...list, ...flip, ...memory, ...bulk, ...scale, ...walk, ...resume, ...jobs];
const SECTIONS = plan.map((section) => section.name);

const { values: flags } = parseArgs({
  options: { json: { type: 'boolean' }, check: { type: 'boolean' }, only: { type: 'string' } },
});
const only = flags.only ? new Set(flags.only.split(',').map((s) => s.trim())) : new Set(SECTIONS);
for (const name of only) if (!SECTIONS.includes(name)) throw new Error(`--only: unknown section ${name} (one of ${SECTIONS.join(', ')})`);

// Ink (in this process for the in-process figures, and in the children) draws only the last frame
// when it thinks it runs in CI, and chalk drops colours when any CI variable is set.
for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) delete process.env[name];

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    progress(`${signal}: stopping every child and server`);
    void cleanupAll().then(() => process.exit(130));
  });
}

if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (npm run bench does)`);
// The binary measured: a rebuild during the run (someone else's npm run build) would mix two builds.
const cliAtStart = statSync(CLI);
const { figures, setFigure, failFigures } = createFigures(Object.assign({}, ...plan.map((section) => section.budgets)));

const sectionSeconds = {};
let measurementFailed = false;
try {
  const ctx = { ...(await openSession(root)), setFigure };
  for (const { name: section, budgets, run } of plan) {
    if (!only.has(section)) continue;
    progress(`${section}…`);
    const started = now();
    try {
      await run(ctx);
    } catch (error) {
      measurementFailed = true;
      progress(`${section} could not be measured: ${error?.stack ?? error}`);
      failFigures(Object.keys(budgets), error);
    }
    sectionSeconds[section] = round(ms(now() - started) / 1000, 1);
    progress(`${section} done in ${sectionSeconds[section]} s`);
  }
} finally {
  await cleanupAll();
}

const totalSeconds = round(ms(now() - began) / 1000, 1);
const budgeted = Object.values(figures).filter((f) => f.op !== 'report' || f.error);
const allPass = budgeted.every((f) => f.pass);
const cli = statSync(CLI);
const rebuilt = cli.mtimeMs !== cliAtStart.mtimeMs || cli.size !== cliAtStart.size;
const rebuiltWarning = 'warning: dist/cli.js was rebuilt during the run: the figures may mix two builds; run again';
if (rebuilt) progress(rebuiltWarning);
const report = {
  pass: allPass,
  total_seconds: totalSeconds,
  section_seconds: sectionSeconds,
  node: process.version,
  cpus: cpus().length,
  dist_cli: { bytes: cliAtStart.size, mtime: cliAtStart.mtime.toISOString(), rebuilt_during_run: rebuilt },
  figures,
};
process.stdout.write(`${flags.json ? reportJson(report) : reportTable(report, rebuiltWarning)}\n`);

process.exitCode = measurementFailed ? 1 : flags.check && !allPass ? 1 : 0;
