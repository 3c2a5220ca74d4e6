/**
 * Bundles the server into one ES module (dist/server/main.mjs) for `npm
 * start` (issue 12 §6: /ready within 3 s on an existing database). Run from
 * TypeScript through the tsx loader, the server spent most of its start
 * transforming and resolving some 400 modules; the bundle is plain
 * JavaScript that Node loads at once. Packages stay external (node_modules,
 * as installed); the server's own modules, the shared rules and the pane
 * modules it uses are bundled by esbuild (already installed with vite).
 *
 * A module that finds files beside itself (`import.meta.url`: migrations,
 * manifest.xml, the import worker, the generated Prisma client) keeps
 * finding them: its `import.meta.url` is rewritten to its own file's URL,
 * relative to the bundle. Skipped when nothing it is built from changed
 * (the same key as the pane's build); `--force` always builds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { treeKey } from './sources-key.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What the server is built from: its sources (with the generated Prisma client), the shared rules, the pane modules it uses. */
export const serverSourcesKey = (base = root): string => treeKey(base, ['server', 'schema', 'addin/src'], fileURLToPath(import.meta.url));

/** Each module's `import.meta.url` as its own file's URL, found from the bundle's (so paths beside it resolve as before). */
export function ownFileUrls(outDir: string): Plugin {
  return {
    name: 'own-file-urls',
    setup(build) {
      build.onLoad({ filter: /\.(ts|tsx|mts)$/ }, async (args) => {
        let contents = await fs.promises.readFile(args.path, 'utf8');
        if (contents.includes('import.meta.url')) {
          const rel = path.relative(outDir, args.path).split(path.sep).join('/');
          contents = contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`);
        }
        return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
      });
    },
  };
}

/** Builds the bundle into `outDir` (dist/server by default); returns its path. */
export async function buildServer(options: { outDir?: string; force?: boolean; base?: string } = {}): Promise<{ file: string; built: boolean }> {
  const base = options.base ?? root;
  const outDir = options.outDir ?? path.join(base, 'dist', 'server');
  const file = path.join(outDir, 'main.mjs');
  const stamp = path.join(outDir, '.sources-sha256');
  const key = serverSourcesKey(base);
  if (!options.force && fs.existsSync(file) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === key) return { file, built: false };
  const esbuild = await import('esbuild');
  fs.mkdirSync(outDir, { recursive: true });
  const result = await esbuild.build({
    // The server, and the SQLite job thread's entry beside it (server/jobs/thread-queue.ts finds it through the banner's URL).
    entryPoints: { main: path.join(base, 'server', 'main.ts'), 'job-thread': path.join(base, 'server', 'jobs', 'job-thread.ts') },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    banner: { js: 'globalThis.QUOTABOOK_BUNDLE_URL ??= import.meta.url;' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    plugins: [ownFileUrls(outDir)],
    logLevel: 'warning',
    write: false,
  });
  // Each file replaced whole (written aside, then renamed), so a server starting meanwhile, or a
  // second build at the same time (test workers), never reads half a bundle; the stamp last, so a
  // failed or interrupted build is never taken for current.
  for (const out of result.outputFiles) {
    const aside = `${out.path}.${process.pid}.tmp`;
    fs.writeFileSync(aside, out.contents);
    fs.renameSync(aside, out.path);
  }
  fs.writeFileSync(stamp, key + '\n');
  return { file, built: true };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildServer({ force: process.argv.includes('--force') }).then(
    ({ built }) => console.log(built ? 'server: bundled into dist/server/main.mjs' : 'server: unchanged since the last build, not rebuilt (npm run build:server -- --force to rebuild)'),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
