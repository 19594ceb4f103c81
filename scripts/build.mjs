// Builds what Steward serves: the stylesheet, the GOV.UK Frontend script and images, then the
// compiled TypeScript. `--assets-only` skips the TypeScript (development runs it through tsx).
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'public');
const assets = path.join(root, 'src/platform/views/assets');
fs.mkdirSync(path.join(out, 'images'), { recursive: true });

const started = Date.now();
const css = sass.compile(path.join(assets, 'steward.scss'), {
  importers: [new sass.NodePackageImporter(root)],
  // MoJ Frontend's styles refer to govuk-frontend as node_modules/govuk-frontend/...
  loadPaths: [root],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import'],
  // MoJ Frontend calls GOV.UK mixins that GOV.UK has since deprecated; those warnings are not ours to fix.
  logger: sass.Logger.silent,
});
fs.writeFileSync(path.join(out, 'steward.css'), css.css);

const govuk = path.join(root, 'node_modules/govuk-frontend/dist/govuk');
fs.copyFileSync(path.join(govuk, 'govuk-frontend.min.js'), path.join(out, 'govuk-frontend.min.js'));
// The dependency graph's library, loaded only by the pages that draw a graph.
fs.copyFileSync(path.join(root, 'node_modules/cytoscape/dist/cytoscape.esm.min.mjs'), path.join(out, 'cytoscape.esm.min.mjs'));
for (const f of ['steward.js', 'graph.js', 'import.js', 'manifest.json']) fs.copyFileSync(path.join(assets, f), path.join(out, f));
for (const f of fs.readdirSync(path.join(assets, 'images'))) {
  fs.copyFileSync(path.join(assets, 'images', f), path.join(out, 'images', f));
}
console.log(`Built styles and scripts into public/ in ${Date.now() - started} ms`);

if (!process.argv.includes('--assets-only')) {
  // Each file is transpiled on its own (esbuild), in about a second; the type check is npm test's
  // and CI's job (tsc --noEmit), so a newcomer's first start does not wait for it.
  const compiling = Date.now();
  fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  const sources = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) sources.push(file);
      else if (entry.name.endsWith('.json')) {
        const target = path.join(root, 'dist', path.relative(root, file));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.copyFileSync(file, target);
      }
    }
  };
  walk(path.join(root, 'src'));
  await esbuild.build({
    entryPoints: sources,
    outbase: root,
    outdir: path.join(root, 'dist'),
    format: 'esm',
    platform: 'node',
    target: 'node20.11',
    sourcemap: true,
    logLevel: 'warning',
  });
  console.log(`Compiled ${sources.length} TypeScript files into dist/ in ${Date.now() - compiling} ms`);
}
