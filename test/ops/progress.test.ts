// The one progress bar, as the project view and `projects-access` draw it.
import { describe, expect, it } from 'vitest';
import { progressBar } from '../../src/ops/progress';

describe('progressBar', () => {
  it('fills in proportion, and is full when there is nothing to do', () => {
    expect(progressBar(0, 12)).toBe('[----------] 0/12');
    expect(progressBar(6, 12)).toBe('[#####-----] 6/12');
    expect(progressBar(12, 12)).toBe('[##########] 12/12');
    // Nothing to check is all checked: the command line and the UI once disagreed here.
    expect(progressBar(0, 0)).toBe('[##########] 0/0');
    expect(progressBar(9, 20, 20)).toBe('[#########-----------] 9/20');
  });

  it('never draws more cells than it has', () => {
    expect(progressBar(15, 12)).toBe('[##########] 15/12');
    expect(progressBar(-1, 12)).toBe('[----------] -1/12');
  });
});
