// The access file: who may use which checkpoints, kept in git and reviewed like code. YAML (or JSON, by extension),
// read strictly: an unknown key is an error with its line and column, never a silent "no projects".
import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { checkpointIdProblem } from '../api/ids';
import { looksLikeKey, scrubKeys } from '../api/keys';
import { hasControlCharacters, sanitizeLine } from '../api/sanitize';

/** Where something is in the file, 1-based as editors count. */
export interface Position {
  line: number;
  col: number;
}

/** `FILE:LINE:COL: message`: what is wrong with the file (or a command's reading of it). */
export interface FileProblem {
  position: Position;
  message: string;
}

export interface ProjectEntry {
  /** A project id (`proj_…`) or a project's exact name. */
  text: string;
  isId: boolean;
  position: Position;
}

export interface CheckpointEntry {
  checkpoint: string;
  exclusive: boolean;
  projects: ProjectEntry[];
  position: Position;
}

export interface AccessFile {
  checkpoints: CheckpointEntry[];
}

export type Parsed = { ok: true; file: AccessFile } | { ok: false; problems: FileProblem[] };

const PROJECT_ID = /^proj_[A-Za-z0-9_-]+$/;
const TOP_KEYS = ['checkpoints', '$schema'];
const CHECKPOINT_KEYS = ['exclusive', 'projects'];
const KEY_REFUSED =
  'this looks like an API key: a key never belongs in an access file (it is not shown here; remove it, and revoke it if the file was shared)';

/** Whether a file name means JSON (else YAML). */
export function isJsonFile(name: string): boolean {
  return /\.json$/i.test(name);
}

/** Reads an access file's text; every problem found comes back, in file order. */
export function parseAccessFile(text: string, json: boolean): Parsed {
  const lines = new LineCounter();
  const problems: FileProblem[] = [];
  const at = (offset: number | undefined): Position => lines.linePos(offset ?? 0);
  const nodeAt = (node: Node | null | undefined): Position => at(node?.range?.[0]);
  const problem = (position: Position, message: string) => problems.push({ position, message });

  if (json) {
    try {
      JSON.parse(text);
    } catch (error) {
      // Node's words carry the position as an offset ("… in JSON at position 42"): turned into a line and column.
      const offset = Number(/position (\d+)/.exec((error as Error).message)?.[1] ?? 0);
      lines.addNewLine(0);
      for (let i = 0; i < text.length; i++) if (text[i] === '\n') lines.addNewLine(i + 1);
      const reason = (error as Error).message.replace(/ in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
      return { ok: false, problems: [{ position: at(offset), message: `not valid JSON: ${scrubbed(reason)}` }] };
    }
  }
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        position: error.linePos?.[0] ?? at(error.pos[0]),
        message: `not valid ${json ? 'JSON' : 'YAML'}: ${scrubbed(error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''))}`,
      })),
    };
  }

  const root = doc.contents;
  if (root === null || !isMap(root)) {
    problem(nodeAt(root), 'the file must be a mapping with a "checkpoints:" key (see docs/access-files.md)');
    return { ok: false, problems };
  }
  const checkpoints: CheckpointEntry[] = [];
  let sawCheckpoints = false;
  for (const pair of root.items as Pair<Node, Node | null>[]) {
    const key = keyText(pair, problem, nodeAt);
    if (key === undefined) continue;
    if (!TOP_KEYS.includes(key)) {
      problem(nodeAt(pair.key), `unknown key "${shown(key)}" (an access file has "checkpoints:" only)`);
      continue;
    }
    if (key === '$schema') {
      if (!isScalar(pair.value) || typeof pair.value.value !== 'string') problem(nodeAt(pair.value ?? pair.key), '"$schema" must be text');
      continue;
    }
    sawCheckpoints = true;
    if (!isMap(pair.value)) {
      if (!(isScalar(pair.value) && pair.value.value === null) && pair.value !== null) {
        problem(nodeAt(pair.value), '"checkpoints" must be a mapping of checkpoint ids to { exclusive, projects }');
      }
      continue;
    }
    for (const entry of (pair.value as YAMLMap<Node, Node | null>).items) {
      const parsed = checkpointEntry(entry, problem, nodeAt);
      if (parsed) checkpoints.push(parsed);
    }
  }
  if (!sawCheckpoints) problem(nodeAt(root), 'the file has no "checkpoints:" key');
  return problems.length > 0 ? { ok: false, problems } : { ok: true, file: { checkpoints } };
}

type Report = (position: Position, message: string) => void;
type Locate = (node: Node | null | undefined) => Position;

function keyText(pair: Pair<Node, Node | null>, problem: Report, nodeAt: Locate): string | undefined {
  const key = pair.key;
  if (!isScalar(key) || (typeof key.value !== 'string' && typeof key.value !== 'number')) {
    problem(nodeAt(key), 'a key must be text');
    return undefined;
  }
  return String(key.value);
}

function checkpointEntry(pair: Pair<Node, Node | null>, problem: Report, nodeAt: Locate): CheckpointEntry | undefined {
  const checkpoint = keyText(pair, problem, nodeAt);
  if (checkpoint === undefined) return undefined;
  const position = nodeAt(pair.key);
  const idProblem = looksLikeKey(checkpoint) ? KEY_REFUSED : checkpointIdProblem(checkpoint);
  if (idProblem) {
    problem(position, idProblem);
    return undefined;
  }
  const value = pair.value;
  if (!isMap(value)) {
    problem(nodeAt(value ?? pair.key), `checkpoint ${shown(checkpoint)} needs "projects:" (a list; "projects: []" for none)`);
    return undefined;
  }
  let exclusive = false;
  let projects: ProjectEntry[] | undefined;
  let sawProjects = false;
  let leftEmpty: Position | undefined;
  let good = true;
  for (const field of (value as YAMLMap<Node, Node | null>).items) {
    const name = keyText(field, problem, nodeAt);
    if (name === undefined) {
      good = false;
      continue;
    }
    if (!CHECKPOINT_KEYS.includes(name)) {
      problem(nodeAt(field.key), `unknown key "${shown(name)}" (a checkpoint has "exclusive:" and "projects:")`);
      good = false;
      continue;
    }
    if (name === 'exclusive') {
      if (!isScalar(field.value) || typeof field.value.value !== 'boolean') {
        problem(nodeAt(field.value ?? field.key), '"exclusive" must be true or false');
        good = false;
      } else exclusive = field.value.value;
      continue;
    }
    sawProjects = true;
    projects = projectList(field, problem, nodeAt);
    if (field.value === null || (isScalar(field.value) && field.value.value === null)) leftEmpty = nodeAt(field.key);
  }
  // A misspelt "projects:" is reported as the unknown key it is, not a second time as missing.
  if (!sawProjects && good) problem(position, `checkpoint ${shown(checkpoint)} needs "projects:" (a list; "projects: []" for none)`);
  // A template that rendered nothing must not mean "remove every project": none at all is said with [].
  if (exclusive && leftEmpty) {
    problem(
      leftEmpty,
      `"projects:" is left empty under "exclusive: true", which would remove every project: write "projects: []" if none may keep access`,
    );
    return undefined;
  }
  if (!good || projects === undefined) return undefined;
  return { checkpoint, exclusive, projects, position };
}

function projectList(field: Pair<Node, Node | null>, problem: Report, nodeAt: Locate): ProjectEntry[] | undefined {
  const list = field.value;
  if (list === null || (isScalar(list) && list.value === null)) return [];
  if (!isSeq(list)) {
    problem(nodeAt(list), '"projects" must be a list of project names or ids ("- Billing Copilot", "- proj_abc123")');
    return undefined;
  }
  const entries: ProjectEntry[] = [];
  let good = true;
  for (const item of list.items as (Node | null)[]) {
    const position = nodeAt(item ?? list);
    if (!isScalar(item) || typeof (item as Scalar).value !== 'string') {
      const raw = isScalar(item) ? (item as Scalar).value : undefined;
      const hint =
        typeof raw === 'number' || typeof raw === 'boolean'
          ? `: quote it ("${String(raw)}")`
          : isMap(item) || isSeq(item)
            ? ': quote a name that holds ": " or starts with [ { & * ! | > % @'
            : '';
      problem(position, `a project must be a name or an id, as text${hint}`);
      good = false;
      continue;
    }
    const text = (item as Scalar<string>).value;
    if (looksLikeKey(text)) {
      problem(position, KEY_REFUSED);
      good = false;
    } else if (text.trim() === '') {
      problem(position, 'an empty project name');
      good = false;
    } else if (text.trim() !== text) {
      problem(position, `"${shown(text)}" starts or ends with spaces`);
      good = false;
    } else if (hasControlCharacters(text)) {
      problem(position, 'a project name or id with control characters');
      good = false;
    } else {
      entries.push({ text, isId: PROJECT_ID.test(text), position });
    }
  }
  return good ? entries : undefined;
}

/** User text in a message: one line, no control characters, nothing key-shaped, not a screenful. */
export function shown(text: string): string {
  const line = scrubKeys(sanitizeLine(text));
  return line.length > 80 ? `${line.slice(0, 77)}…` : line;
}

/** A parser's message may quote the file: anything key-shaped in it is masked. */
function scrubbed(message: string): string {
  return scrubKeys(sanitizeLine(message));
}

// ---- writing ----

export interface DumpEntry {
  checkpoint: string;
  /** Project ids with access, each with its name (null when unknown) and whether it is archived. */
  projects: { id: string; name: string | null; archived: boolean }[];
}

/**
 * Today's sharing as an access file: checkpoints and project ids sorted, each id with its project's
 * name as a comment, no date: two dumps differ only where access differs.
 */
export function dumpAccessFile(entries: DumpEntry[]): string {
  const sorted = [...entries].sort((a, b) => compare(a.checkpoint, b.checkpoint));
  const checkpoints: Record<string, { exclusive: boolean; projects: string[] }> = {};
  for (const entry of sorted) {
    checkpoints[entry.checkpoint] = { exclusive: false, projects: [...new Set(entry.projects.map((p) => p.id))].sort(compare) };
  }
  const doc = new Document({ checkpoints });
  doc.commentBefore = [
    ' ckpt-perms access file (ckpt-perms dump): the projects that may use each checkpoint.',
    ' List projects by id or by exact name. exclusive: true also removes every project not listed.',
    ' ckpt-perms plan -f FILE shows what would change; ckpt-perms apply -f FILE changes it.',
  ].join('\n');
  for (const entry of sorted) {
    const names = new Map(entry.projects.map((p) => [p.id, p]));
    const seq = doc.getIn(['checkpoints', entry.checkpoint, 'projects'], true);
    if (!isSeq(seq)) continue;
    for (const item of seq.items) {
      if (!isScalar(item)) continue;
      const project = names.get(String(item.value));
      const name = sanitizeLine(project?.name ?? '').trim();
      const comment = [name, project?.archived ? '(archived)' : ''].filter(Boolean).join(' ');
      if (comment) item.comment = ` ${comment}`;
    }
  }
  return doc.toString({ lineWidth: 0 });
}

/** Code-unit order: the same on every machine and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
