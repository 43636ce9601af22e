// The table's footer offers only the keys that apply (issue 28 item 8), the last page from the end included (G).
import { describe, expect, it } from 'vitest';
import type { PageView } from '../../src/store/data';
import { tableHints } from '../../src/ui/screens/TableScreen';

const row = { id: 'cp_a', object: 'checkpoint.permission' as const, created_at: 1, project_id: 'proj_a' };
const page = (over: Partial<PageView>): PageView => ({ rows: [row], pageNumber: 1, firstRow: 1, lastRow: 1, hasMore: false, ...over });

describe('tableHints', () => {
  it('on the first page of several: → but not ←', () => {
    expect(tableHints({ page: page({ hasMore: true }) }).off).toEqual(['previousPage']);
  });

  it('on the last page opened with G (numbered from the end, rows nearer the start remain): ← but not →', () => {
    expect(tableHints({ page: page({ fromEnd: true, hasPrevious: true }) }).off).toEqual(['nextPage']);
  });

  it('on an empty checkpoint: no paging, nothing to mark or revoke', () => {
    expect(tableHints({ page: page({ rows: [], lastRow: 0 }) }).off).toEqual(['nextPage', 'previousPage', 'mark', 'revoke']);
  });
});
