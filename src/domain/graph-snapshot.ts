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
  sorted: Map<RelationshipField, SortedEdge[]>;
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
  private readonly byAliasLower = new Map<string, SnapshotNode[]>();
  private readonly listOrders = new Map<string, SnapshotNode[]>();

  get size(): number {
    return this.nodes.size;
  }

  addNode(record: EntityRecord, nameLower: string | null, storedSource: string | null): void {
    Object.freeze(record.aliases);
    const node: SnapshotNode = {
      record: Object.freeze(record),
      nameLower,
      sortName: record.name.toLowerCase(),
      aliasesLower: record.aliases.map((alias) => alias.toLowerCase()),
      storedSource,
      outgoing: [],
      incoming: [],
      sorted: new Map(),
    };
    this.nodes.set(record.key, node);
    addTo(this.byLabel, record.label, node);
    if (record.sourceId !== undefined) addTo(this.bySourceId, record.sourceId, node);
    if (nameLower !== null) addTo(this.byNameLower, nameLower, node);
    for (const alias of new Set(node.aliasesLower)) addTo(this.byAliasLower, alias, node);
  }

  /** A relationship between two nodes added before; one between unknown keys is ignored. */
  addRelationship(from: string, to: string, relationship: SnapshotRelationship): void {
    const start = this.nodes.get(from);
    const end = this.nodes.get(to);
    if (!start || !end) return;
    const frozen = Object.freeze(relationship);
    start.outgoing.push({ relationship: frozen, other: end });
    end.incoming.push({ relationship: frozen, other: start });
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

  /** As `listEntities`. */
  listPage(query: EntityListQuery, plan: PagePlan): RelationshipPage {
    const text = query.text ? query.text.toLowerCase() : null;
    const related = query.related ?? [];
    const matches = this.orderedList(query.label, query.orderBy).filter(
      (node) =>
        (text === null || node.sortName.includes(text) || node.aliasesLower.some((alias) => alias.includes(text))) &&
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
   * As `findEntitiesByName` before its sort: the best tier's matches (key, source id, stored lower-case
   * name, alias ignoring case), the curated ones alone when there are any.
   */
  findByName(lookup: NameLookup): EntityRecord[] {
    const text = lookup.name.trim();
    const lower = text.toLowerCase();
    const keyed = lookup.byKey ? this.nodes.get(lower) : undefined;
    const tiers: (() => readonly SnapshotNode[] | undefined)[] = [
      () => keyed && [keyed],
      () => (LOOKUP_SOURCE_ID.test(text) ? this.bySourceId.get(text) : undefined),
      () => this.byNameLower.get(lower),
      () => this.byAliasLower.get(lower),
    ];
    for (const tier of tiers) {
      const best = (tier() ?? []).filter((node) => lookup.labels.includes(node.record.label));
      if (best.length === 0) continue;
      const curated = best.filter((node) => (node.storedSource ?? 'seed') === 'seed');
      return (curated.length > 0 ? curated : best).map((node) => node.record);
    }
    return [];
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
