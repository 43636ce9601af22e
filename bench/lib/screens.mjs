// What the pty figures wait for on the table and the share screen (the binary at 100×30).

/** Table rows on screen (a permission id each). */
export const rowLines = (lines) => lines.filter((line) => /\bcp_[0-9A-Za-z]{6}/.test(line));

/** Every row of the page has its project's name: none shows the placeholder `…` alone in its cell. */
export const rowsNamed = (count) => (lines) => {
  const rows = rowLines(lines);
  return rows.length === count && rows.every((line) => !/\s…\s/.test(line));
};

export const pageOnScreen = (page, count) => (lines) =>
  lines.some((line) => line.includes(`Page ${page} ·`) && !line.includes('loading…')) && rowLines(lines).length === count;

/** A project's row on the share screen: the cursor or a space, then its pick box or its has-access mark. */
const isShareRow = (line) => /^[› ](\[ \]| ✓ ) /.test(line);

/**
 * The share screen listing all `active` projects: read whole (`N of N active projects`) or from a warm cache while it is
 * read again behind the list (`9,793 projects · refreshing`).
 */
export const everyProjectListed = (active) => {
  const everyProject = [`of ${active} active projects`, `${active.toLocaleString('en-US')} projects · refreshing`];
  return (lines) => lines.some((line) => everyProject.some((words) => line.includes(words))) && lines.some(isShareRow);
};

/** The share screen listing at least `count` projects (`N loaded so far`, `of N active projects`, `N projects · …`) and its rows. */
export const listsAtLeast = (count) => (lines) =>
  lines.some((line) => {
    const shown = /([\d,]+) (?:loaded so far|active projects|projects · refreshing)/.exec(line);
    return shown !== null && Number(shown[1].replace(/,/g, '')) >= count;
  }) && lines.some(isShareRow);
