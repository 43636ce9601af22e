// The comparison of list_all_vs_sdk: the official SDK's auto-pagination over every permission of a
// checkpoint (pages of 100), then the same list envelope `ckpt-perms list --max-items -1` prints.
// Usage: BENCH_ADMIN_KEY=… node list-sdk.mjs BASE_URL CHECKPOINT
import OpenAI from 'openai';

const [baseURL, checkpoint] = process.argv.slice(2);
const client = new OpenAI({ adminAPIKey: process.env.BENCH_ADMIN_KEY, apiKey: 'unused', baseURL });
const data = [];
for await (const permission of client.fineTuning.checkpoints.permissions.list(checkpoint, { limit: 100 })) data.push(permission);
const envelope = { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: false };
// Exit once written, as ckpt-perms does, rather than wait for idle keep-alive sockets.
process.stdout.write(`${JSON.stringify(envelope, null, 2)}\n`, () => process.exit(0));
