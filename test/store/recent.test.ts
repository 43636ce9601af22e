// Recent checkpoints: kept between runs in a private file, ids only, never a key.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileRecent, MAX_RECENT, MAX_SCOPES, memoryRecent, recentFilePath, withRecent } from '../../src/store/recent';
import { organizationScope } from '../../src/store/scope';
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
const SCOPE = organizationScope('https://api.example.test/v1', undefined, 'sk-admin-aaaaaaaaaaaaaaaaaaaaaaaa');
const OTHER = organizationScope('https://api.example.test/v1', undefined, 'sk-admin-bbbbbbbbbbbbbbbbbbbbbbbb');
const whole = () => JSON.parse(readFileSync(file, 'utf8')) as { organizations: Record<string, { checkpoints: string[] }> };
const onDisk = () => whole().organizations[SCOPE] as { checkpoints: string[] };

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
  it('writes {organizations:{SCOPE:{checkpoints:[…]}}} privately (0600 in a 0700 directory), newest first, at most 20, no duplicates', () => {
    const recent = fileRecent(file, SCOPE);
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
    const recent = fileRecent(file, SCOPE);
    recent.save(['x', 'x', '', ' padded ', ...Array.from({ length: 30 }, (_, i) => ckpt(i))]);
    const saved = onDisk().checkpoints;
    expect(saved).toEqual(['x', ...Array.from({ length: 19 }, (_, i) => ckpt(i))]);

    writeFileSync(file, JSON.stringify({ checkpoints: [ckpt(1), 7, null, ckpt(1), 'a\nb', ckpt(2)] }));
    expect(recent.load()).toEqual([ckpt(1), ckpt(2)]);
  });

  it('ignores a corrupt or strange file, and a later save replaces it', () => {
    const recent = fileRecent(file, SCOPE);
    mkdirSync(join(dir, 'state', 'ckpt-perms'), { recursive: true });
    for (const text of [
      '{not json',
      '',
      'null',
      '[]',
      '{"checkpoints":"ft:a"}',
      '{"checkpoints":{"0":"ft:a"}}',
      `{"organizations":{"${SCOPE}":"ft:a"}}`,
      `{"organizations":[["${SCOPE}",["ft:a"]]]}`,
    ]) {
      writeFileSync(file, text, { mode: 0o644 });
      expect(recent.load()).toEqual([]);
    }
    recent.save([ckpt(1)]);
    expect(whole()).toEqual({ organizations: { [SCOPE]: { checkpoints: [ckpt(1)] } } });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a save that cannot be written is not an error', () => {
    writeFileSync(join(dir, 'blocker'), 'a file where a directory should be');
    const recent = fileRecent(join(dir, 'blocker', 'recent.json'), SCOPE);
    expect(() => recent.save([ckpt(1)])).not.toThrow();
    expect(recent.load()).toEqual([]);
  });

  it('keeps an id with "sk-" inside a word (risk-classifier) and drops a key', () => {
    const recent = fileRecent(file, SCOPE);
    const risky = 'ft:gpt-4o-mini-2024-07-18:acme-corp:risk-classifier-production:B7R9VjQd';
    recent.save([risky, 'sk-admin-abcdefghijklmnopqrstuvwxyz012345', ckpt(1)]);
    expect(recent.load()).toEqual([risky, ckpt(1)]);
  });

  it('the store remembers opened checkpoints in the file and never writes a key', async () => {
    const recent = fileRecent(file, SCOPE);
    const h = await harness({ recent: () => recent });
    await openAndSettle(h, h.demo.checkpoints[1]);
    await openAndSettle(h, h.demo.checkpoints[0]);
    expect(onDisk()).toEqual({ checkpoints: [h.demo.checkpoints[0], h.demo.checkpoints[1]] });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(h.demo.adminKey);
    expect(text).not.toContain(h.demo.apiKey);
    expect(text).not.toMatch(/sk-/);

    // A new run starts with them.
    const again = await harness({ recent: () => fileRecent(file, SCOPE) });
    expect(again.state().recent).toEqual([h.demo.checkpoints[0], h.demo.checkpoints[1]]);
  });
});

describe('recent checkpoints per base URL and organization', () => {
  it('keeps one list per organization, and a save keeps the others', () => {
    const mine = fileRecent(file, SCOPE);
    const theirs = fileRecent(file, OTHER);
    mine.save([ckpt(1), ckpt(2)]);
    theirs.save([ckpt(3)]);
    expect(mine.load()).toEqual([ckpt(1), ckpt(2)]);
    expect(theirs.load()).toEqual([ckpt(3)]);
    mine.save([ckpt(4), ckpt(1), ckpt(2)]);
    expect(theirs.load()).toEqual([ckpt(3)]);
    // The most recently used organization first.
    expect(Object.keys(whole().organizations)).toEqual([SCOPE, OTHER]);
    expect(
      fileRecent(file, organizationScope('https://other.example.test/v1', undefined, 'sk-admin-aaaaaaaaaaaaaaaaaaaaaaaa')).load(),
    ).toEqual([]);
  });

  it('tells organizations apart by --organization when given, else by the admin key, and never writes either key', () => {
    const url = 'https://api.openai.com/v1';
    const key = 'sk-admin-cccccccccccccccccccccccccccc';
    expect(organizationScope(url, 'org-a', key)).not.toBe(organizationScope(url, 'org-b', key));
    expect(organizationScope(url, 'org-a', key)).toBe(organizationScope(`${url}/`, 'org-a', 'sk-admin-dddddddddddddddddddddddddd'));
    expect(organizationScope(url, undefined, key)).not.toBe(organizationScope(url, undefined, 'sk-admin-dddddddddddddddddddddddddd'));
    expect(organizationScope(url, undefined, key)).toMatch(/^[0-9a-f]{32}$/);
    fileRecent(file, organizationScope(url, undefined, key)).save([ckpt(1)]);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(key);
    expect(text).not.toContain('cccccccc');
    expect(text).not.toMatch(/sk-/);
  });

  it('a list from before organizations were told apart serves each organization until it saves its own', () => {
    mkdirSync(join(dir, 'state', 'ckpt-perms'), { recursive: true });
    writeFileSync(file, JSON.stringify({ checkpoints: [ckpt(1), ckpt(2)] }));
    expect(fileRecent(file, SCOPE).load()).toEqual([ckpt(1), ckpt(2)]);
    expect(fileRecent(file, OTHER).load()).toEqual([ckpt(1), ckpt(2)]);
    fileRecent(file, SCOPE).save([ckpt(2)]);
    expect(whole()).toEqual({ organizations: { [SCOPE]: { checkpoints: [ckpt(2)] } } });
    expect(fileRecent(file, OTHER).load()).toEqual([]);
  });

  it('remembers at most 20 organizations, dropping the one used longest ago', () => {
    const scopes = Array.from({ length: MAX_SCOPES + 3 }, (_, i) => organizationScope('https://x.test/v1', `org-${i}`, 'sk-admin-x'));
    scopes.forEach((scope, i) => fileRecent(file, scope).save([ckpt(i)]));
    const kept = Object.keys(whole().organizations);
    expect(kept).toHaveLength(MAX_SCOPES);
    expect(kept[0]).toBe(scopes.at(-1));
    expect(fileRecent(file, scopes[0]!).load()).toEqual([]);
    expect(fileRecent(file, scopes.at(-1)!).load()).toEqual([ckpt(scopes.length - 1)]);
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
