import fc from 'fast-check';
import { resolve, type OpenApiDocument, type Schema } from './openapi';
import { hostileString } from './strings';

/**
 * fast-check arbitraries from the JSON Schemas in the OpenAPI document: `valid` draws values the
 * schema accepts (the server may still refuse them: an id no one has), `invalid` draws values it
 * does not, one mutation deep: a wrong type, a missing or unknown property, a string too long or
 * off its pattern, a number out of range or fractional, a hostile string.
 */

type Arb = fc.Arbitrary<unknown>;

const typesOf = (s: Schema): string[] => (Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : []);

function stringArb(s: Schema): fc.Arbitrary<string> {
  const min = (s.minLength as number | undefined) ?? 0;
  const max = Math.min((s.maxLength as number | undefined) ?? 60, 60);
  if (s.format === 'email') {
    // addresses every pattern (zod's, also under allOf) and the email format (the document's) accept
    const patterns = [s.pattern, ...((s.allOf as Schema[] | undefined) ?? []).map((x) => x.pattern)].filter((p): p is string => typeof p === 'string');
    const res = (patterns.length ? patterns : ['@']).map((p) => new RegExp(p));
    return fc.emailAddress().filter((x) => res.every((re) => re.test(x)) && x.length <= ((s.maxLength as number | undefined) ?? 200));
  }
  if (typeof s.pattern === 'string') {
    const re = new RegExp(s.pattern as string);
    return fc.stringMatching(re).filter((x) => x.length >= min && x.length <= ((s.maxLength as number | undefined) ?? 10_000));
  }
  // printable text, Cyrillic included: what people type
  const unit = fc.oneof(fc.constantFrom(...'абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВ'.split('')), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }));
  return fc.string({ unit, minLength: min, maxLength: Math.max(min, max) });
}

function integerArb(s: Schema): fc.Arbitrary<number> {
  const min = Math.max((s.minimum as number | undefined) ?? -1_000_000, Number.MIN_SAFE_INTEGER);
  const max = Math.min((s.maximum as number | undefined) ?? 1_000_000, Number.MAX_SAFE_INTEGER);
  // mostly small values near the lower bound, where ids, years and limits live
  return fc.oneof({ arbitrary: fc.integer({ min, max: Math.min(max, min + 3000) }), weight: 3 }, { arbitrary: fc.integer({ min, max }), weight: 1 });
}

export function validArb(doc: OpenApiDocument, schema: Schema, depth = 0): Arb {
  const s = resolve(doc, schema);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const alternatives = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((a) => validArb(doc, a, depth + 1)));
  const types = typesOf(s);
  if (types.length > 1) return fc.oneof(...types.map((t) => validArb(doc, { ...s, type: t }, depth)));
  switch (types[0]) {
    case 'string':
      return stringArb(s);
    case 'integer':
      return integerArb(s);
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: (s.minimum as number | undefined) ?? -1e6, max: (s.maximum as number | undefined) ?? 1e6 });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = (s.items as Schema | undefined) ?? {};
      const minLength = (s.minItems as number | undefined) ?? 0;
      return fc.array(validArb(doc, items, depth + 1), { minLength, maxLength: Math.max(minLength, Math.min((s.maxItems as number | undefined) ?? 4, 4)) });
    }
    case 'object':
      return objectArb(doc, s, depth);
    default:
      // no type: anything JSON
      return depth > 3 ? fc.constant(null) : fc.jsonValue({ maxDepth: 2 });
  }
}

function objectArb(doc: OpenApiDocument, s: Schema, depth: number): Arb {
  const props = (s.properties as Record<string, Schema> | undefined) ?? {};
  const required = new Set((s.required as string[] | undefined) ?? []);
  const entries = Object.entries(props).map(([k, v]) => [k, validArb(doc, v, depth + 1)] as const);
  return fc.record(Object.fromEntries(entries), { requiredKeys: [...required].filter((k) => k in props) });
}

/** A value of another JSON type than the schema's. */
function wrongType(s: Schema): Arb {
  const types = new Set(typesOf(s));
  const others: Arb[] = [];
  if (!types.has('string')) others.push(fc.string({ maxLength: 8 }));
  if (!types.has('integer') && !types.has('number')) others.push(fc.integer());
  if (!types.has('boolean')) others.push(fc.boolean());
  if (!types.has('null')) others.push(fc.constant(null));
  if (!types.has('array')) others.push(fc.constant([]));
  if (!types.has('object')) others.push(fc.constant({}));
  return fc.oneof(...others);
}

/** Values that break one rule of a scalar schema. */
function brokenScalar(s: Schema): Arb[] {
  const out: Arb[] = [wrongType(s)];
  const types = typesOf(s);
  if (types.includes('string')) {
    if (typeof s.maxLength === 'number') out.push(fc.constant('я'.repeat((s.maxLength as number) + 1)));
    if (typeof s.minLength === 'number' && (s.minLength as number) > 0) out.push(fc.constant(''));
    if (typeof s.pattern === 'string' || Array.isArray(s.enum)) out.push(fc.string({ minLength: 1, maxLength: 12 }));
    out.push(hostileString());
  }
  if (types.includes('integer') || types.includes('number')) {
    if (typeof s.minimum === 'number') out.push(fc.constant((s.minimum as number) - 1));
    if (typeof s.maximum === 'number' && (s.maximum as number) < Number.MAX_SAFE_INTEGER) out.push(fc.constant((s.maximum as number) + 1));
    out.push(fc.constantFrom(-1, 0.5, -0.000001, 1e21, 1e308, Number.MAX_SAFE_INTEGER + 2));
  }
  if (Array.isArray(s.enum)) out.push(fc.constantFrom('', 'unknown', 'ADMIN', 'null'));
  return out;
}

/** One mutation somewhere in an object built from the schema. */
export function invalidArb(doc: OpenApiDocument, schema: Schema, depth = 0): Arb {
  const s = resolve(doc, schema);
  const types = typesOf(s);
  if (!types.includes('object') || !s.properties) {
    if (types.includes('array')) {
      const items = (s.items as Schema | undefined) ?? {};
      const max = s.maxItems as number | undefined;
      const arbs: Arb[] = [wrongType(s), fc.constant([])];
      if (max !== undefined && max <= 300) arbs.push(fc.array(validArb(doc, items, depth + 1), { minLength: max + 1, maxLength: max + 1 }));
      return fc.oneof(...arbs);
    }
    return fc.oneof(...brokenScalar(s));
  }
  const props = s.properties as Record<string, Schema>;
  const names = Object.keys(props);
  const required = ((s.required as string[] | undefined) ?? []).filter((k) => k in props);
  const base = objectArb(doc, s, depth) as fc.Arbitrary<Record<string, unknown>>;
  const mutations: Arb[] = [
    wrongType(s),
    base.map((o) => ({ ...o, [`unknown_${depth}`]: 'x' })),
  ];
  if (required.length) mutations.push(fc.tuple(base, fc.constantFrom(...required)).map(([o, k]) => Object.fromEntries(Object.entries(o).filter(([x]) => x !== k))));
  if (names.length && depth < 3)
    mutations.push(
      fc
        .constantFrom(...names)
        .chain((k) => fc.tuple(base, fc.constant(k), invalidArb(doc, props[k]!, depth + 1)))
        .map(([o, k, v]) => ({ ...o, [k]: v })),
    );
  return fc.oneof(...mutations);
}
