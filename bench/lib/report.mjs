// The figures measured in a run, against their budgets, and the two ways they are printed: the table and --json.
import { round } from './stats.mjs';

/** A run's figures; `budgets` maps each figure's name to { op: '<=' | '=' | 'report', budget?, unit? }. */
export function createFigures(budgets) {
  const figures = {};
  function setFigure(name, value, detail, extra = {}) {
    const { op, budget, unit } = budgets[name];
    const pass = op === 'report' ? null : op === '=' ? value === budget : value <= budget;
    figures[name] = { value: round(value), op, budget: budget ?? null, unit: unit ?? 'ratio', pass, detail, ...extra };
  }
  function failFigures(names, error) {
    for (const name of names) {
      const { op, budget, unit } = budgets[name];
      figures[name] = { value: null, op, budget: budget ?? null, unit: unit ?? 'ratio', pass: false, error: String(error?.stack ?? error) };
    }
  }
  return { figures, setFigure, failFigures };
}

/** Pretty JSON, but arrays of numbers (the raw samples) on one line each. */
export function reportJson(report) {
  return JSON.stringify(report, null, 2).replace(
    /\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g,
    (_, inner) => `[${inner.split(/,\s*/).join(', ')}]`,
  );
}

/** One row a figure (value, budget, PASS/FAIL, how it was measured), then what is over budget. */
export function reportTable(report, rebuiltWarning) {
  const { figures } = report;
  const budgetText = (f) => (f.op === 'report' ? 'reported' : f.op === '=' ? `= ${f.budget}` : `≤ ${f.budget}`);
  const valueText = (f) =>
    f.value === null
      ? 'error'
      : f.unit === 'ms'
        ? `${f.value.toFixed(1)} ms`
        : f.op === '=' || f.unit === 'requests'
          ? String(f.value)
          : f.value.toFixed(3);
  const resultText = (f) => (f.error ? 'ERROR' : f.pass === null ? 'info' : f.pass ? 'PASS' : 'FAIL');
  const rows = Object.entries(figures).map(([name, f]) => [
    name,
    valueText(f),
    budgetText(f),
    resultText(f),
    f.error ? f.error.split('\n')[0] : f.detail,
  ]);
  const header = ['figure', 'value', 'budget', 'result', 'how'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ');
  return [
    `ckpt-perms bench · node ${report.node} · ${report.cpus} CPUs · ${report.total_seconds} s`,
    line(header),
    line(widths.map((w) => '─'.repeat(w))),
    ...rows.map(line),
    '',
    report.pass
      ? 'every budget holds'
      : `over budget: ${Object.entries(figures)
          .filter(([, f]) => f.pass === false)
          .map(([name]) => name)
          .join(', ')}`,
    ...(report.dist_cli.rebuilt_during_run ? [rebuiltWarning] : []),
  ].join('\n');
}
