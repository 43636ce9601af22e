// The project directory: match and resolve as the UI and access files use them, merges that keep a snapshot when
// nothing changed, and the lookups one by one against the demo API (requests counted).
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client';
import { startDemoServer, type DemoServer } from '../../src/demo/server';
import { renameProject } from '../helpers/demo-data';
import { ApiError } from '../../src/api/errors';
import {
  findProject,
  LOOKUPS,
  lookUpOneByOne,
  lookUpProjects,
  match,
  mergeInto,
  readDirectory,
  replaceWith,
  resolve,
  snapshotOf,
  type ProjectInfo,
} from '../../src/ops/directory';

const p = (id: string, name: string, archived = false): ProjectInfo => ({ id, name, archived });
const projects = [
  p('proj_aaaaaaaaaaaaaaaaaaaaaaa1', 'Sales Evals'),
  p('proj_aaaaaaaaaaaaaaaaaaaaaaa2', 'Billing'),
  p('proj_aaaaaaaaaaaaaaaaaaaaaaa3', 'Billing', true),
  p('proj_bbbbbbbbbbbbbbbbbbbbbbb4', 'Old', true),
  p('proj_bbbbbbbbbbbbbbbbbbbbbbb5', 'Old', true),
  p('proj_bbbbbbbbbbbbbbbbbbbbbbb6', 'Search Relevance'),
  p('proj_bbbbbbbbbbbbbbbbbbbbbbb7', 'search relevance 2'),
];

let demo: DemoServer | undefined;
afterEach(async () => {
  await demo?.close();
  demo = undefined;
});

describe('match', () => {
  it('finds a piece of a text, any case for a query in lower case (smart case: test/ops/fuzzy.test.ts), with where it is', () => {
    expect(match('eval', 'Sales Evals')?.ranges).toEqual([[6, 10]]);
    expect(match('Eval', 'Sales Evals')?.ranges).toEqual([[6, 10]]);
    expect(match('evals', 'Sales Evals')!.score).toBeGreaterThan(match('vals', 'Sales Evals')!.score);
    expect(match('x', 'Sales Evals')).toBeUndefined();
  });
});

describe('resolve', () => {
  it('exact (access files): the name as written, an active project before archived ones', () => {
    expect(resolve('Billing', projects, 'exact')).toEqual({ id: 'proj_aaaaaaaaaaaaaaaaaaaaaaa2' });
    expect(resolve('billing', projects, 'exact')).toEqual({ none: true });
    expect(resolve('Bill', projects, 'exact')).toEqual({ none: true });
    const old = resolve('Old', projects, 'exact');
    expect('ambiguous' in old && old.ambiguous.map((x) => x.id)).toEqual([
      'proj_bbbbbbbbbbbbbbbbbbbbbbb4',
      'proj_bbbbbbbbbbbbbbbbbbbbbbb5',
    ]);
  });

  it('piece (the UI): a whole name in any case first, else a piece of one, else the start of an id', () => {
    expect(resolve('search relevance', projects, 'piece')).toEqual({ id: 'proj_bbbbbbbbbbbbbbbbbbbbbbb6' });
    expect(resolve('evals', projects, 'piece')).toEqual({ id: 'proj_aaaaaaaaaaaaaaaaaaaaaaa1' });
    const billing = resolve('BILLING', projects, 'piece');
    expect('ambiguous' in billing && billing.by).toBe('name');
    const relevance = resolve('relev', projects, 'piece');
    expect('ambiguous' in relevance && [relevance.by, relevance.ambiguous.length]).toEqual(['piece', 2]);
    expect(resolve('nothing like it', projects, 'piece')).toEqual({ none: true });
    expect(resolve('proj_aaaaaaaaaaaaaaaaaaaaaaa2', projects, 'piece')).toEqual({ id: 'proj_aaaaaaaaaaaaaaaaaaaaaaa2' });
  });
});

describe('the snapshot', () => {
  it('stays the same object when fresh answers change nothing, and lists active projects only', () => {
    const byId = Object.fromEntries(projects.map((x) => [x.id, x]));
    const snapshot = snapshotOf(byId);
    expect(snapshot.active.map((x) => x.name)).toEqual(['Sales Evals', 'Billing', 'Search Relevance', 'search relevance 2']);
    expect(mergeInto(snapshot, { [projects[0]!.id]: { ...projects[0]! } })).toBe(snapshot);
    expect(replaceWith(snapshot, { ...byId })).toBe(snapshot);
    const renamed = mergeInto(snapshot, { [projects[0]!.id]: { ...projects[0]!, name: 'Sales' } });
    expect(renamed.byId[projects[0]!.id]!.name).toBe('Sales');
    expect(replaceWith(snapshot, { [projects[1]!.id]: projects[1]! }).active).toEqual([projects[1]]);
  });
});

describe('lookups', () => {
  it('asks one by one up to the policy, a few at a time: a 404 is an unknown project, not a failure', async () => {
    demo = await startDemoServer();
    const client = createClient({ baseURL: demo.baseUrl, adminApiKey: demo.adminKey, maxRetries: 0 });
    const known = demo.state
      .projects()
      .slice(0, 3)
      .map((x) => x.id);
    const missing = 'proj_NotAProjectOfThisOrg0001';
    const mark = demo.requests.length;
    const answers: string[] = [];
    const { found, unknown, failed } = await lookUpProjects(client, [...known, missing], { onAnswer: (id) => answers.push(id) });
    expect([[...found.keys()].sort(), unknown, failed]).toEqual([[...known].sort(), [missing], []]);
    expect(answers.sort()).toEqual([...known, missing].sort());
    expect(demo.requests.slice(mark).map((r) => r.path)).toEqual(
      expect.arrayContaining([...known, missing].map((id) => `/v1/organization/projects/${id}`)),
    );
    expect(demo.requests.length - mark).toBe(4);
    expect([lookUpOneByOne(LOOKUPS.oneByOne), lookUpOneByOne(LOOKUPS.oneByOne + 1)]).toEqual([true, false]);
    const all = await readDirectory(client);
    expect(all.size).toBe(demo.state.projects().length);
    await client.close();
  });
});

describe('findProject (the command line)', () => {
  it('an id asked for alone, a name exactly from the list; several of a name, or none, are said', async () => {
    demo = await startDemoServer();
    const client = createClient({ baseURL: demo.baseUrl, adminApiKey: demo.adminKey, maxRetries: 0 });
    const [a, b, c] = demo.state.projects().filter((x) => x.status === 'active');
    renameProject(demo, a!.id, 'Twin');
    renameProject(demo, b!.id, 'Twin');
    renameProject(demo, c!.id, 'Only One');
    let mark = demo.requests.length;
    expect(await findProject(client, c!.id)).toMatchObject({ project: { id: c!.id } });
    expect(demo.requests.slice(mark).map((r) => r.path)).toEqual([`/v1/organization/projects/${c!.id}`]);
    const missing = await findProject(client, 'proj_NotAProjectOfThisOrg0001');
    expect('none' in missing && missing.error).toBeInstanceOf(ApiError);
    expect(await findProject(client, 'Only One')).toMatchObject({ project: { id: c!.id } });
    const twins = await findProject(client, 'Twin');
    expect('ambiguous' in twins && twins.ambiguous.map((x) => x.id).sort()).toEqual([a!.id, b!.id].sort());
    mark = demo.requests.length;
    const directory = await readDirectory(client);
    const listed = demo.requests.length - mark;
    expect(await findProject(client, 'only one', { directory })).toEqual({ none: true });
    expect(demo.requests.length - mark).toBe(listed);
    await client.close();
  });
});
