import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root folder: the default home of the managed Neo4j and of seed/. This module is
 * one level below it from src/, from dist/, and inside a bundle at dist/main.js alike. Kept free of
 * dependencies: `npm start` and `kg` read it before they know which build to run.
 */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
