// Export rows and their CSV/JSON: read back with a strict RFC 4180 reader and compared with the demo server's state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '../../src/api/client';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { csvCell, EXPORT_COLUMNS, exportFileName, exportRows, toCsv, toJson, type ExportRow } from '../../src/ops/export';
import { parseCsv } from '../helpers/csv';
import { archiveProject, expectedExportRows, renameProject } from '../helpers/demo-data';

let demo: DemoServer;
let client: Client;
let checkpoint: string;

// Each is a project name on the checkpoint; with what must come back out of the CSV.
const NAMES: [string, string][] = [
  ['He said "hi"', 'He said "hi"'],
  ['Sales, EMEA', 'Sales, EMEA'],
  ['two\nlines', 'two\nlines'],
  ['crlf\r\ninside', 'crlf\ninside'],
  ['=HYPERLINK("http://x.example","click")', `'=HYPERLINK("http://x.example","click")`],
  ['+1 555 0100', `'+1 555 0100`],
  ['-2+3', `'-2+3`],
  ['@SUM(A1:A9)', `'@SUM(A1:A9)`],
  ['\tTabbed', `'\tTabbed`],
  ['=1+1, "quoted"\nand more', `'=1+1, "quoted"\nand more`],
  ['ends with a comma,', 'ends with a comma,'],
  ['Plain name', 'Plain name'],
  // Network data meant for a terminal: the escape sequences and the bidi override go, the rest stays.
  ['Evil\u001b]0;pwned\u0007Name\u001b[2J\u202Eylno', 'EvilNameylno'],
];

beforeAll(async () => {
  demo = await startDemoServer();
  client = createClient({ baseURL: demo.baseUrl, adminApiKey: demo.adminKey, maxRetries: 0 });
  checkpoint = demo.checkpoints[1]!; // 24 permissions
  const permissions = demo.state.permissionsOf(checkpoint);
  NAMES.forEach(([name], i) => renameProject(demo, permissions[i]!.project_id, name));
  archiveProject(demo, permissions[NAMES.length]!.project_id);
});

afterAll(async () => {
  await client.close();
  await demo.close();
});

const byId = (rows: ExportRow[]) => [...rows].sort((a, b) => a.permission_id.localeCompare(b.permission_id));

describe('exportRows', () => {
  it('is every permission with its project name and status, newest first', async () => {
    const rows = await exportRows(client, checkpoint);
    expect(byId(rows)).toEqual(expectedExportRows(demo, checkpoint));
    expect(rows).toHaveLength(24);
    const times = rows.map((r) => Date.parse(r.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(rows.filter((r) => r.project_status === 'archived')).toHaveLength(1);
  });

  it('follows the cursors of a large checkpoint', async () => {
    const rows = await exportRows(client, demo.checkpoints[0]!);
    expect(byId(rows)).toEqual(expectedExportRows(demo, demo.checkpoints[0]!));
    expect(rows).toHaveLength(137);
  });
});

describe('toCsv', () => {
  it('reads back, cell for cell, as the rows: hostile names neutralised with a leading apostrophe and otherwise intact', async () => {
    const rows = await exportRows(client, checkpoint);
    const csv = toCsv(rows);
    const [header, ...records] = parseCsv(csv);
    expect(header).toEqual(EXPORT_COLUMNS);
    expect(records).toHaveLength(rows.length);

    const shownName = new Map(NAMES);
    const expected = rows.map((row) =>
      EXPORT_COLUMNS.map((column) => (column === 'project_name' ? (shownName.get(row.project_name) ?? row.project_name) : row[column])),
    );
    expect(records).toEqual(expected);

    // Every hostile name is among the rows, and came back as promised.
    const names = records.map((record) => record[2]);
    for (const [, shown] of NAMES) expect(names).toContain(shown);
    // Nothing a terminal would act on, anywhere in the file.
    expect(csv).not.toMatch(/[\u001b\u0007\u202e]|pwned/);
  });

  it('is only the header for a checkpoint nobody may use', async () => {
    const csv = toCsv(await exportRows(client, demo.emptyCheckpoint));
    expect(csv).toBe(`${EXPORT_COLUMNS.join(',')}\r\n`);
  });
});

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "x"', '"say ""x"""'],
    ['a\nb', '"a\nb"'],
    ['=cmd', `'=cmd`],
    ['+cmd', `'+cmd`],
    ['-cmd', `'-cmd`],
    ['@cmd', `'@cmd`],
    ['\tcmd', `'\tcmd`],
    ['\rcmd', `"'\ncmd"`],
    // A bare carriage return would let a cell overwrite its own line on a terminal: breaks become \n.
    ['a\rb', '"a\nb"'],
    ['a\r\nb', '"a\nb"'],
    ['=a,"b"', `"'=a,""b"""`],
    ['a=b', 'a=b'],
    ['x\u001b[31my\u009b1mz', 'xyz'],
    ['\u001b[2J=cmd', `'=cmd`],
  ])('%j → %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('toJson', () => {
  it('is the checkpoint and the rows, the same value back, with no raw character a terminal acts on', async () => {
    const rows = await exportRows(client, checkpoint);
    const json = toJson(checkpoint, rows);
    expect(JSON.parse(json)).toEqual({ fine_tuned_model_checkpoint: checkpoint, permissions: rows });
    expect(json).not.toMatch(/[\u001b\u0007\u202e]/);
    expect(json).toContain('\\u202e');
    expect(json.endsWith('}\n')).toBe(true);
  });
});

describe('exportFileName', () => {
  it('names a file after the checkpoint with only safe characters', () => {
    expect(exportFileName('ft:gpt-4o-mini:acme:x:abc', 'csv')).toBe('ft_gpt-4o-mini_acme_x_abc.permissions.csv');
    expect(exportFileName('../../etc/passwd', 'json')).toBe('etc_passwd.permissions.json');
    expect(exportFileName('::', 'csv')).toBe('checkpoint.permissions.csv');
  });
});
