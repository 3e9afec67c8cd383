/**
 * What `npm run bench:peers` asks each server, and how each answer is reduced to one canonical form so
 * that the three can be checked identical before anything is timed. The peer's queries are what a user
 * of the Neo4j GraphQL Library would write for the same data, sorted as SkillGraph sorts (names ignoring
 * case through the seed's `nameLower`, then keys).
 */
import type { RawWorkload } from './raw-cypher/queries.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers of many shapes, read field by field
type Json = any;

export type ServerName = 'skillgraph' | 'neo4j-graphql' | 'raw' | 'cached' | 'without-notices' | 'other-node';

/**
 * SkillGraph with its response cache on, and SkillGraph without commit notices (as on a Neo4j without the
 * plugin: a version read per request): asked as SkillGraph is, for the peer workloads.
 */
export const SKILLGRAPH_VARIANTS = ['cached', 'without-notices'] as const satisfies readonly ServerName[];

/** SkillGraph as `skillgraph` runs it, on another Node.js (BENCH_OTHER_NODE): asked as SkillGraph is. */
export const OTHER_NODE_SERVER = 'other-node' satisfies ServerName;

export interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown>;
}

/** One request to one server, and its answer's `data` in canonical form. */
export interface Ask {
  /** The HTTP path; the body is `body` as JSON. */
  path: string;
  body: unknown;
  canonical: (data: Json) => unknown;
}

export interface Workload {
  id: string;
  /** As it reads in the table. */
  title: string;
  /** Traversals are timed on SkillGraph (and raw Cypher where one statement answers) only. */
  kind: 'peer' | 'traversal';
  asks: Partial<Record<ServerName, Ask>>;
}

const graphql = (request: GraphQLRequest, canonical: (data: Json) => unknown): Ask => ({
  path: '/graphql',
  body: request,
  canonical,
});
const raw = (workload: RawWorkload, parameters: Record<string, unknown>, canonical: (data: Json) => unknown): Ask => ({
  path: `/${workload}`,
  body: parameters,
  canonical,
});
const same = (data: unknown) => data;

const NESTED = { roles: 100, skills: 20, tools: 5 };
/** A role and ten skills, all by key (the skills in key order: the peer's `in` filter has no order of its own). */
const LOOKUP = {
  role: 'data-scientist',
  skills: [
    'data-cleaning',
    'data-visualization',
    'exploratory-data-analysis',
    'feature-engineering',
    'machine-learning-fundamentals',
    'mathematics-for-ml',
    'model-evaluation',
    'python-programming',
    'sql-querying',
    'statistics',
  ],
};
const HEADLINE = { from: 'Data Scientist', to: 'MLOps Engineer' };
const LIST = 50;
const OVERLAP_ROLES = ['data-scientist', 'machine-learning-engineer', 'mlops-engineer', 'data-engineer'];

/** SkillGraph's nested read, in canonical form: roles with their skills' edges and each skill's tools. */
const nestedOfSkillGraph = (data: Json) =>
  data.roles.edges.map(({ node: role }: Json) => ({
    key: role.key,
    name: role.name,
    skills: role.skills.edges.map(({ importance, level, node: skill }: Json) => ({
      importance,
      level,
      key: skill.key,
      name: skill.name,
      tools: skill.tools.edges.map(({ node: tool }: Json) => ({ key: tool.key, name: tool.name })),
    })),
  }));

const headlineSelection = `length nodes { __typename key name }
  steps { from { key name } relation to { key name } direction importance level }`;

export const WORKLOADS: Workload[] = [
  {
    id: 'nested',
    title: `nested read: every role (first ${NESTED.roles}) → skills(${NESTED.skills}) with importance/level → tools(${NESTED.tools})`,
    kind: 'peer',
    asks: {
      skillgraph: graphql(
        {
          query: `query Nested($roles: Int!, $skills: Int!, $tools: Int!) {
            roles(first: $roles) { edges { node { key name
              skills(first: $skills) { edges { importance level node { key name
                tools(first: $tools) { edges { node { key name } } } } } } } } }
          }`,
          variables: NESTED,
        },
        nestedOfSkillGraph,
      ),
      'neo4j-graphql': graphql(
        {
          query: `query Nested($roles: Int!, $skills: Int!, $tools: Int!) {
            roles(limit: $roles, sort: [{ nameLower: ASC }, { key: ASC }]) { key name
              skillsConnection(
                first: $skills
                sort: [{ edge: { importance: ASC } }, { edge: { level: DESC } }, { node: { nameLower: ASC } }, { node: { key: ASC } }]
              ) { edges { properties { importance level } node { key name
                tools(limit: $tools, sort: [{ nameLower: ASC }, { key: ASC }]) { key name } } } } }
          }`,
          variables: NESTED,
        },
        (data) =>
          data.roles.map((role: Json) => ({
            key: role.key,
            name: role.name,
            skills: role.skillsConnection.edges.map(({ properties, node: skill }: Json) => ({
              importance: properties.importance,
              level: properties.level,
              key: skill.key,
              name: skill.name,
              tools: skill.tools,
            })),
          })),
      ),
      raw: raw('nested', NESTED, nestedOfSkillGraph),
    },
  },
  {
    id: 'lookup',
    title: 'look-up by key: a role and 10 skills',
    kind: 'peer',
    asks: {
      skillgraph: graphql(
        {
          query: `query LookUp($role: String!, ${LOOKUP.skills.map((_, i) => `$s${i}: String!`).join(', ')}) {
            role(key: $role) { key name description }
            ${LOOKUP.skills.map((_, i) => `s${i}: skill(key: $s${i}) { key name category learningHours }`).join('\n')}
          }`,
          variables: { role: LOOKUP.role, ...Object.fromEntries(LOOKUP.skills.map((key, i) => [`s${i}`, key])) },
        },
        (data) => ({ role: data.role, skills: LOOKUP.skills.map((_, i) => data[`s${i}`]) }),
      ),
      'neo4j-graphql': graphql(
        {
          query: `query LookUp($role: String!, $skills: [String!]!) {
            roles(where: { key: { eq: $role } }) { key name description }
            skills(where: { key: { in: $skills } }, sort: [{ key: ASC }]) { key name category learningHours }
          }`,
          variables: LOOKUP,
        },
        (data) => ({ role: data.roles[0] ?? null, skills: data.skills }),
      ),
      raw: raw('lookup', LOOKUP, same),
    },
  },
  {
    id: 'headline',
    title: `headline shortestPath ${HEADLINE.from} → ${HEADLINE.to}`,
    kind: 'peer',
    asks: {
      skillgraph: graphql(
        {
          query: `query Headline($from: String!, $to: String!) {
            shortestPath(from: $from, to: $to, via: [SKILL]) { ${headlineSelection} }
          }`,
          variables: HEADLINE,
        },
        same,
      ),
      'neo4j-graphql': graphql(
        {
          query: `query Headline($from: String!, $to: String!) {
            shortestPath(from: $from, to: $to, viaSkillsOnly: true) { length nodes { label key name }
              steps { from { key name } relation to { key name } direction importance level } }
          }`,
          variables: HEADLINE,
        },
        (data) =>
          data.shortestPath && {
            shortestPath: {
              ...data.shortestPath,
              nodes: data.shortestPath.nodes.map(({ label, ...node }: Json) => ({ __typename: label, ...node })),
            },
          },
      ),
      raw: raw('headline', { ...HEADLINE, viaSkillsOnly: true, maxHops: 8 }, same),
    },
  },
  {
    id: 'list',
    title: `list page: skills(${LIST})`,
    kind: 'peer',
    asks: {
      skillgraph: graphql(
        {
          query: `query List($first: Int!) { skills(first: $first) { edges { node { key name category learningHours } } } }`,
          variables: { first: LIST },
        },
        (data) => data.skills.edges.map(({ node }: Json) => node),
      ),
      'neo4j-graphql': graphql(
        {
          query: `query List($first: Int!) {
            skills(limit: $first, sort: [{ nameLower: ASC }, { key: ASC }]) { key name category learningHours }
          }`,
          variables: { first: LIST },
        },
        (data) => data.skills,
      ),
      raw: raw('list', { first: LIST }, (data) => data.skills.edges.map(({ node }: Json) => node)),
    },
  },
  {
    id: 'kPaths',
    title: 'shortestPaths k=5 Prompt Engineer → k8s (maxHops 5, avoid python-programming)',
    kind: 'traversal',
    asks: {
      skillgraph: graphql(
        {
          query: `{ shortestPaths(from: "Prompt Engineer", to: "k8s", k: 5, maxHops: 5, avoid: ["python-programming"]) {
            length nodes { __typename key name } steps { relation direction } } }`,
        },
        same,
      ),
    },
  },
  {
    id: 'careerPath',
    title: 'careerPath Data Analyst → MLOps Engineer (maxStepHours 800)',
    kind: 'traversal',
    asks: {
      skillgraph: graphql(
        {
          query: `{ careerPath(from: "Data Analyst", to: "MLOps Engineer", maxStepHours: 800) {
            totalHours steps { from { key } to { key } hours learn { key learningHours } } } }`,
        },
        same,
      ),
    },
  },
  {
    id: 'learningPlan',
    title: 'learningPlan Software Engineer → AI Engineer',
    kind: 'traversal',
    asks: {
      skillgraph: graphql(
        {
          query: `{ learningPlan(from: { role: "Software Engineer" }, to: "AI Engineer") {
            totalHours steps { position skill { key } hours reason unlocks { key } } } }`,
        },
        same,
      ),
    },
  },
  {
    id: 'overlapMatrix',
    title: 'overlapMatrix of 4 roles',
    kind: 'traversal',
    asks: {
      skillgraph: graphql(
        {
          query: `query Overlap($roles: [String!]!) { overlapMatrix(roles: $roles) { roles { name } jaccard } }`,
          variables: { roles: OVERLAP_ROLES },
        },
        same,
      ),
      raw: raw('overlapMatrix', { roles: OVERLAP_ROLES }, same),
    },
  },
];
