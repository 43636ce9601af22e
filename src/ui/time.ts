// Times as the screens and the history command show them. No imports: the command line loads it without the UI.

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Local date: `2026-10-01`, with the time when asked (`2026-10-01 09:12`). */
export function localDate(unixSeconds: number, withTime = false): string {
  const d = new Date(unixSeconds * 1000);
  const date = `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
  return withTime ? `${date} ${pad2(d.getHours())}:${pad2(d.getMinutes())}` : date;
}
