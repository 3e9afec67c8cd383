import { findProjectRoot } from '../../src/project-root.js';

/** The repository root, for tests that need no database. */
export const projectRootForUnitTests = findProjectRoot();
