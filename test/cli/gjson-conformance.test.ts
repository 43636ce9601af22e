// The GJSON conformance table: the (json, path, expected) cases of tidwall/gjson v1.19.0's own gjson_test.go (MIT),
// extracted by scripts/gjson-cases.mjs into gjson-cases.json, run against our port. A case that cannot apply says why.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exists, get, resultInt, resultString, Type, type Result } from '../../src/cli/official/gjson';
import { forEach } from '../../src/cli/official/gjson/scan';

interface Case {
  test: string;
  line: number;
  json?: string;
  path?: string;
  check?: string;
  then?: string[];
  expected?: string | number | boolean | string[] | null;
  skip?: string;
}

const table = JSON.parse(readFileSync(new URL('./gjson-cases.json', import.meta.url), 'utf8')) as { cases: Case[] };
const TYPES = Object.fromEntries(Object.entries(Type).map(([name, code]) => [code, name]));

/** What gjson_test.go reads from the result, read from ours the same way. */
function observe(result: Result, check: string): Case['expected'] {
  switch (check) {
    case 'Runs':
      return true;
    case 'Value':
      return result.type === Type.Null ? null : resultString(result);
    case 'Array': {
      // Result.Array(): nothing for null, the items of an array, else the value alone.
      if (result.type === Type.Null) return [];
      if (!(result.type === Type.JSON && result.raw.startsWith('['))) return [resultString(result)];
      const items: string[] = [];
      forEach(result, (_, value) => {
        items.push(resultString(value));
        return true;
      });
      return items;
    }
    case 'String':
      return resultString(result);
    case 'Raw':
      return result.raw;
    case 'Str':
      return result.str;
    case 'Num':
      return result.num;
    case 'Int':
    case 'Uint':
      return resultInt(result);
    case 'Exists':
      return exists(result);
    case 'IsArray':
      return result.type === Type.JSON && result.raw.startsWith('[');
    case 'IsObject':
      return result.type === Type.JSON && result.raw.startsWith('{');
    case 'Type':
      return TYPES[result.type]!;
  }
  throw new Error(`no reader for ${check}`);
}

const applicable = table.cases.filter((c) => !c.skip);

describe('gjson_test.go, case by case', () => {
  it('holds several hundred applicable cases', () => {
    expect(applicable.length).toBeGreaterThan(200);
  });

  it.each(applicable.map((c) => [`${c.test}:${c.line} ${JSON.stringify(c.path)} ${c.check}`, c] as const))('%s', (_, c) => {
    // `then`: paths applied in turn to the String() of the result, as the Go test chains them.
    const result = (c.then ?? []).reduce((previous, path) => get(resultString(previous), path), get(c.json!, c.path!));
    const seen = observe(result, c.check!);
    expect(seen).toEqual(c.expected);
  });
});
