// Ends a run that included reliability tests with one line of figures:
// `faults survived: N/N · bad inputs refused: N/N · outcomes lost: 0 · keys leaked: 0 · false reports: 0`.
import type { Reporter, TestModule } from 'vitest/node';
import type { ReliabilityMeta } from './figures';

export default class ReliabilityFigures implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const tally = { fault: [0, 0], 'bad-input': [0, 0] } as Record<'fault' | 'bad-input', [number, number]>;
    let lost = 0;
    let leaked = 0;
    let falseReports = 0;
    let counted = 0;
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const meta = (test.meta() as { reliability?: ReliabilityMeta }).reliability;
        const state = test.result().state;
        if (!meta || state === 'skipped' || state === 'pending') continue;
        counted++;
        const passed = state === 'passed';
        if (meta.figure === 'fault' || meta.figure === 'bad-input') {
          tally[meta.figure][1]++;
          if (passed) tally[meta.figure][0]++;
        } else if (meta.figure === 'outcome') {
          // A failed outcome test that measured nothing still lost something: count it as one.
          lost += meta.lost ?? (passed ? 0 : 1);
        } else if (meta.figure === 'false-report') {
          falseReports += meta.falseReports ?? (passed ? 0 : 1);
        } else {
          leaked += meta.leaked ?? (passed ? 0 : 1);
        }
      }
    }
    if (counted === 0) return;
    const [survived, faults] = tally.fault;
    const [refused, inputs] = tally['bad-input'];
    process.stdout.write(
      `\nfaults survived: ${survived}/${faults} · bad inputs refused: ${refused}/${inputs} · outcomes lost: ${lost} · keys leaked: ${leaked} · false reports: ${falseReports}\n`,
    );
  }
}
