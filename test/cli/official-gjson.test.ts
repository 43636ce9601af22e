// --transform's GJSON subset, on the examples of ../shared/design/OFFICIAL-CLI.md, and what it refuses.
import { describe, expect, it } from 'vitest';
import { checkPath, getPath, TransformError } from '../../src/cli/official/gjson';
import { parseJson, pretty } from '../../src/cli/official/json';

const DOC = '{"object":"list","data":[{"id":"cp_1","project_id":"proj_a"},{"id":"cp_2","project_id":"proj_b"}],"has_more":false}';
const doc = parseJson(DOC);
const raw = (path: string) => getPath(doc, path)?.raw;

describe('the paths of the document', () => {
  it.each([
    ['data.#', '2'],
    ['data.0.id', '"cp_1"'],
    ['data.#.project_id', '["proj_a","proj_b"]'],
    ['data.#(project_id=="proj_b").id', '"cp_2"'],
    ['data.#(project_id%"proj_*")#.id', '["cp_1","cp_2"]'],
    ['has_more', 'false'],
    ['d*a.1.id', '"cp_2"'],
    ['d?ta.1.id', '"cp_2"'],
  ])('%s is %s', (path, expected) => {
    expect(raw(path)).toBe(expected);
  });

  it('the modifiers', () => {
    expect(raw('@this')).toBe(DOC);
    expect(raw('@ugly')).toBe(DOC);
    expect(pretty(getPath(doc, '@pretty')!)).toBe(`${JSON.stringify(JSON.parse(DOC), null, 2)}\n`);
    expect(raw('@keys')).toBe('["object","data","has_more"]');
    expect(JSON.parse(raw('@values')!)).toEqual(Object.values(JSON.parse(DOC)));
    expect(raw('data.#.id|@reverse')).toBe('["cp_2","cp_1"]');
    expect(Object.keys(JSON.parse(raw('@reverse')!))).toEqual(['has_more', 'data', 'object']);
  });

  it('a key with a dot is escaped with \\.; per item, project_id; nothing matched is undefined', () => {
    expect(getPath(parseJson('{"a.b":{"c":1}}'), 'a\\.b.c')?.raw).toBe('1');
    expect(getPath(parseJson('{"id":"cp_1","project_id":"proj_a"}'), 'project_id')?.raw).toBe('"proj_a"');
    expect(raw('data.5.id')).toBeUndefined();
    expect(raw('nothing')).toBeUndefined();
  });

  it('queries compare numbers as numbers and support != < > and !%', () => {
    const items = parseJson('{"data":[{"n":2,"s":"x"},{"n":10,"s":"y"},{"n":7,"s":"xy"}]}');
    expect(getPath(items, 'data.#(n>5)#.n')?.raw).toBe('[10,7]');
    expect(getPath(items, 'data.#(n<=7)#.s')?.raw).toBe('["x","xy"]');
    expect(getPath(items, 'data.#(s!="x")#.n')?.raw).toBe('[10,7]');
    expect(getPath(items, 'data.#(s!%"x*")#.n')?.raw).toBe('[10]');
  });
});

describe('what is refused, by name, before anything is sent', () => {
  it.each([
    ['[data.0,has_more]', 'multipath'],
    ['{a:data.0}', 'multipath'],
    ['..0', 'JSON lines'],
    ['@flatten', 'the modifier @flatten'],
    ['@pretty:{"indent":"\\t"}', 'an argument to @pretty'],
    ['data.#(id.#(x==1))', 'nested query'],
    ['data.#(id=~"cp")', 'regular-expression'],
    ['data.#(id==cp_1)', 'query value'],
  ])('%s (%s)', (path, what) => {
    expect(() => checkPath(path)).toThrow(TransformError);
    expect(() => checkPath(path)).toThrow(what);
  });
});
