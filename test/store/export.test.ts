// Export of the open checkpoint to CSV, driven through the store against the real demo API; the file is read back.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Permission } from '../../src/api/types';
import { EXPORT_COLUMNS, exportFileName } from '../../src/ops/export';
import { parseCsv } from '../helpers/csv';
import { closeAll, harness, openAndSettle } from '../helpers/harness';

const temporary: string[] = [];
afterEach(async () => {
  await closeAll();
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('export', () => {
  const exportDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-perms-export-'));
    temporary.push(dir);
    return dir;
  };

  it('e writes every permission with its project to <checkpoint>.permissions.csv; the file reads back as the server has them', async () => {
    const dir = exportDir();
    const h = await harness({ exportDir: dir });
    await openAndSettle(h);
    const mark = h.demo.requests.length;
    const running = h.state().exportPermissions();
    expect(h.state().busy).toBe('export');
    await running;
    const file = join(dir, exportFileName(h.cp, 'csv'));
    expect(h.state().flash).toMatchObject({ tone: 'success', text: `Exported 137 permissions to ${file}` });
    expect(h.since(mark, 'POST') + h.since(mark, 'DELETE')).toBe(0);
    // Written whole, then renamed: no temporary file is left beside it.
    expect(readdirSync(dir)).toEqual([exportFileName(h.cp, 'csv')]);

    const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
    expect(header).toEqual(EXPORT_COLUMNS);
    const projects = new Map(h.demo.state.projects().map((p) => [p.id, p]));
    const expected = h
      .newestFirst()
      .map((p: Permission) => [
        p.id,
        p.project_id,
        projects.get(p.project_id)?.name ?? '',
        projects.get(p.project_id)?.status ?? '',
        new Date(p.created_at * 1000).toISOString(),
      ]);
    expect(rows).toEqual(expected);

    // A second export never replaces the first: it goes to `-2`, then `-3`, and the flash names each.
    await h.client.permissions.delete(h.cp, h.newestFirst()[0]!.id);
    await h.state().exportPermissions();
    const second = file.replace(/\.csv$/, '-2.csv');
    expect(h.state().flash).toMatchObject({ tone: 'success', text: `Exported 136 permissions to ${second}`, path: second });
    const [, ...again] = parseCsv(readFileSync(second, 'utf8'));
    expect(again).toEqual(expected.slice(1));
    const [, ...first] = parseCsv(readFileSync(file, 'utf8'));
    expect(first).toEqual(expected);
    await h.state().exportPermissions();
    expect(h.state().flash).toMatchObject({ path: file.replace(/\.csv$/, '-3.csv') });
    expect(readdirSync(dir).sort()).toEqual(
      [
        exportFileName(h.cp, 'csv'),
        exportFileName(h.cp, 'csv').replace(/\.csv$/, '-2.csv'),
        exportFileName(h.cp, 'csv').replace(/\.csv$/, '-3.csv'),
      ].sort(),
    );
  });

  it('a name taken by a link or a directory is left alone: the export goes to the next free name', async () => {
    const dir = exportDir();
    const h = await harness({ exportDir: dir });
    await openAndSettle(h);
    const name = exportFileName(h.cp, 'csv');
    const elsewhere = join(dir, 'elsewhere.txt');
    writeFileSync(elsewhere, 'keep me');
    symlinkSync(elsewhere, join(dir, name));
    mkdirSync(join(dir, name.replace(/\.csv$/, '-2.csv')));
    await h.state().exportPermissions();
    expect(h.state().flash).toMatchObject({ tone: 'success', path: join(dir, name.replace(/\.csv$/, '-3.csv')) });
    expect(readFileSync(elsewhere, 'utf8')).toBe('keep me');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a directory that cannot be written flashes the reason and leaves no file', async () => {
    const dir = exportDir();
    const missing = join(dir, 'no-such-directory');
    const h = await harness({ exportDir: missing });
    await openAndSettle(h);
    await h.state().exportPermissions();
    expect(h.state().flash).toMatchObject({
      tone: 'error',
      text: expect.stringMatching(/^Not exported: cannot write .*: no such file or directory \(ENOENT\)/),
    });
    expect(h.state().busy).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
  });
});
