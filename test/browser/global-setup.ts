import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildDemoDatabase, scratchDir } from './demo-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A SQLite file with the demo council loaded, made once for the whole browser run; each rig copies it. */
    demoDatabase: string;
  }
}

/**
 * Loads the demo council once (tens of seconds on a busy 2-core machine) instead of once per test
 * file: every file starts its own server on its own copy of the file.
 */
export default async function setup(project: TestProject) {
  const dir = scratchDir('steward-browser-demo-');
  project.provide('demoDatabase', await buildDemoDatabase(dir));
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
