import { describe, expect, it } from 'vitest';
import { graphqlLiteral, inlineVariables } from '../../explorer/src/graphql-document.js';
import { storedDirection, type WalkedStep } from '../../explorer/src/route/stored-direction.js';

describe("the explorer's query texts", () => {
  it('writes values as GraphQL literals: strings, numbers, lists, input objects without undefined fields', () => {
    expect(graphqlLiteral({ role: 'data-scientist', skills: undefined })).toBe('{role: "data-scientist"}');
    expect(graphqlLiteral(['a "b"', 3, true, null])).toBe('["a \\"b\\"", 3, true, null]');
  });

  it('inlines the variables of a named document and drops their definitions', () => {
    const document = 'query RoutePlan($from: ProfileInput!, $to: String!) {\n  plan(from: $from, to: $to) { x }\n}\n';
    expect(inlineVariables(document, { from: { skills: ['python', 'sql'] }, to: 'mlops-engineer' })).toBe(
      'query RoutePlan {\n  plan(from: {skills: ["python", "sql"]}, to: "mlops-engineer") { x }\n}\n',
    );
    expect(() => inlineVariables(document, { to: 'x' })).toThrow('no value for $from');
  });
});

describe('path steps in their stored direction', () => {
  const role = (key: string, name: string) => ({ __typename: 'Role' as const, key, name });
  const skill = (key: string, name: string, prerequisites: string[] = []) => ({
    __typename: 'Skill' as const,
    key,
    name,
    prerequisites: { edges: prerequisites.map((prerequisite) => ({ node: { key: prerequisite } })) },
  });
  const step = (relation: WalkedStep['relation'], from: WalkedStep['from'], to: WalkedStep['to']): WalkedStep => ({
    relation,
    from,
    to,
    importance: relation === 'REQUIRES' ? 'ESSENTIAL' : null,
    level: relation === 'REQUIRES' ? 3 : null,
  });
  const mlFundamentals = skill('ml', 'Machine Learning Fundamentals', ['stats']);
  const statistics = skill('stats', 'Statistics');

  it('reads REQUIRES from the role, whichever way the path walks it', () => {
    expect(storedDirection(step('REQUIRES', mlFundamentals, role('mlops', 'MLOps Engineer'))).sentence).toBe(
      'MLOps Engineer requires Machine Learning Fundamentals (essential, level 3)',
    );
  });

  it('reads USES from the role, SUPPORTS from the tool', () => {
    const kubernetes = { __typename: 'Tool' as const, key: 'k8s', name: 'Kubernetes' };
    expect(storedDirection(step('USES', kubernetes, role('mlops', 'MLOps Engineer'))).sentence).toBe(
      'MLOps Engineer uses Kubernetes',
    );
    expect(storedDirection(step('SUPPORTS', mlFundamentals, kubernetes)).sentence).toBe(
      'Kubernetes supports Machine Learning Fundamentals',
    );
  });

  it("reads PREREQUISITE_OF from the prerequisite, known from the other skill's prerequisites", () => {
    for (const walked of [
      step('PREREQUISITE_OF', mlFundamentals, statistics),
      step('PREREQUISITE_OF', statistics, mlFundamentals),
    ]) {
      const stored = storedDirection(walked);
      expect([stored.source.key, stored.target.key]).toEqual(['stats', 'ml']);
      expect(stored.sentence).toBe('Statistics is a prerequisite of Machine Learning Fundamentals');
    }
  });
});
