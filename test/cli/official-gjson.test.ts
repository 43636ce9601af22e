// --transform's GJSON, on the examples of ../shared/design/OFFICIAL-CLI.md and the syntax the official CLI's gjson has beyond them.
import { describe, expect, it } from 'vitest';
import { getPath, TransformError } from '../../src/cli/official/gjson';
import { parseQuery, splitPossiblePipe } from '../../src/cli/official/gjson/path';
import { parseJson, pretty, type JsonNode } from '../../src/cli/official/json';

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

describe('the whole syntax, as gjson v1.19.0 reads it (once refused before anything was sent)', () => {
  it.each([
    ['[data.0.id,has_more]', '["cp_1",false]'],
    ['{data.0.id,"more":has_more}', '{"id":"cp_1","more":false}'],
    ['{first:data.0.id}.first', '"cp_1"'],
    ['data.#(id==cp_2).project_id', '"proj_b"'],
    ['data.#(project_id!%"*_a")#.id', '["cp_2"]'],
    ['data.#(id%"cp_*")#|#', '2'],
    ['data.#(id=="cp_1")|project_id', '"proj_a"'],
    ['data.#.id|@reverse|0', '"cp_2"'],
    ['@pretty:{"indent":"\\t"}', null],
    ['data.@flatten', '[{"id":"cp_1","project_id":"proj_a"},{"id":"cp_2","project_id":"proj_b"}]'],
    ['data|@join', '{"id":"cp_2","project_id":"proj_b"}'],
    ['data.0|@keys', '["id","project_id"]'],
    ['!true', 'true'],
    ['{"ok":!"yes",data.#}', '{"ok":"yes","_":2}'],
    ['data.#.id|@pretty', '["cp_1", "cp_2"]\n'],
    ['data.#.id|@pretty:{"width":10}', '[\n  "cp_1",\n  "cp_2"\n]\n'],
    ['data.0.@tostr', '"{\\"id\\":\\"cp_1\\",\\"project_id\\":\\"proj_a\\"}"'],
    ['@dig:project_id', '["proj_a","proj_b"]'],
    ['data.0|@valid', '{"id":"cp_1","project_id":"proj_a"}'],
  ])('%s is %s', (path, expected) => {
    // tidwall/pretty puts an array on one line only when it holds no object.
    const tabbed =
      '{\n\t"object": "list",\n\t"data": [\n\t\t{\n\t\t\t"id": "cp_1",\n\t\t\t"project_id": "proj_a"\n\t\t},\n\t\t{\n\t\t\t"id": "cp_2",\n\t\t\t"project_id": "proj_b"\n\t\t}\n\t],\n\t"has_more": false\n}\n';
    expect(raw(path)).toBe(expected ?? tabbed);
  });

  it('nested queries, ~true/~false/~null/~* and @group', () => {
    const doc = parseJson(
      '{"vals":[{"a":1,"b":"yes","t":[{"x":1}]},{"a":2,"b":"true","t":[{"x":2}]},{"a":3,"b":false},{"a":4,"b":null},{"a":5}]}',
    );
    expect(getPath(doc, 'vals.#(t.#(x==2))#.a')?.raw).toBe('[2]');
    expect(getPath(doc, 'vals.#(b==~true)#.a')?.raw).toBe('[2]');
    expect(getPath(doc, 'vals.#(b==~false)#.a')?.raw).toBe('[3,4,5]');
    expect(getPath(doc, 'vals.#(b==~null)#.a')?.raw).toBe('[4,5]');
    expect(getPath(doc, 'vals.#(b!=~*)#.a')?.raw).toBe('[5]');
    expect(getPath(parseJson('{"id":["a","b"],"n":[1,2]}'), '@group')?.raw).toBe('[{"id":"a","n":1},{"id":"b","n":2}]');
  });

  it('.. reads the text as JSON Lines; a result keeps the bytes of the input (spacing, number spelling, escapes)', () => {
    const lines = parseJson('[0]');
    expect(getPath({ ...lines, raw: '{"a":1}\n{"a":2.50}\n' }, '..#.a')?.raw).toBe('[1,2.50]');
    expect(getPath({ ...lines, raw: '{"a":1}\n{"a":2}\n' }, '..1')?.raw).toBe('{"a":2}');
    const spaced = parseJson('{"a": [ 1.0 , 2e3 ], "s": "\\u00e9"}');
    expect(getPath(spaced, 'a')?.raw).toBe('[ 1.0 , 2e3 ]');
    expect(getPath(spaced, 's')).toMatchObject({ kind: 'string', raw: '"\\u00e9"', value: 'é' });
  });

  it('a path gjson finds nothing with is undefined, never an error', () => {
    for (const path of ['data.#(', '{a', '@nothing', '..', 'data.#(id=~"cp")', '']) expect(() => getPath(doc, path)).not.toThrow();
    expect(raw('@nothing')).toBeUndefined();
  });

  it("strings compare as Go compares them, by code point (UTF-8 bytes), in queries and in @pretty's sortKeys", () => {
    const texts = parseJson('["\\ud83d\\ude00","\\ufffd"]');
    expect(getPath(texts, '#(>"\ufffd")')?.raw).toBe('"\\ud83d\\ude00"');
    const keys = parseJson('{"\\ud83d\\ude00":1,"\\ufffd":2}');
    expect(getPath(keys, '@pretty:{"sortKeys":true}|@keys')?.raw).toBe('["\\ufffd","\\ud83d\\ude00"]');
  });

  it("tidwall/pretty v1.2.1's own cases (pretty_test.go), through @pretty and @ugly", () => {
    const at = (json: string, path: string) => getPath({ kind: 'null', raw: json }, path)?.raw;
    const sorted = '@pretty:{"sortKeys":true}|@ugly';
    // TestPrettyStableSort, TestStableSort10: keys sorted, then values, equal ones kept in their order.
    expect(at('{"c":3,"b":3,"a":3,"c":2,"b":2,"a":2,"c":1,"b":1,"a":1}', sorted)).toBe(
      '{"a":1,"a":2,"a":3,"b":1,"b":2,"b":3,"c":1,"c":2,"c":3}',
    );
    for (const json of [
      '{"key3":3,"key":"abc","key":"value","key":"rrr","key":"bbb"}',
      '{"key":"abc","key":"bbb","key":"value","key3":3,"key":"rrr"}',
      '{"key":"bbb","key":"value","key":"rrr","key3":3,"key":"abc"}',
      '{"key3":3,"key":"abc","key":"bbb","key":"value","key":"rrr"}',
    ]) {
      expect(at(json, sorted)).toBe('{"key":"abc","key":"bbb","key":"rrr","key":"value","key3":3}');
    }
    // TestNaN: NaN and Inf kept as written.
    for (const value of ['NaN', 'nan', 'Nan', 'nAn', 'inf', 'Inf', '-inf', '+Inf']) {
      expect(at(`{"num":${value}}`, '@pretty|@ugly')).toBe(`{"num":${value}}`);
    }
    // TestPrettyNoSpaceAfterNewline.
    expect(at('[{"foo":1,"bar":2},{"foo":3,"bar":4}]', '@pretty')).not.toContain(' \n');
    expect(at(' ', '@pretty')).toBeUndefined();
  });

  it('a path too deep for the stack is a clear error, not a crash', () => {
    // gjson reads the raw text only (json.ts's own parser is not what is tested here).
    const deep: JsonNode = { kind: 'array', raw: `${'['.repeat(20000)}${']'.repeat(20000)}`, items: [] };
    expect(() => getPath(deep, `${'0.'.repeat(19999)}#`)).toThrow(TransformError);
    expect(() => getPath(deep, `${'0.'.repeat(19999)}#`)).toThrow(/nests too deeply to follow/);
  });
});

describe("gjson_test.go's tests of the path readers (TestParseQuery, TestSplitPipe)", () => {
  it.each([
    ['#(service_roles.#(=="one").()==asdf).cap', 'service_roles.#(=="one").()', '=', 'asdf', '.cap'],
    ['#(first_name%"Murphy").last', 'first_name', '%', '"Murphy"', '.last'],
    ['#( first_name !% "Murphy" ).last', 'first_name', '!%', '"Murphy"', '.last'],
    ['#(service_roles.#(=="one"))', 'service_roles.#(=="one")', '', '', ''],
    ['#(a\\("\\"(".#(=="o\\"(ne")%"ab\\")").remain', 'a\\("\\"(".#(=="o\\"(ne")', '%', '"ab\\")"', '.remain'],
  ])('parseQuery %s', (query, path, op, value, remain) => {
    const q = parseQuery(query)!;
    expect({ path: q.path, op: q.op, value: q.value, remain: query.slice(q.end) }).toEqual({ path, op, value, remain });
  });

  it.each([
    ['hello', undefined],
    ['hello.world', undefined],
    ['hello|world', { left: 'hello', right: 'world' }],
    ['hello\\|world', undefined],
    ['hello.#', undefined],
    ['hello.#[a|1="asdf\\"|1324"]#\\|that', undefined],
    ['hello.#[a|1="asdf\\"|1324"]#|that.more|yikes', { left: 'hello.#[a|1="asdf\\"|1324"]#', right: 'that.more|yikes' }],
    ['a.#[]#\\|b', undefined],
  ])('splitPossiblePipe %s', (path, expected) => {
    expect(splitPossiblePipe(path)).toEqual(expected);
  });
});
