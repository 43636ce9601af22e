// The list envelope every list operation of the demo answers with (permissions, projects, checkpoints, the audit log).
import type { ListEnvelope } from '../api/types';

export function envelope<T extends { id: string }>(data: T[], hasMore: boolean): ListEnvelope<T> {
  return { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data[data.length - 1]?.id ?? null, has_more: hasMore };
}
