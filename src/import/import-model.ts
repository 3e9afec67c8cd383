import type { EntityLabel, RelationType } from '../domain/career-graph.js';

/** The taxonomies we import; curated nodes have the source `seed`, crosswalk links `crosswalk`. */
export type ImportSourceName = 'esco' | 'onet';

/** What a release is, for attribution and for the `sources` field. */
export interface SourceRelease {
  name: ImportSourceName;
  /** e.g. `v1.1.1`, `29.3` */
  version: string;
  title: string;
  licence: string;
  attribution: string;
  url: string;
}

/** One node as a source gives it, mapped onto our model. */
export interface ImportedNode {
  label: EntityLabel;
  /** Kebab-case, derived from `sourceId` so that it stays the same across releases. */
  key: string;
  /** The source's own stable id: an ESCO concept URI, an O*NET-SOC code, an O*NET technology name. */
  sourceId: string;
  name: string;
  aliases: string[];
  description: string;
  /** Skill: kebab-case, e.g. `knowledge`, `skill-competence`. */
  category?: string;
  /** Skill: ESCO reuse level, e.g. `cross-sector`. */
  reuseLevel?: string;
  /** Skill: hours to learn; an estimate when `learningHoursEstimated`. */
  learningHours?: number;
  learningHoursEstimated?: boolean;
  /** Tool: kebab-case kind, e.g. the O*NET commodity title `development-environment-software`. */
  kind?: string;
  /** Tool (O*NET technology skills): flagged as a hot technology / in demand for at least one occupation. */
  hotTechnology?: boolean;
  inDemand?: boolean;
}

/** Properties a relationship may carry; every imported relationship also gets `source`. */
export interface ImportedRelationshipProperties {
  /** REQUIRES */
  importance?: 'ESSENTIAL' | 'OPTIONAL';
  /** REQUIRES: 1–5; an estimate when `levelEstimated`. */
  level?: number;
  levelEstimated?: boolean;
  /** USES (O*NET technology skills): for this occupation. */
  hotTechnology?: boolean;
  inDemand?: boolean;
  /** RELATED_TO between roles (O*NET related occupations): e.g. `Primary-Short`, and its rank 1…20. */
  relatednessTier?: string;
  relatednessIndex?: number;
}

export interface ImportedRelationship {
  type: RelationType;
  /** Keys of ImportedNodes of the same import. */
  from: string;
  to: string;
  properties: ImportedRelationshipProperties;
}

/** Rows left out, grouped by reason, with a few examples a person can look up. */
export interface SkippedRows {
  file: string;
  reason: string;
  count: number;
  /** At most 5, e.g. `line 1234: http://data.europa.eu/esco/occupation/…` */
  examples: string[];
}

/** Rows kept but changed on the way in (e.g. a key given a suffix to stay unique), grouped like SkippedRows. */
export interface AdjustedRows {
  file: string;
  change: string;
  count: number;
  /** At most 5. */
  examples: string[];
}

/** Everything one import writes, already validated: every relationship's ends are among `nodes`. */
export interface ImportSet {
  release: SourceRelease;
  nodes: ImportedNode[];
  relationships: ImportedRelationship[];
  skipped: SkippedRows[];
  /** Rows kept with a change a person may want to know about; absent or empty when none. */
  adjusted?: AdjustedRows[];
}

/** Progress of reading a source, for a progress display: bytes of the input read so far. */
export interface ReadProgress {
  file: string;
  rows: number;
  bytesRead: number;
  totalBytes: number;
}

export type ProgressListener = (progress: ReadProgress) => void;
