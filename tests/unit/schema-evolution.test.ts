import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type BreakingChange,
  BreakingChangeType,
  buildSchema,
  findBreakingChanges,
  findDangerousChanges,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/graphql/schema.js';
import { findProjectRoot } from '../../src/project-root.js';

const released = buildSchema(readFileSync(join(findProjectRoot(), 'schema', 'released.graphql'), 'utf8'));

/** `Removal on or after YYYY-MM-DD`: the date a deprecated element may go, stated in its reason. */
const REMOVAL_DATE = /removal on or after (\d{4}-\d{2}-\d{2})/i;

/** Every deprecated element of a schema (fields, arguments, input fields, enum values) by coordinate. */
function deprecations(of: GraphQLSchema): Map<string, string> {
  const found = new Map<string, string>();
  for (const type of Object.values(of.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.deprecationReason) found.set(`${type.name}.${field.name}`, field.deprecationReason);
        for (const arg of 'args' in field ? field.args : []) {
          if (arg.deprecationReason) found.set(`${type.name}.${field.name}(${arg.name}:)`, arg.deprecationReason);
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (value.deprecationReason) found.set(`${type.name}.${value.name}`, value.deprecationReason);
      }
    }
  }
  return found;
}

function coordinateOf(change: BreakingChange): [string, string] | undefined {
  const match = /^([A-Za-z_][\w]*)\.([A-Za-z_][\w]*)/.exec(change.description);
  return match ? [match[1] as string, match[2] as string] : undefined;
}

/** A breaking change is allowed only when it removes what the released schema deprecated, past its date. */
function allowed(change: BreakingChange, releasedDeprecations: Map<string, string>, today: string): boolean {
  const reason = releasedDeprecations.get(coordinateOf(change)?.join('.') ?? '');
  const date = reason ? REMOVAL_DATE.exec(reason)?.[1] : undefined;
  return date !== undefined && date <= today;
}

/**
 * An output field that was a String and is now an enum, with the same list and null wrappers: the JSON a
 * client receives is the same text, and a generated type narrows from string to a union of strings, which
 * every reading of the old type still accepts. graphql-js counts any change of named type as breaking.
 */
function isStringNarrowedToEnum(change: BreakingChange, before: GraphQLSchema, after: GraphQLSchema): boolean {
  if (change.type !== BreakingChangeType.FIELD_CHANGED_KIND) return false;
  const [typeName = '', fieldName = ''] = coordinateOf(change) ?? [];
  const fieldOf = (schema: GraphQLSchema) => {
    const type = schema.getType(typeName);
    return isObjectType(type) || isInterfaceType(type) ? type.getFields()[fieldName] : undefined;
  };
  const [old, current] = [fieldOf(before), fieldOf(after)];
  if (!old || !current || getNamedType(old.type).name !== 'String') return false;
  const named = getNamedType(current.type);
  return isEnumType(named) && String(current.type).replace(named.name, 'String') === String(old.type);
}

describe('schema evolution', () => {
  it('makes no breaking change to the released schema, unless it removes a deprecation past its date', () => {
    const today = new Date().toISOString().slice(0, 10);
    const releasedDeprecations = deprecations(released);
    const breaking = findBreakingChanges(released, schema).filter(
      (change) => !allowed(change, releasedDeprecations, today) && !isStringNarrowedToEnum(change, released, schema),
    );
    expect(breaking.map((change) => `${change.type}: ${change.description}`)).toEqual([]);
    // Not errors, but worth a line in CHANGELOG.md: clients with exhaustive switches or defaults notice them.
    for (const change of findDangerousChanges(released, schema)) {
      console.info(`[schema] since the released schema: ${change.description}`);
    }
  });

  it('deprecates only with a reason that says what to use and when it goes', () => {
    for (const [coordinate, reason] of deprecations(schema)) {
      expect(reason, coordinate).toMatch(REMOVAL_DATE);
    }
  });

  it('refuses a removed field, which is how a client would notice', () => {
    const trimmed = buildSchema(
      readFileSync(join(findProjectRoot(), 'schema', 'released.graphql'), 'utf8').replace(
        /\n *"""Counts of the roles, skills, tools and relationships in the graph\."""\n *stats: GraphStats!/,
        '',
      ),
    );
    const changes = findBreakingChanges(released, trimmed);
    expect(changes.map((change) => change.description)).toEqual(['Query.stats was removed.']);
    expect(allowed(changes[0] as BreakingChange, deprecations(released), '2026-11-27')).toBe(false);
    const deprecated = new Map([['Query.stats', 'Use graphStats. Removal on or after 2026-06-01.']]);
    expect(allowed(changes[0] as BreakingChange, deprecated, '2026-11-27')).toBe(true);
    expect(allowed(changes[0] as BreakingChange, deprecated, '2026-05-31')).toBe(false);
  });

  it('lets an output String become an enum, and nothing else change kind', () => {
    const before = buildSchema(
      'enum Level { LOW HIGH } type Query { a: String, b: String!, c: [String], d: Int, e: Int }',
    );
    const after = buildSchema('enum Level { LOW HIGH } type Query { a: Level, b: Level, c: Level, d: Level, e: Int }');
    const verdicts = Object.fromEntries(
      findBreakingChanges(before, after).map((change) => [
        coordinateOf(change)?.[1],
        isStringNarrowedToEnum(change, before, after),
      ]),
    );
    expect(verdicts).toEqual({ a: true, b: false, c: false, d: false });
  });
});
