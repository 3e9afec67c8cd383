import { beforeAll, describe, expect, it } from 'vitest';
import { loadSeed } from '../../src/seed/load-seed.js';
import type { SeedGraph } from '../../src/seed/seed-model.js';
import { projectRootForUnitTests as projectRoot } from '../support/paths.js';

const BRIEF_ROLES = [
  'Machine Learning Engineer',
  'Data Scientist',
  'Deep Learning Engineer',
  'AI Research Scientist',
  'AI Product Manager',
  'AI Ethics Specialist',
  'MLOps Engineer',
  'AI Trainer',
  'Prompt Engineer',
  'AI Content Designer',
];

const NEIGHBOURING_ROLES = [
  'Data Analyst',
  'Data Engineer',
  'Software Engineer',
  'DevOps Engineer',
  'Computer Vision Engineer',
  'NLP Engineer',
  'Research Engineer',
];

const BRIEF_TERMS = [
  'Python',
  'R',
  'Pandas',
  'SQL',
  'data visualization',
  'statistics',
  'mathematics',
  'algorithms',
  'data pipelines',
  'model training',
  'hyperparameter tuning',
  'model evaluation',
  'performance optimization',
  'data cleaning',
  'feature engineering',
  'neural networks',
  'CNNs',
  'RNNs',
  'LSTMs',
  'GANs',
  'transformers',
  'large language models',
  'computer vision',
  'NLP',
  'speech recognition',
  'generative AI',
  'GPU training',
  'reinforcement learning',
  'probabilistic models',
  'unsupervised learning',
  'research publishing',
  'product roadmaps',
  'user research',
  'model monitoring',
  'responsible AI',
  'fairness and bias auditing',
  'transparency',
  'data privacy',
  'compliance',
  'misinformation',
  'policy literacy',
  'CI/CD',
  'Docker',
  'Kubernetes',
  'AWS',
  'GCP',
  'Azure',
  'automated monitoring',
  'data labeling',
  'dataset preparation',
  'prompt engineering',
  'chatbots',
  'recommendation systems',
  'voice assistants',
  'UX design',
];

const TYPED_ALIASES = ['k8s', 'ML', 'DL', 'LLM', 'GenAI', 'sklearn', 'torch'];

describe('the seed', () => {
  let seed: SeedGraph;
  let labels: Map<string, string>;

  beforeAll(async () => {
    seed = await loadSeed(projectRoot);
    labels = new Map(
      [...seed.roles, ...seed.skills, ...seed.tools].flatMap((entity) =>
        [entity.name, ...entity.aliases].map((label) => [label.toLowerCase(), entity.key] as const),
      ),
    );
  });

  it('has the ten roles of the brief and the neighbouring ones, at least 18 in all', () => {
    const names = seed.roles.map((role) => role.name);
    expect(names).toEqual(expect.arrayContaining([...BRIEF_ROLES, ...NEIGHBOURING_ROLES]));
    expect(names.some((name) => /\b(AI|LLM) Engineer\b/.test(name))).toBe(true);
    expect(seed.roles.length).toBeGreaterThanOrEqual(18);
  });

  it('has at least 150 skills, 80 tools and 100 prerequisite edges', () => {
    expect(seed.skills.length).toBeGreaterThanOrEqual(150);
    expect(seed.tools.length).toBeGreaterThanOrEqual(80);
    expect(seed.skills.flatMap((skill) => skill.prerequisites).length).toBeGreaterThanOrEqual(100);
  });

  it('gives every role at least 8 essential skills and 3 tools', () => {
    const short = seed.roles.filter(
      (role) => role.skills.filter((s) => s.importance === 'ESSENTIAL').length < 8 || role.tools.length < 3,
    );
    expect(short.map((role) => role.key)).toEqual([]);
  });

  it('names every term of the brief, by name or alias', () => {
    expect(BRIEF_TERMS.filter((term) => !labels.has(term.toLowerCase()))).toEqual([]);
  });

  it('knows the aliases people type', () => {
    expect(TYPED_ALIASES.filter((alias) => !labels.has(alias.toLowerCase()))).toEqual([]);
    expect(labels.get('k8s')).toBe(labels.get('kubernetes'));
    expect(labels.get('sklearn')).toBe(labels.get('scikit-learn'));
    expect(labels.get('torch')).toBe(labels.get('pytorch'));
  });

  it('describes everything and keeps hours plausible', () => {
    const entities = [...seed.roles, ...seed.skills, ...seed.tools];
    expect(entities.filter((e) => e.description.length < 40).map((e) => e.key)).toEqual([]);
    expect(seed.skills.filter((s) => s.learningHours > 400).map((s) => s.key)).toEqual([]);
  });

  it('lets Data Scientist and MLOps Engineer share essential skills and differ in others', () => {
    const essential = (name: string) =>
      new Set(
        seed.roles
          .find((role) => role.name === name)
          ?.skills.filter((s) => s.importance === 'ESSENTIAL')
          .map((s) => s.skill),
      );
    const dataScientist = essential('Data Scientist');
    const mlops = essential('MLOps Engineer');
    expect([...mlops].some((skill) => dataScientist.has(skill))).toBe(true);
    expect([...mlops].filter((skill) => !dataScientist.has(skill)).length).toBeGreaterThanOrEqual(3);
  });
});
