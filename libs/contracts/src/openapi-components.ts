import { z } from 'zod/v4';
import { API_SCHEMAS, type JsonSchema } from './api-schemas.js';

/**
 * The named schemas as OpenAPI 3.0 components. zod writes JSON Schema 2020-12; 3.0 has no
 * `type: 'null'` (it says `nullable: true`) and ignores siblings of a $ref, so those are rewritten.
 * `additionalProperties: false` is dropped: answers may grow without breaking clients. The bounds
 * zod gives every `.int()` (the safe-integer range) are noise in a document, so they go too.
 */
export function openApiComponents(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(API_SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, id: _name, ...rest } = schema as JsonSchema;
      return [id, toOpenApi30(rest) as JsonSchema];
    }),
  );
}

function toOpenApi30(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toOpenApi30);
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.entries(node).filter(([key, value]) => !(key === 'additionalProperties' && value === false) && !isSafeIntegerBound(key, value));
  const schema = Object.fromEntries(entries.map(([key, value]) => [key, toOpenApi30(value)])) as JsonSchema;
  const variants = schema.anyOf as JsonSchema[] | undefined;
  if (!variants?.some((variant) => variant.type === 'null')) return schema;
  const { anyOf: _anyOf, ...outer } = schema;
  const others = variants.filter((variant) => variant.type !== 'null');
  const inner = others.length === 1 ? others[0] : { anyOf: others };
  return inner.$ref ? { ...outer, allOf: [inner], nullable: true } : { ...outer, ...inner, nullable: true };
}

function isSafeIntegerBound(key: string, value: unknown): boolean {
  return (key === 'minimum' && value === Number.MIN_SAFE_INTEGER) || (key === 'maximum' && value === Number.MAX_SAFE_INTEGER);
}
