import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './precompress.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, '..', 'dist', 'addin');

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), precompress(outDir)],
  publicDir: path.join(here, 'public'),
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2048,
    rollupOptions: {
      input: { taskpane: path.join(here, 'taskpane.html'), commands: path.join(here, 'commands.html') },
    },
  },
});
