// Export on screen: e writes the CSV and the flash names the file.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportFileName } from '../../src/ops/export';
import { openTable, startUi, type UiHarness } from './render';

let ui: UiHarness | undefined;
const temporary: string[] = [];
afterEach(async () => {
  await ui?.close();
  ui = undefined;
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('export', () => {
  it('e writes the CSV and the flash names the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-perms-export-'));
    temporary.push(dir);
    ui = await startUi({ exportDir: dir, size: { columns: 180, rows: 20 } });
    const checkpoint = ui.demo.checkpoints[1]!;
    await openTable(ui, checkpoint);
    await ui.press('e');
    const file = join(dir, exportFileName(checkpoint, 'csv'));
    const frame = await ui.waitForText('Exported 24 permissions to');
    expect(frame).toContain(`Exported 24 permissions to ${file}`);
    expect(readFileSync(file, 'utf8').trimEnd().split('\r\n')).toHaveLength(25);
  });

  it('at 80 columns the flash shows the file’s name whole: the directory is what is cut', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-perms-export-'));
    temporary.push(dir);
    ui = await startUi({ exportDir: dir, size: { columns: 80, rows: 24 } });
    const checkpoint = ui.demo.checkpoints[1]!;
    await openTable(ui, checkpoint);
    await ui.press('e');
    const name = exportFileName(checkpoint, 'csv');
    const frame = await ui.waitForText('.permissions.csv');
    expect(frame).toContain(name);
    expect(existsSync(join(dir, name))).toBe(true);
  });

  it('at 120 columns the flash keeps its words and the name, and cuts the directory in its middle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-perms-export-a-rather-long-directory-name-for-the-exports-'));
    temporary.push(dir);
    ui = await startUi({ exportDir: dir, size: { columns: 120, rows: 24 } });
    const checkpoint = ui.demo.checkpoints[1]!;
    await openTable(ui, checkpoint);
    await ui.press('e');
    const name = exportFileName(checkpoint, 'csv');
    const frame = await ui.waitForText('Exported 24 permissions to');
    const line = frame.split('\n').find((l) => l.startsWith('Exported'))!;
    expect(line).toMatch(new RegExp(`^Exported 24 permissions to /.*….*/${name.replaceAll('.', '\\.')}$`));
  });

  it('e twice at 100 columns: the second export goes to -2, the first stays, and the flash shows the new name whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-perms-export-'));
    temporary.push(dir);
    ui = await startUi({ exportDir: dir, size: { columns: 100, rows: 24 } });
    const checkpoint = ui.demo.checkpoints[1]!;
    await openTable(ui, checkpoint);
    const name = exportFileName(checkpoint, 'csv');
    const second = name.replace(/\.csv$/, '-2.csv');
    await ui.press('e');
    await ui.waitForText(name);
    const first = readFileSync(join(dir, name), 'utf8');
    await ui.press('e');
    const frame = await ui.waitForText(second);
    expect(frame.split('\n').find((l) => l.startsWith('Exported'))).toMatch(new RegExp(`/${second.replaceAll('.', '\\.')}$`));
    expect(readFileSync(join(dir, second), 'utf8')).toBe(first);
    expect(readFileSync(join(dir, name), 'utf8')).toBe(first);
  });
});
