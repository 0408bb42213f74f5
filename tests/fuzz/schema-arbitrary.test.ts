import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../server/helpers/backends';
import { startHarness, type Harness } from '../server/helpers/harness';
import { Prng } from '../chaos/prng';
import { operationsOf, type OpenApiDocument } from './openapi';
import { schemaValidator } from './oracle';
import { validArb } from './schema-arbitrary';

/**
 * The fuzzer's generators are only as good as their idea of "valid": every value `validArb`
 * draws from an operation's schema must pass that schema (checked with Ajv, as answers are).
 */
describe('fuzz generators', () => {
  let h: Harness;
  let doc: OpenApiDocument;
  beforeAll(async () => {
    h = await startHarness(backends[0]!);
    doc = (await h.call('GET', '/api/v1/openapi.json')).json() as OpenApiDocument;
  });
  afterAll(() => h?.close());

  it('draws bodies and parameters that their own schemas accept', () => {
    const validate = schemaValidator(doc);
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(20);
    for (const op of ops) {
      const schemas = [...(op.body ? [op.body] : []), ...op.parameters.filter((p) => p.in === 'query').map((p) => p.schema)];
      for (const schema of schemas)
        for (const value of fc.sample(validArb(doc, schema), { seed: 7, numRuns: 40 })) expect(validate(schema, value), `${op.key}: ${JSON.stringify(value)}`).toBeNull();
    }
  });

  it('gives one seed one stream', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    expect(Array.from({ length: 5 }, () => a.uuidv7(0))).toEqual(Array.from({ length: 5 }, () => b.uuidv7(0)));
    expect(new Prng(43).int(0, 1e9)).not.toBe(new Prng(42).int(0, 1e9));
  });
});
