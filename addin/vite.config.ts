import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  publicDir: path.join(here, 'public'),
  build: {
    outDir: path.join(here, '..', 'dist', 'addin'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2048,
    rollupOptions: {
      input: { taskpane: path.join(here, 'taskpane.html'), commands: path.join(here, 'commands.html') },
    },
  },
});
