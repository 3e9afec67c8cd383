import { describe, expect, it } from 'vitest';
import { EnumValue, graphqlLiteral, inlineVariables } from '../../explorer/src/graphql-document.js';
import { storedDirection, type WalkedStep } from '../../explorer/src/route/stored-direction.js';

describe("the explorer's query texts", () => {
  it('writes values as GraphQL literals: strings, numbers, lists, input objects without undefined fields', () => {
    expect(graphqlLiteral({ role: 'data-scientist', skills: undefined })).toBe('{role: "data-scientist"}');
    expect(graphqlLiteral(['a "b"', 3, true, null])).toBe('["a \\"b\\"", 3, true, null]');
  });

  it('writes enum values bare', () => {
    expect(graphqlLiteral({ importance: new EnumValue('ESSENTIAL'), first: 20 })).toBe(
      '{importance: ESSENTIAL, first: 20}',
    );
  });

  it('inlines the variables of a named document and drops their definitions', () => {
    const document = 'query RoutePlan($from: ProfileInput!, $to: String!) {\n  plan(from: $from, to: $to) { x }\n}\n';
    expect(inlineVariables(document, { from: { skills: ['python', 'sql'] }, to: 'mlops-engineer' })).toBe(
      'query RoutePlan {\n  plan(from: {skills: ["python", "sql"]}, to: "mlops-engineer") { x }\n}\n',
    );
    expect(() => inlineVariables(document, { to: 'x' })).toThrow('no value for $from');
  });
});

describe("path steps in their relationship's stored direction (the API's PathStep.direction)", () => {
  const mlops = { __typename: 'Role' as const, key: 'mlops', name: 'MLOps Engineer' };
  const ml = { __typename: 'Skill' as const, key: 'ml', name: 'Machine Learning Fundamentals' };
  const statistics = { __typename: 'Skill' as const, key: 'stats', name: 'Statistics' };
  const step = (
    relation: WalkedStep['relation'],
    direction: WalkedStep['direction'],
    from: WalkedStep['from'],
    to: WalkedStep['to'],
  ): WalkedStep => ({
    relation,
    direction,
    from,
    to,
    importance: relation === 'REQUIRES' ? 'ESSENTIAL' : null,
    level: relation === 'REQUIRES' ? 3 : null,
  });

  it('reads a step walked against its relationship backwards: "MLOps Engineer requires …"', () => {
    const stored = storedDirection(step('REQUIRES', 'BACKWARD', ml, mlops));
    expect([stored.source.key, stored.target.key]).toEqual(['mlops', 'ml']);
    expect(stored.sentence).toBe('MLOps Engineer requires Machine Learning Fundamentals (essential, level 3)');
  });

  it('reads a step walked along its relationship as walked', () => {
    expect(storedDirection(step('REQUIRES', 'FORWARD', mlops, ml)).sentence).toBe(
      'MLOps Engineer requires Machine Learning Fundamentals (essential, level 3)',
    );
    expect(storedDirection(step('PREREQUISITE_OF', 'FORWARD', statistics, ml)).sentence).toBe(
      'Statistics is a prerequisite of Machine Learning Fundamentals',
    );
    expect(storedDirection(step('PREREQUISITE_OF', 'BACKWARD', ml, statistics)).sentence).toBe(
      'Statistics is a prerequisite of Machine Learning Fundamentals',
    );
  });
});
