// Export a checkpoint's permissions with project names: CSV that a spreadsheet cannot turn into formulas, or JSON.
import type { Client } from '../api/client';
import { escapeJsonForTerminal, sanitizeLine } from '../api/sanitize';
import type { Project } from '../api/types';
import { projectStatus, readDirectory, type DirectoryStore } from './directory';

export interface ExportRow {
  permission_id: string;
  project_id: string;
  project_name: string;
  project_status: string;
  /** ISO 8601, UTC. */
  created_at: string;
}

export const EXPORT_COLUMNS: (keyof ExportRow)[] = ['permission_id', 'project_id', 'project_name', 'project_status', 'created_at'];

/** Every permission of the checkpoint, newest first, with its project's name and status ('' when unknown). */
export async function exportRows(
  client: Client,
  checkpoint: string,
  options: { projects?: Map<string, Pick<Project, 'name' | 'status' | 'archived_at'>>; signal?: AbortSignal; cache?: DirectoryStore } = {},
): Promise<ExportRow[]> {
  // Sets: the rows are sorted here.
  const [permissions, projects] = await Promise.all([
    client.permissions.readAll(checkpoint, {}, { signal: options.signal }),
    options.projects ?? readDirectory(client, { signal: options.signal, cache: options.cache }),
  ]);
  return permissions
    .sort((a, b) => b.created_at - a.created_at || b.id.localeCompare(a.id))
    .map((p) => {
      const project = projects.get(p.project_id);
      return {
        permission_id: p.id,
        project_id: p.project_id,
        project_name: project?.name ?? '',
        project_status: project ? projectStatus(project) : '',
        created_at: new Date(p.created_at * 1000).toISOString(),
      };
    });
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, comma or line break. A cell a spreadsheet
 * would read as a formula (= + - @, or a tab or carriage return first) gets a leading apostrophe.
 * Names are data from the network: escape sequences, other control characters and bidi overrides
 * are dropped (tabs and line breaks stay), so the file is inert when shown in a terminal too.
 */
export function csvCell(value: string): string {
  // Line breaks stay (as \n: a bare carriage return would let a cell overwrite its line on a terminal).
  const clean = value
    .split(/(\r\n|\r|\n|\t)/)
    .map((part, i) => (i % 2 === 1 ? (part === '\t' ? part : '\n') : sanitizeLine(part)))
    .join('');
  const inert = /^[=+\-@\t\r\n]/.test(clean) ? `'${clean}` : clean;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

export function toCsv(rows: ExportRow[]): string {
  const lines = [EXPORT_COLUMNS.join(','), ...rows.map((row) => EXPORT_COLUMNS.map((column) => csvCell(row[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** export's JSON value: the checkpoint and its rows. */
export function exportDocument(checkpoint: string, rows: ExportRow[]) {
  return { fine_tuned_model_checkpoint: checkpoint, permissions: rows };
}

export function toJson(checkpoint: string, rows: ExportRow[]): string {
  // The same JSON value, with the characters a terminal would act on written as \uXXXX escapes.
  return `${escapeJsonForTerminal(JSON.stringify(exportDocument(checkpoint, rows), null, 2))}\n`;
}

/** `ft:gpt-4o-mini:org:name:abc` → `ft_gpt-4o-mini_org_name_abc.permissions.csv`: a file name safe everywhere. */
export function exportFileName(checkpoint: string, format: 'csv' | 'json'): string {
  const base =
    checkpoint
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(0, 200) || 'checkpoint';
  return `${base}.permissions.${format}`;
}
