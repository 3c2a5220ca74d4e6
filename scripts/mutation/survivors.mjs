// Lists the surviving (and uncovered) mutants of the last `npm run test:mutation`
// from reports/mutation/mutation.json, with the score per file (wording ignored):
//   node scripts/mutation/survivors.mjs [file-filter]
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(new URL('../../reports/mutation/mutation.json', import.meta.url), 'utf8'));
const filter = process.argv[2] ?? '';
const detected = new Set(['Killed', 'Timeout']);
const undetected = new Set(['Survived', 'NoCoverage']);
for (const [file, { source, mutants }] of Object.entries(report.files).sort()) {
  if (!file.includes(filter)) continue;
  const lines = source.split('\n');
  const d = mutants.filter((m) => detected.has(m.status)).length;
  const u = mutants.filter((m) => undetected.has(m.status));
  const ignored = mutants.filter((m) => m.status === 'Ignored').length;
  const score = d + u.length ? ((100 * d) / (d + u.length)).toFixed(2) : 'n/a';
  console.log(`${file}: ${score} % (${d} detected, ${u.length} undetected, ${ignored} ignored as wording)`);
  for (const m of u.sort((a, b) => a.location.start.line - b.location.start.line)) {
    const { start, end } = m.location;
    const original = start.line === end.line ? lines[start.line - 1].slice(start.column - 1, end.column - 1) : `${lines[start.line - 1].slice(start.column - 1)}…`;
    console.log(`  ${m.status} ${start.line}:${start.column} ${m.mutatorName}: ${original.trim().slice(0, 90)}  →  ${String(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 90)}`);
  }
}
