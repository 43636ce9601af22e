// `/` filters the table by every project that matches (issue 24 item 7): the built binary in a pty against
// `demo-server --latency 300`. `sales` matches six projects of the organization; the rows are those of the ones that
// hold a permission on the checkpoint, and a match without one (Sales Assistant) is simply not a row.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS } from '../helpers/keys';
import { closeAll, spawnTerminal, startDemoServerProcess, type DemoServerProcess } from '../helpers/pty';

afterEach(closeAll);

/** Every item of a list the demo API pages through, read over HTTP as any client would. */
async function readAll<T extends { id: string }>(server: DemoServerProcess, path: string): Promise<T[]> {
  const items: T[] = [];
  for (let after: string | undefined; ;) {
    const url = `${server.baseUrl}${path}${path.includes('?') ? '&' : '?'}limit=100${after ? `&after=${after}` : ''}`;
    const page = (await (await fetch(url, { headers: { authorization: `Bearer ${server.adminKey}` } })).json()) as {
      data: T[];
      has_more: boolean;
    };
    items.push(...page.data);
    if (!page.has_more || page.data.length === 0) return items;
    after = page.data.at(-1)!.id;
  }
}

describe('the / filter by a name several projects match', () => {
  it('shows the rows of every matching project that has access, and names the filter in the header', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const checkpoint = server.checkpoints[0]!;
    const projects = await readAll<{ id: string; name: string }>(server, '/organization/projects?include_archived=true');
    const rows = await readAll<{ id: string; project_id: string }>(
      server,
      `/fine_tuning/checkpoints/${encodeURIComponent(checkpoint)}/permissions`,
    );
    const sales = projects.filter((p) => /sales/i.test(p.name));
    const holders = new Set(rows.map((row) => row.project_id));
    const withAccess = sales.filter((p) => holders.has(p.id)).map((p) => p.name);
    const without = sales.filter((p) => !holders.has(p.id)).map((p) => p.name);
    // The issue's case: some of the matches hold a permission, some do not.
    expect(withAccess.length).toBeGreaterThan(1);
    expect(without.length).toBeGreaterThan(0);

    const term = spawnTerminal({
      args: [checkpoint, '--base-url', server.baseUrl, '--admin-api-key', server.adminKey],
      cols: 100,
      rows: 30,
    });
    await term.waitFor(/^Page 1 · 1–/m);
    await term.press('/');
    await term.waitFor('Filter by project name or id: ');
    await term.press('sales');
    await term.waitFor(() => without.every((name) => term.screen().includes(name)));
    await term.press(KEYS.enter);
    const screen = await term.waitFor(
      new RegExp(
        `^Page 1 · 1–${withAccess.length} of ${withAccess.length} · end · newest first · filter "sales" \\(${sales.length} projects\\)`,
        'm',
      ),
    );
    const shown = term.lines().filter((line) => /^[› ][● ]/.test(line) && /proj_/.test(line));
    expect(shown).toHaveLength(withAccess.length);
    for (const name of withAccess) expect(shown.some((line) => line.includes(name))).toBe(true);
    for (const name of without) expect(screen).not.toContain(name);
    expect(screen).not.toContain('No permission for');
  });

  it('asks to narrow a name more than 20 projects match, and changes nothing', async () => {
    const server = await startDemoServerProcess(['--latency', '300']);
    const term = spawnTerminal({
      args: [server.checkpoints[0]!, '--base-url', server.baseUrl, '--admin-api-key', server.adminKey],
      cols: 100,
      rows: 30,
    });
    await term.waitFor(/^Page 1 · 1–\d+ · more · newest first · no filter/m);
    await term.press('/');
    await term.waitFor('Filter by project name or id: ');
    await term.press('in');
    await term.waitFor(/^Filter by project name or id: in/m);
    await term.press(KEYS.enter);
    const screen = await term.waitFor(/"in" matches \d+ projects: type more of the name \(a filter takes at most 20\)/);
    expect(screen).toContain('Filter by project name or id: in');
    await term.press(KEYS.esc);
    await term.waitFor(/^Page 1 · 1–\d+ · more · newest first · no filter/m);
  });
});
