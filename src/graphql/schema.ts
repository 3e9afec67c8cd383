import { builder } from './builder.js';
import './types/entity.js';
import './types/role.js';
import './types/skill.js';
import './types/tool.js';
import './types/search.js';
import './types/shortest-path.js';
import './types/career-path.js';
import './types/skill-gap.js';
import './types/role-overlap.js';
import './types/graph-stats.js';
import './types/graph-version.js';
import './types/graph-change.js';
import './types/data-source.js';
import './types/demand.js';
import './types/gaps-to.js';
import './types/role-clusters.js';

export const schema = builder.toSchema({ sortSchema: true });
