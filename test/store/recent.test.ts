// Recent checkpoints: kept between runs in a private file, ids only, never a key.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileRecent, MAX_RECENT, memoryRecent, recentFilePath, withRecent } from '../../src/store/recent';
import { closeAll, harness, openAndSettle } from '../helpers/harness';

let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ckpt-perms-recent-'));
  file = join(dir, 'state', 'ckpt-perms', 'recent.json');
});

afterEach(async () => {
  await closeAll();
  rmSync(dir, { recursive: true, force: true });
});

const ckpt = (n: number) => `ft:gpt-4o-mini-2024-07-18:acme-corp:model-${n}:abc${n}`;
const onDisk = () => JSON.parse(readFileSync(file, 'utf8')) as { checkpoints: string[] };

describe('withRecent', () => {
  it('puts the id first, drops its older copy and keeps at most 20', () => {
    expect(withRecent(['b', 'a', 'c'], 'a')).toEqual(['a', 'b', 'c']);
    const long = Array.from({ length: 30 }, (_, i) => ckpt(i));
    const next = withRecent(long, 'new');
    expect(next).toHaveLength(MAX_RECENT);
    expect(next[0]).toBe('new');
    expect(next.slice(1)).toEqual(long.slice(0, MAX_RECENT - 1));
  });
});

describe('fileRecent', () => {
  it('writes {checkpoints:[…]} privately (0600 in a 0700 directory), newest first, at most 20, no duplicates', () => {
    const recent = fileRecent(file);
    expect(recent.load()).toEqual([]);
    let list: string[] = [];
    for (let i = 0; i < 25; i++) list = withRecent(list, ckpt(i));
    list = withRecent(list, ckpt(10));
    recent.save(list);

    expect(Object.keys(onDisk())).toEqual(['checkpoints']);
    const saved = onDisk().checkpoints;
    expect(saved).toHaveLength(20);
    expect(saved[0]).toBe(ckpt(10));
    expect(saved.slice(1, 5)).toEqual([ckpt(24), ckpt(23), ckpt(22), ckpt(21)]);
    expect(new Set(saved).size).toBe(saved.length);
    expect(recent.load()).toEqual(saved);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'state', 'ckpt-perms')).mode & 0o777).toBe(0o700);
  });

  it('cleans what it is given and what it reads: duplicates, non-strings and empty ids go, 20 at most', () => {
    const recent = fileRecent(file);
    recent.save(['x', 'x', '', ' padded ', ...Array.from({ length: 30 }, (_, i) => ckpt(i))]);
    const saved = onDisk().checkpoints;
    expect(saved).toEqual(['x', ...Array.from({ length: 19 }, (_, i) => ckpt(i))]);

    writeFileSync(file, JSON.stringify({ checkpoints: [ckpt(1), 7, null, ckpt(1), 'a\nb', ckpt(2)] }));
    expect(recent.load()).toEqual([ckpt(1), ckpt(2)]);
  });

  it('ignores a corrupt or strange file, and a later save replaces it', () => {
    const recent = fileRecent(file);
    mkdirSync(join(dir, 'state', 'ckpt-perms'), { recursive: true });
    for (const text of ['{not json', '', 'null', '[]', '{"checkpoints":"ft:a"}', '{"checkpoints":{"0":"ft:a"}}']) {
      writeFileSync(file, text, { mode: 0o644 });
      expect(recent.load()).toEqual([]);
    }
    recent.save([ckpt(1)]);
    expect(onDisk()).toEqual({ checkpoints: [ckpt(1)] });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a save that cannot be written is not an error', () => {
    writeFileSync(join(dir, 'blocker'), 'a file where a directory should be');
    const recent = fileRecent(join(dir, 'blocker', 'recent.json'));
    expect(() => recent.save([ckpt(1)])).not.toThrow();
    expect(recent.load()).toEqual([]);
  });

  it('keeps an id with "sk-" inside a word (risk-classifier) and drops a key', () => {
    const recent = fileRecent(file);
    const risky = 'ft:gpt-4o-mini-2024-07-18:acme-corp:risk-classifier-production:B7R9VjQd';
    recent.save([risky, 'sk-admin-abcdefghijklmnopqrstuvwxyz012345', ckpt(1)]);
    expect(recent.load()).toEqual([risky, ckpt(1)]);
  });

  it('the store remembers opened checkpoints in the file and never writes a key', async () => {
    const recent = fileRecent(file);
    const h = await harness({ recent: () => recent });
    await openAndSettle(h, h.demo.checkpoints[1]);
    await openAndSettle(h, h.demo.checkpoints[0]);
    expect(onDisk()).toEqual({ checkpoints: [h.demo.checkpoints[0], h.demo.checkpoints[1]] });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(h.demo.adminKey);
    expect(text).not.toContain(h.demo.apiKey);
    expect(text).not.toMatch(/sk-/);

    // A new run starts with them.
    const again = await harness({ recent: () => fileRecent(file) });
    expect(again.state().recent).toEqual([h.demo.checkpoints[0], h.demo.checkpoints[1]]);
  });
});

describe('recentFilePath and memoryRecent', () => {
  it('uses XDG_STATE_HOME, else HOME/.local/state', () => {
    expect(recentFilePath({ XDG_STATE_HOME: '/x/state', HOME: '/home/u' })).toBe('/x/state/ckpt-perms/recent.json');
    expect(recentFilePath({ XDG_STATE_HOME: '  ', HOME: '/home/u' })).toBe('/home/u/.local/state/ckpt-perms/recent.json');
  });

  it('memoryRecent hands out copies', () => {
    const recent = memoryRecent(['a']);
    const loaded = recent.load();
    loaded.push('b');
    expect(recent.load()).toEqual(['a']);
    recent.save(['c']);
    expect(recent.load()).toEqual(['c']);
  });
});
