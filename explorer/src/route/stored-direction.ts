/**
 * A path step is given in walking order, with its relationship's stored `direction`; the picture and its
 * sentences follow the stored direction, so a REQUIRES walked from a skill to a role still reads
 * "MLOps Engineer requires …".
 */

export type EntityKind = 'Role' | 'Skill' | 'Tool';
export type RelationKind = 'PREREQUISITE_OF' | 'RELATED_TO' | 'REQUIRES' | 'SAME_AS' | 'SUPPORTS' | 'USES';

export interface PathNode {
  __typename: EntityKind;
  key: string;
  name: string;
}

export interface WalkedStep {
  relation: RelationKind;
  direction: 'FORWARD' | 'BACKWARD';
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

export function storedDirection(step: WalkedStep): StoredRelationship {
  const { from, to, relation } = step;
  const [source, target] = step.direction === 'FORWARD' ? [from, to] : [to, from];
  const details = [
    step.importance?.toLowerCase(),
    typeof step.level === 'number' ? `level ${step.level}` : undefined,
  ].filter(Boolean);
  const sentence = `${source.name} ${VERBS[relation]} ${target.name}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
  return { source, target, relation, sentence };
}
