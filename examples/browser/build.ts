/**
 * Bundles the browser example with esbuild: `npx tsx examples/browser/build.ts` writes
 * out/browser/ (index.html and app.js); open out/browser/index.html in a browser. The bundle is a
 * classic script (IIFE), so the page also works from file://, where browsers refuse module scripts.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** Builds the page into `outdir` and returns the bundle's size in bytes. */
export async function buildBrowserExample(outdir: string): Promise<number> {
  await mkdir(outdir, { recursive: true });
  const result = await build({
    entryPoints: [join(import.meta.dirname, 'app.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    outfile: join(outdir, 'app.js'),
    metafile: true,
    logLevel: 'silent',
  });
  await copyFile(join(import.meta.dirname, 'index.html'), join(outdir, 'index.html'));
  return Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outdir = join(import.meta.dirname, '../../out/browser');
  const bytes = await buildBrowserExample(outdir);
  console.log(`wrote ${join(outdir, 'index.html')} and app.js (${(bytes / 1024).toFixed(1)} KB minified)`);
}
