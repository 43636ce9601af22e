// The access file reader: what it accepts, and the line and column of everything it refuses.
import { describe, expect, it } from 'vitest';
import { dumpAccessFile, parseAccessFile } from '../../src/ops/access-file';

const problemsOf = (text: string, json = false) => {
  const parsed = parseAccessFile(text, json);
  return parsed.ok ? [] : parsed.problems.map((p) => `${p.position.line}:${p.position.col}: ${p.message}`);
};

describe('parseAccessFile', () => {
  it('reads checkpoints, exclusive (default false), and projects by name or id, with their places', () => {
    const parsed = parseAccessFile(
      [
        '# a comment',
        'checkpoints:',
        '  ft:a:b:c:',
        '    exclusive: true',
        '    projects:',
        '      - Billing Copilot',
        '      - proj_abc123',
        '  ft:x:y:',
        '    projects: []',
        '',
      ].join('\n'),
      false,
    );
    expect(parsed).toEqual({
      ok: true,
      file: {
        checkpoints: [
          {
            checkpoint: 'ft:a:b:c',
            exclusive: true,
            position: { line: 3, col: 3 },
            projects: [
              { text: 'Billing Copilot', isId: false, position: { line: 6, col: 9 } },
              { text: 'proj_abc123', isId: true, position: { line: 7, col: 9 } },
            ],
          },
          { checkpoint: 'ft:x:y', exclusive: false, position: { line: 8, col: 3 }, projects: [] },
        ],
      },
    });
  });

  it('reads the same file as JSON', () => {
    const parsed = parseAccessFile('{"checkpoints": {"ft:a:b": {"exclusive": false, "projects": ["proj_a1"]}}}', true);
    expect(parsed.ok && parsed.file.checkpoints[0]!.projects.map((p) => p.text)).toEqual(['proj_a1']);
  });

  it('refuses each mistake with its line and column, all of them at once', () => {
    expect(
      problemsOf(
        [
          'checkpoints:',
          '  ft:a:b:',
          '    exclusive: yes please',
          '    projects:',
          '      - 2024',
          '      - " padded"',
          '  ft:c:d:',
          '    project: [proj_a1]',
          '  ft:e:f: {}',
          'extra: 1',
        ].join('\n'),
      ),
    ).toEqual([
      '3:16: "exclusive" must be true or false',
      '5:9: a project must be a name or an id, as text: quote it ("2024")',
      '6:9: " padded" starts or ends with spaces',
      '8:5: unknown key "project" (a checkpoint has "exclusive:" and "projects:")',
      '9:3: checkpoint ft:e:f needs "projects:" (a list; "projects: []" for none)',
      '10:1: unknown key "extra" (an access file has "checkpoints:" only)',
    ]);
  });

  it('refuses malformed YAML, a repeated checkpoint and bad JSON with a place', () => {
    expect(problemsOf('checkpoints:\n  ft:a:b:\n    projects: [a,\n')[0]).toMatch(/^\d+:\d+: not valid YAML: /);
    expect(problemsOf('checkpoints:\n  ft:a:b:\n    projects: []\n  ft:a:b:\n    projects: []\n')[0]).toMatch(
      /^4:3: not valid YAML: .*unique/i,
    );
    expect(problemsOf('{\n  "checkpoints": {\n    "ft:a:b": {"projects": [],}\n  }\n}', true)).toEqual([
      expect.stringMatching(/^3:\d+: not valid JSON: /),
    ]);
    expect(problemsOf('')).toEqual(['1:1: the file must be a mapping with a "checkpoints:" key (see docs/access-files.md)']);
  });

  it('refuses a key where an id belongs and never repeats it', () => {
    const key = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123';
    const problems = problemsOf(`checkpoints:\n  ${key}:\n    projects: [${key}]\n  ft:a:b:\n    projects:\n      - ${key}\n`);
    expect(problems).toHaveLength(2);
    for (const problem of problems) {
      expect(problem).toMatch(/this looks like an API key/);
      expect(problem).not.toContain('abcdefgh');
    }
  });
});

describe('dumpAccessFile', () => {
  it('sorts, comments every id with its (cleaned) name, and reads back as the same access', () => {
    const text = dumpAccessFile([
      { checkpoint: 'ft:z:z', projects: [] },
      {
        checkpoint: 'ft:a:a',
        projects: [
          { id: 'proj_b', name: 'Beta \u001b[31mred\u001b[0m\nline', archived: false },
          { id: 'proj_a', name: null, archived: false },
          { id: 'proj_c', name: 'Old', archived: true },
        ],
      },
    ]);
    expect(text).toBe(
      [
        '# ckpt-perms access file (ckpt-perms dump): the projects that may use each checkpoint.',
        '# List projects by id or by exact name. exclusive: true also removes every project not listed.',
        '# ckpt-perms plan -f FILE shows what would change; ckpt-perms apply -f FILE changes it.',
        '',
        'checkpoints:',
        '  ft:a:a:',
        '    exclusive: false',
        '    projects:',
        '      - proj_a',
        '      - proj_b # Beta red line',
        '      - proj_c # Old (archived)',
        '  ft:z:z:',
        '    exclusive: false',
        '    projects: []',
        '',
      ].join('\n'),
    );
    const parsed = parseAccessFile(text, false);
    expect(parsed.ok && parsed.file.checkpoints.map((c) => [c.checkpoint, c.projects.map((p) => p.text)])).toEqual([
      ['ft:a:a', ['proj_a', 'proj_b', 'proj_c']],
      ['ft:z:z', []],
    ]);
  });
});

describe('parseAccessFile and YAML quoting', () => {
  it('says to quote a name YAML reads as something else', () => {
    expect(problemsOf('checkpoints:\n  ft:a:b:\n    projects:\n      - Billing: Copilot\n')).toEqual([
      '4:9: a project must be a name or an id, as text: quote a name that holds ": " or starts with [ { & * ! | > % @',
    ]);
  });
});
