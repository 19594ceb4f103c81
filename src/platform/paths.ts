import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json, whether running from src/ (tsx) or dist/ (compiled). */
function findProjectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Could not find the Steward project folder');
    dir = parent;
  }
  return dir;
}

export const projectRoot = findProjectRoot();
export const sourceRoot = path.join(projectRoot, 'src');
export const publicDir = path.join(projectRoot, 'public');
