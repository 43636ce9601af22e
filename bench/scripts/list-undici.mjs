// The floor of list_all_ratio: every permission of a checkpoint with bare undici.request, pages of 100
// following last_id, then the same list envelope `ckpt-perms list --max-items -1` prints (JSON, two spaces).
// Usage: BENCH_ADMIN_KEY=… node list-undici.mjs BASE_URL CHECKPOINT
import { request } from 'undici';

const [baseUrl, checkpoint] = process.argv.slice(2);
const key = process.env.BENCH_ADMIN_KEY;
const data = [];
let hasMore = false;
let after;
for (;;) {
  const url = new URL(`${baseUrl}/fine_tuning/checkpoints/${encodeURIComponent(checkpoint)}/permissions`);
  url.searchParams.set('limit', '100');
  if (after) url.searchParams.set('after', after);
  const response = await request(url, { headers: { authorization: `Bearer ${key}` } });
  if (response.statusCode !== 200) throw new Error(`${response.statusCode}: ${await response.body.text()}`);
  const page = await response.body.json();
  for (const item of page.data) data.push(item);
  hasMore = page.has_more;
  if (!page.has_more || !page.last_id) break;
  after = page.last_id;
}
const envelope = { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: hasMore };
// Exit once written, as ckpt-perms does, rather than wait for idle keep-alive sockets.
process.stdout.write(`${JSON.stringify(envelope, null, 2)}\n`, () => process.exit(0));
