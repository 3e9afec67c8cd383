import type { TestHelper } from './test-helper.js';

/** A `createSkill` input the rules accept, named after its key, with `extra` fields over it. */
export const newSkillInput = (key: string, extra: Record<string, unknown> = {}) => ({
  key,
  name: key.replace(/-/g, ' '),
  description: `About ${key}.`,
  category: 'data',
  learningHours: 20,
  ...extra,
});

/**
 * ESCO's data scientist, as an import writes it: the node the seed's crosswalk links data-scientist to,
 * so that SAME_AS is part of the graph.
 */
export function writeImportedDataScientist(helper: TestHelper): Promise<void> {
  return helper.writeCypher(
    `CREATE (:Role:Entity {key: 'esco-data-scientist', name: 'data scientist', nameLower: 'data scientist',
                           aliases: [], description: 'ESCO', source: 'esco', sourceId: $uri})`,
    { uri: 'http://data.europa.eu/esco/occupation/258e46f9-0075-4a2e-adae-1ff0477e0f30' },
  );
}
