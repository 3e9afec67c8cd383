import { builder } from './builder.js';
import './types/graph-stats.js';

export const schema = builder.toSchema({ sortSchema: true });
