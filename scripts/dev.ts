/**
 * npm run dev: rebuilds the task pane on change (vite build --watch) and
 * restarts the server on change (node --watch), in one terminal.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { root } from '../server/db/providers.ts';

const children = [
  spawn(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--watch', '--config', 'addin/vite.config.ts'], { cwd: root, stdio: 'inherit' }),
  spawn(process.execPath, ['--watch', '--import', 'tsx', 'server/main.ts'], { cwd: root, stdio: 'inherit' }),
];
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) c.on('exit', (code) => code && code !== 0 && (stop(), process.exit(code)));
