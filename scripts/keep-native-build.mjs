// After `npm ci` has compiled better-sqlite3 from source (no prebuilt binary could be downloaded),
// keep the result in npm's cache exactly where prebuild-install looks before it downloads, so the
// next install on this machine with a warm cache takes the binary instead of compiling it again.
// It never fails an install: at worst the next install compiles again.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

try {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const moduleDir = join(root, 'node_modules', 'better-sqlite3');
  const binary = join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binary) && process.platform === 'linux') {
    const { version } = JSON.parse(readFileSync(join(moduleDir, 'package.json'), 'utf8'));
    // The address prebuild-install would download from; its cache is named after it.
    const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
    const url = `https://github.com/WiseLibs/better-sqlite3/releases/download/v${version}/${name}`;
    const cache = join(process.env.npm_config_cache || join(homedir(), '.npm'), '_prebuilds');
    const kept = join(cache, `${createHash('sha512').update(url).digest('hex').slice(0, 6)}-${name.replace(/[^a-zA-Z0-9.]+/g, '-')}`);
    if (!existsSync(kept)) {
      mkdirSync(cache, { recursive: true });
      const partial = `${kept}.${process.pid}.tmp`;
      execFileSync('tar', ['-czf', partial, '-C', moduleDir, 'build/Release/better_sqlite3.node']);
      renameSync(partial, kept);
      console.log(`Kept the compiled better-sqlite3 in npm's cache (${kept}): the next install here need not compile it.`);
    }
  }
} catch (e) {
  console.log(`Could not keep the compiled better-sqlite3 in npm's cache (${e instanceof Error ? e.message : e}); the next install compiles it again.`);
}
