import {
  type EntityListQuery,
  type NameLookup,
  RELATED_FILTERS,
  type RelatedFilterPattern,
} from '../queries/entity-queries.js';
import {
  type PagePlan,
  RELATIONSHIP_FIELDS,
  type RelationshipEdge,
  type RelationshipField,
  type RelationshipPage,
  type RelationshipPageRequest,
} from '../queries/relationship-queries.js';
import { type EntityLabel, type EntityRecord, LOOKUP_SOURCE_ID } from './career-graph.js';

/** What a node's record does not say: its labels, and what Neo4j stores and computes for look-ups and orders. */
export interface StoredNodeFacts {
  /** Those of Role, Skill and Tool it has. */
  labels: EntityLabel[];
  /** Whether it has the Entity label. */
  entity: boolean;
  nameLower: string | null;
  /** The stored `source`: null for entries written before sources were recorded (orders last). */
  source: string | null;
  /** Neo4j's `toLower` of its name and of each alias. */
  lower: { name: string; aliases: string[] };
}

/** A relationship's stored properties that pages and orders read. */
export interface SnapshotRelationship {
  type: string;
  importance: string | null;
  level: number | null;
  levelEstimated: boolean;
  relatednessTier: string | null;
  relatednessIndex: number | null;
}

interface SnapshotNode {
  record: EntityRecord;
  /** The stored `nameLower` (what look-ups by name match), and the name as Cypher's `toLower` orders it. */
  nameLower: string | null;
  sortName: string;
  aliasesLower: string[];
  /** The stored `source`: null for entries written before sources were recorded (orders last). */
  storedSource: string | null;
  outgoing: Link[];
  incoming: Link[];
  /** Pages' edges per relationship field, sorted as the field orders them; made when first asked for. */
  sorted?: Map<RelationshipField, SortedEdge[]>;
}

interface Link {
  relationship: SnapshotRelationship;
  other: SnapshotNode;
}

interface SortedEdge {
  link: Link;
  /** The edge as a page holds it when nothing is nested under it. */
  edge: RelationshipEdge;
}

/**
 * Text as Neo4j orders a string it computed (`toLower(n.name)`): by UTF-16 code unit, as JavaScript does.
 * A stored string (`n.name`) it orders by code point instead (`compareStoredText`); the two differ only
 * when an astral character meets one from U+E000 up (both seen in tests/integration/graph-snapshot.test.ts).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Text as Neo4j orders a stored string property: by code point. */
export function compareStoredText(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x >= 0xd800 && y >= 0xd800 ? codePointRank(x) - codePointRank(y) : x - y;
  }
  return a.length - b.length;
}

/** Code units from U+D800 up, ranked as the code points they belong to: surrogates above U+FFFF. */
function codePointRank(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/** Cypher's `ORDER BY` on a number: nulls after every number ascending, so before them descending. */
function compareNullableAscending(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

const byName = (a: SortedEdge, b: SortedEdge) =>
  compareText(a.link.other.sortName, b.link.other.sortName) ||
  compareStoredText(a.link.other.record.key, b.link.other.record.key);

const importanceRank = (link: Link) => (link.relationship.importance === 'ESSENTIAL' ? 0 : 1);

/** The orders of RELATIONSHIP_FIELDS, by their Cypher. */
const ORDERS: Record<string, (a: SortedEdge, b: SortedEdge) => number> = {
  'toLower(node.name), node.key': byName,
  "CASE r.importance WHEN 'ESSENTIAL' THEN 0 ELSE 1 END, r.level DESC, toLower(node.name), node.key": (a, b) =>
    importanceRank(a.link) - importanceRank(b.link) ||
    compareNullableAscending(b.link.relationship.level, a.link.relationship.level) ||
    byName(a, b),
  'r.relatednessIndex, toLower(node.name), node.key': (a, b) =>
    compareNullableAscending(a.link.relationship.relatednessIndex, b.link.relationship.relatednessIndex) ||
    byName(a, b),
};

interface FieldRoute {
  parent: EntityLabel;
  type: string;
  direction: 'outgoing' | 'incoming' | 'both';
  node: EntityLabel;
  order: (a: SortedEdge, b: SortedEdge) => number;
}

/** Each relationship field's pattern and order, read from its Cypher: one definition serves both. */
const ROUTES = new Map(
  Object.entries(RELATIONSHIP_FIELDS).map(([field, { pattern, orderBy }]) => {
    const parts = /^\(parent:(\w+)\)(<?)-\[r:(\w+)\]-(>?)\(node:(\w+)\)$/.exec(pattern);
    const order = ORDERS[orderBy];
    if (!parts || !order) throw new Error(`No in-memory route for ${field}`);
    const [, parent, into, type, out, node] = parts as unknown as [
      string,
      EntityLabel,
      string,
      string,
      string,
      EntityLabel,
    ];
    const direction = into ? 'incoming' : out ? 'outgoing' : 'both';
    return [field as RelationshipField, { parent, type, direction, node, order } satisfies FieldRoute];
  }),
);

/**
 * Every role, skill and tool of one graph version and the relationships between them, in memory: what
 * look-ups, lists and relationship pages read instead of Neo4j once it is built. Each read gives what the
 * Cypher of `queries/` gives at the same version, in the same order (tested side by side), whole nodes
 * included. Records and edges are shared by every request and frozen.
 */
export class GraphSnapshot {
  private readonly nodes = new Map<string, SnapshotNode>();
  private readonly byLabel = new Map<EntityLabel, SnapshotNode[]>();
  private readonly bySourceId = new Map<string, SnapshotNode[]>();
  private readonly byNameLower = new Map<string, SnapshotNode[]>();
  private readonly listOrders = new Map<string, SnapshotNode[]>();

  /** Relationships seen, as `type from to`, to find duplicates; dropped by `finish`. */
  private relationshipIds: Set<string> | undefined = new Set();
  private unfitBecause: string | undefined;

  /**
   * Why this graph breaks a rule the seed, the importers and the API keep (only raw Cypher can break them),
   * so that the snapshot could answer differently from Neo4j: it is then not used. Undefined when fit.
   */
  get unfit(): string | undefined {
    return this.unfitBecause;
  }

  /**
   * A node as Neo4j stores it; `lower` holds Neo4j's `toLower` of its name and aliases, which differs
   * from JavaScript's for characters newer than the JVM's Unicode.
   */
  addNode(record: EntityRecord, stored: StoredNodeFacts): void {
    const { labels, entity, nameLower, source, lower } = stored;
    if (labels.length !== 1 || !entity) {
      this.markUnfit(`${record.key} has the labels ${[...labels, ...(entity ? ['Entity'] : [])].join(', ')}`);
    }
    if (typeof record.key !== 'string' || typeof record.name !== 'string' || typeof lower.name !== 'string') {
      this.markUnfit(`a ${labels.join('/')} node has no key or no name`);
      return;
    }
    if (this.nodes.has(record.key)) this.markUnfit(`two nodes have the key ${record.key}`);
    Object.freeze(record.aliases);
    const node: SnapshotNode = {
      record: Object.freeze(record),
      nameLower,
      sortName: lower.name,
      aliasesLower: lower.aliases.length > 0 ? lower.aliases : NO_ALIASES,
      storedSource: source,
      outgoing: [],
      incoming: [],
    };
    this.nodes.set(record.key, node);
    addTo(this.byLabel, record.label, node);
    if (record.sourceId !== undefined) addTo(this.bySourceId, record.sourceId, node);
    if (nameLower !== null) addTo(this.byNameLower, nameLower, node);
  }

  /** A relationship between two nodes added before; one between unknown keys is ignored. */
  addRelationship(from: string, to: string, relationship: SnapshotRelationship): void {
    const start = this.nodes.get(from);
    const end = this.nodes.get(to);
    if (!start || !end) return;
    if (start === end) this.markUnfit(`${from} has a ${relationship.type} relationship to itself`);
    const id = `${relationship.type} ${from} ${to}`;
    if (this.relationshipIds?.has(id)) this.markUnfit(`${from} has two ${relationship.type} relationships to ${to}`);
    this.relationshipIds?.add(id);
    const frozen = Object.freeze(relationship);
    start.outgoing.push({ relationship: frozen, other: end });
    end.incoming.push({ relationship: frozen, other: start });
  }

  /** Once every node and relationship is added: checks what needs the whole graph (prerequisite cycles). */
  finish(): this {
    this.relationshipIds = undefined;
    const cycle = prerequisiteCycleIn(this.nodes.values());
    if (cycle) this.markUnfit(`the prerequisites of ${cycle} form a cycle`);
    return this;
  }

  private markUnfit(reason: string): void {
    this.unfitBecause ??= reason;
  }

  entity(key: string): EntityRecord | null {
    return this.nodes.get(key)?.record ?? null;
  }

  /** As `loadRelationshipPages`, for one parent. */
  relationshipPage(
    field: RelationshipField,
    parentKey: string,
    request: RelationshipPageRequest,
    plan: PagePlan,
  ): RelationshipPage {
    const parent = this.nodes.get(parentKey);
    if (!parent) return { totalCount: 0, edges: [] };
    if (field === 'Skill.prerequisites.transitive')
      return this.pageOf(this.transitivePrerequisites(parent), request, plan);
    const { importance, minLevel } = request.filter;
    let edges = this.sortedEdges(parent, field);
    if (importance != null || minLevel != null) {
      edges = edges.filter(
        ({ link: { relationship } }) =>
          (importance == null || relationship.importance === importance) &&
          (minLevel == null || (relationship.level !== null && relationship.level >= minLevel)),
      );
    }
    return this.pageOf(edges, request, plan);
  }

  /** As `listEntities` (which lower-cases the filter's text in JavaScript too). */
  listPage(query: EntityListQuery, plan: PagePlan): RelationshipPage {
    const text = query.text ? query.text.toLowerCase() : null;
    const related = query.related ?? [];
    const ordered = this.orderedList(query.label, query.orderBy);
    const filtered = text !== null || query.category || query.kind || related.length > 0;
    const matches = !filtered
      ? ordered
      : ordered.filter(
          (node) =>
            (text === null ||
              node.sortName.includes(text) ||
              node.aliasesLower.some((alias) => alias.includes(text))) &&
            (!query.category || node.record.category === query.category) &&
            (!query.kind || node.record.kind === query.kind) &&
            related.every((filter) => this.hasRelated(node, filter)),
        );
    const slice = matches.slice(query.offset, query.offset + query.limit);
    return {
      totalCount: matches.length,
      edges: slice.map((node) => this.withNested({ node: node.record }, node, plan)),
    };
  }

  /**
   * As `findEntitiesByName` before its sort, for the tiers answered here: key, source id and name (the
   * curated ones alone when there are any). Undefined when Neo4j must answer: the alias tier (whose
   * full-text analyzer finds only aliases it makes words of), or text Neo4j may lower-case otherwise.
   */
  findByName(lookup: NameLookup): EntityRecord[] | undefined {
    const text = lookup.name.trim();
    const lower = lowerCaseAsNeo4j(text);
    if (lower === undefined) return undefined;
    const keyed = lookup.byKey ? this.nodes.get(lower) : undefined;
    const tiers: (() => readonly SnapshotNode[] | undefined)[] = [
      () => keyed && [keyed],
      () => (LOOKUP_SOURCE_ID.test(text) ? this.bySourceId.get(text) : undefined),
      () => this.byNameLower.get(lower),
    ];
    for (const tier of tiers) {
      const best = (tier() ?? []).filter((node) => lookup.labels.includes(node.record.label));
      if (best.length === 0) continue;
      const curated = best.filter((node) => (node.storedSource ?? 'seed') === 'seed');
      return (curated.length > 0 ? curated : best).map((node) => node.record);
    }
    return undefined;
  }

  /** As `loadSameAs`: the crosswalk's counterparts either way, by source then key. */
  sameAs(key: string): EntityRecord[] {
    const node = this.nodes.get(key);
    if (!node) return [];
    const others = new Set<SnapshotNode>();
    for (const link of [...node.outgoing, ...node.incoming]) {
      if (link.relationship.type === 'SAME_AS') others.add(link.other);
    }
    return [...others]
      .sort(
        (a, b) => compareNullableText(a.storedSource, b.storedSource) || compareStoredText(a.record.key, b.record.key),
      )
      .map((other) => other.record);
  }

  private hasRelated(node: SnapshotNode, filter: NonNullable<EntityListQuery['related']>[number]): boolean {
    const { type, outward, other } = RELATED_FILTER_ROUTES.get(filter.pattern) as {
      type: string;
      outward: boolean;
      other: EntityLabel;
    };
    return (outward ? node.outgoing : node.incoming).some(
      (link) =>
        link.relationship.type === type &&
        link.other.record.label === other &&
        link.other.record.key === filter.key &&
        (filter.importance == null || link.relationship.importance === filter.importance),
    );
  }

  private orderedList(label: EntityLabel, orderBy: EntityListQuery['orderBy']): SnapshotNode[] {
    const id = `${label}:${orderBy.field}:${orderBy.direction}`;
    let ordered = this.listOrders.get(id);
    if (!ordered) {
      const sign = orderBy.direction === 'DESC' ? -1 : 1;
      ordered = [...(this.byLabel.get(label) ?? [])];
      if (orderBy.field === 'CONNECTIONS') {
        ordered.sort(
          (a, b) =>
            sign * (connectionsOf(a) - connectionsOf(b)) ||
            compareStoredText(a.record.name, b.record.name) ||
            compareStoredText(a.record.key, b.record.key),
        );
      } else {
        ordered.sort(
          (a, b) => sign * (compareText(a.sortName, b.sortName) || compareStoredText(a.record.key, b.record.key)),
        );
      }
      this.listOrders.set(id, ordered);
    }
    return ordered;
  }

  private sortedEdges(parent: SnapshotNode, field: RelationshipField): SortedEdge[] {
    parent.sorted ??= new Map();
    let sorted = parent.sorted.get(field);
    if (sorted) return sorted;
    const route = ROUTES.get(field);
    sorted = [];
    if (route && parent.record.label === route.parent) {
      const links =
        route.direction === 'outgoing'
          ? parent.outgoing
          : route.direction === 'incoming'
            ? parent.incoming
            : [...parent.outgoing, ...parent.incoming];
      for (const link of links) {
        if (link.relationship.type === route.type && link.other.record.label === route.node) {
          sorted.push({ link, edge: Object.freeze(edgeOf(link)) });
        }
      }
      sorted.sort(route.order);
    }
    parent.sorted.set(field, sorted);
    return sorted;
  }

  /** Skills that lead to `parent` through prerequisites, nearest first (breadth first), then by name and key. */
  private transitivePrerequisites(parent: SnapshotNode): SortedEdge[] {
    const distances = new Map<SnapshotNode, number>([[parent, 0]]);
    const found: { node: SnapshotNode; distance: number }[] = [];
    let frontier = [parent];
    for (let distance = 1; frontier.length > 0; distance++) {
      const next: SnapshotNode[] = [];
      for (const node of frontier) {
        for (const link of node.incoming) {
          if (link.relationship.type !== 'PREREQUISITE_OF' || distances.has(link.other)) continue;
          distances.set(link.other, distance);
          next.push(link.other);
          if (link.other.record.label === 'Skill') found.push({ node: link.other, distance });
        }
      }
      frontier = next;
    }
    return found
      .map(({ node, distance }) => ({
        link: { relationship: NO_RELATIONSHIP, other: node },
        edge: Object.freeze({ node: node.record, distance }),
      }))
      .sort((a, b) => (a.edge.distance ?? 0) - (b.edge.distance ?? 0) || byName(a, b));
  }

  private pageOf(edges: SortedEdge[], { offset, limit }: RelationshipPageRequest, plan: PagePlan): RelationshipPage {
    return {
      totalCount: edges.length,
      edges: edges.slice(offset, offset + limit).map(({ link, edge }) => this.withNested(edge, link.other, plan)),
    };
  }

  private withNested(edge: RelationshipEdge, node: SnapshotNode, plan: PagePlan): RelationshipEdge {
    if (plan.nested.length === 0) return edge;
    return {
      ...edge,
      nested: plan.nested.map((child) =>
        this.relationshipPage(child.field, node.record.key, child.request, child.plan),
      ),
    };
  }
}

const NO_ALIASES: string[] = [];

const NO_RELATIONSHIP: SnapshotRelationship = Object.freeze({
  type: 'PREREQUISITE_OF',
  importance: null,
  level: null,
  levelEstimated: false,
  relatednessTier: null,
  relatednessIndex: null,
});

/** The list filters of `listEntities`, as the listed node's relationship to the node the filter names, read from their Cypher. */
const RELATED_FILTER_ROUTES = new Map(
  Object.entries(RELATED_FILTERS).map(([name, pattern]) => {
    const outward = /^\(n\)-\[r:(\w+)\]->\(other:(\w+) \{key: \$relatedKey\}\)$/.exec(pattern);
    const inward = /^\(other:(\w+) \{key: \$relatedKey\}\)-\[r:(\w+)\]->\(n\)$/.exec(pattern);
    const route = outward
      ? { type: outward[1] as string, outward: true, other: outward[2] as EntityLabel }
      : inward && { type: inward[2] as string, outward: false, other: inward[1] as EntityLabel };
    if (!route) throw new Error(`No in-memory route for the list filter ${name}`);
    return [name as RelatedFilterPattern, route];
  }),
);

/**
 * `text.toLowerCase()` where Neo4j's `toLower` surely gives the same: every cased character of it in a
 * script whose case mappings have not changed in decades (Latin, Greek, Cyrillic); else undefined. Java 17
 * knows Unicode 13, Node 20 Unicode 15.1, and characters cased only in the newer one lower-case apart.
 */
export function lowerCaseAsNeo4j(text: string): string | undefined {
  for (const character of text) {
    const point = character.codePointAt(0) as number;
    if (point < 0x250 || (point >= 0x370 && point < 0x530) || (point >= 0x1e00 && point < 0x2000)) continue;
    if (character.toLowerCase() === character && character.toUpperCase() === character) continue;
    return undefined;
  }
  return text.toLowerCase();
}

/** A skill on a cycle of PREREQUISITE_OF relationships, if there is one (depth first, without recursion). */
function prerequisiteCycleIn(nodes: Iterable<SnapshotNode>): string | undefined {
  const state = new Map<SnapshotNode, 'open' | 'done'>();
  for (const root of nodes) {
    if (state.has(root)) continue;
    const stack: { node: SnapshotNode; next: number }[] = [{ node: root, next: 0 }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { node: SnapshotNode; next: number };
      const link = top.node.outgoing[top.next++];
      if (!link) {
        state.set(top.node, 'done');
        stack.pop();
        continue;
      }
      if (link.relationship.type !== 'PREREQUISITE_OF') continue;
      const seen = state.get(link.other);
      if (seen === 'open') return link.other.record.key;
      if (!seen) {
        state.set(link.other, 'open');
        stack.push({ node: link.other, next: 0 });
      }
    }
  }
  return undefined;
}

function addTo<K>(index: Map<K, SnapshotNode[]>, key: K, node: SnapshotNode): void {
  const nodes = index.get(key);
  if (nodes) nodes.push(node);
  else index.set(key, [node]);
}

function edgeOf({ relationship, other }: Link): RelationshipEdge {
  const edge: RelationshipEdge = { node: other.record };
  if (relationship.importance != null) edge.importance = relationship.importance;
  if (relationship.level != null) edge.level = relationship.level;
  if (relationship.levelEstimated) edge.levelEstimated = true;
  if (relationship.relatednessTier != null) edge.relatednessTier = relationship.relatednessTier;
  return edge;
}

/** `COUNT { (n)--(:Entity) }`: every relationship to another role, skill or tool, whatever its type. */
function connectionsOf(node: SnapshotNode): number {
  return node.outgoing.length + node.incoming.length;
}

function compareNullableText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareStoredText(a, b);
}
