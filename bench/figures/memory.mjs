// memory_ratio: the binary under a pty paging → through all 10,000 permissions; its peak resident memory at the last
// page ÷ its resident memory at the first table frame (/proc/<pid>/status).
import { readFileSync } from 'node:fs';
import { COLS, ROWS, ms, now, tableShown } from '../lib/common.mjs';
import { round } from '../lib/stats.mjs';
import { onCleanup } from '../lib/cleanup.mjs';
import { KEYS, Terminal } from '../lib/terminal.mjs';

function procStatus(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

async function benchMemory(ctx) {
  const { CLI, root, bigServer, childEnv, setFigure } = ctx;
  const server = await bigServer();
  const checkpoint = server.checkpoints[0];
  const terminal = new Terminal({
    args: [CLI, '--base-url', server.baseUrl, checkpoint],
    env: childEnv({ OPENAI_ADMIN_KEY: server.adminKey }),
    cwd: root,
    cols: COLS,
    rows: ROWS,
  });
  const stop = onCleanup(() => terminal.close());
  try {
    let { lines } = await terminal.waitFor(tableShown(1), { what: 'the first page' });
    const first = procStatus(terminal.pid);
    let page = 1;
    const started = now();
    while (!lines.some((line) => line.includes(`Page ${page} ·`) && line.includes('· end ·'))) {
      terminal.press(KEYS.right);
      page++;
      ({ lines } = await terminal.waitFor(tableShown(page), { what: `page ${page}`, timeoutMs: 10_000 }));
    }
    const seconds = ms(now() - started) / 1000;
    const last = procStatus(terminal.pid);
    setFigure(
      'memory_ratio',
      last.hwm / first.rss,
      `peak ${(last.hwm / 1024).toFixed(1)} MB after ${page} pages ÷ ${(first.rss / 1024).toFixed(1)} MB at the first table frame`,
      {
        rss_first_table_kb: first.rss,
        hwm_last_page_kb: last.hwm,
        rss_last_page_kb: last.rss,
        pages: page,
        paging_seconds: round(seconds, 1),
      },
    );
  } finally {
    await stop();
  }
}

export default [{ name: 'memory', budgets: { memory_ratio: { op: '<=', budget: 1.25 } }, run: benchMemory }];
