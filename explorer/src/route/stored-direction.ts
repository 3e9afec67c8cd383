/**
 * A path step is given in walking order; the picture and its sentences follow each relationship's stored
 * direction, so a REQUIRES walked from a skill to a role still reads "MLOps Engineer requires …".
 */

export type EntityKind = 'Role' | 'Skill' | 'Tool';
export type RelationKind = 'PREREQUISITE_OF' | 'RELATED_TO' | 'REQUIRES' | 'SAME_AS' | 'SUPPORTS' | 'USES';

export interface PathNode {
  __typename: EntityKind;
  key: string;
  name: string;
  /** A skill's direct prerequisites (first page), which tell a PREREQUISITE_OF step's direction. */
  prerequisites?: { edges: readonly { node: { key: string } }[] };
}

export interface WalkedStep {
  relation: RelationKind;
  importance: string | null;
  level: number | null;
  from: PathNode;
  to: PathNode;
}

export interface StoredRelationship {
  source: PathNode;
  target: PathNode;
  relation: RelationKind;
  /** "MLOps Engineer requires Machine Learning Fundamentals (essential, level 3)" */
  sentence: string;
}

const VERBS: Record<RelationKind, string> = {
  REQUIRES: 'requires',
  USES: 'uses',
  SUPPORTS: 'supports',
  PREREQUISITE_OF: 'is a prerequisite of',
  RELATED_TO: 'is related to',
  SAME_AS: 'is the same as',
};

/** The kind a relationship starts from, where the kinds alone decide its direction. */
const SOURCE_KIND: Partial<Record<RelationKind, EntityKind>> = { REQUIRES: 'Role', USES: 'Role', SUPPORTS: 'Tool' };

const isPrerequisiteOf = (a: PathNode, b: PathNode) =>
  b.prerequisites?.edges.some(({ node }) => node.key === a.key) ?? false;

export function storedDirection(step: WalkedStep): StoredRelationship {
  const { from, to, relation } = step;
  const sourceKind = SOURCE_KIND[relation];
  let forward = true;
  if (sourceKind) forward = from.__typename === sourceKind;
  else if (relation === 'PREREQUISITE_OF') forward = isPrerequisiteOf(from, to) || !isPrerequisiteOf(to, from);
  const [source, target] = forward ? [from, to] : [to, from];
  const details = [
    step.importance?.toLowerCase(),
    typeof step.level === 'number' ? `level ${step.level}` : undefined,
  ].filter(Boolean);
  const sentence = `${source.name} ${VERBS[relation]} ${target.name}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
  return { source, target, relation, sentence };
}
