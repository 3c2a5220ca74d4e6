/** The people a chore can be about: the roster the viewer may see, loaded page by page, and found by name or employee number. */
import type { Client } from '@urql/core';
import { run } from '../api/client.ts';
import { PEOPLE_PAGE, type PersonOption } from './operations.ts';

interface Page {
  roster: { edges: { node: PersonOption }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export async function loadPeople(client: Client, pageSize = 1000): Promise<PersonOption[]> {
  const out: PersonOption[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Page = await run<Page>(client, PEOPLE_PAGE, { first: pageSize, after });
    for (const e of page.roster.edges) out.push(e.node);
    if (!page.roster.pageInfo.hasNextPage) return out;
    after = page.roster.pageInfo.endCursor;
  }
}

/** People whose name or employee number contains the query (case-insensitive), employee number first, at most `limit`. */
export function matchPeople(people: PersonOption[], query: string, limit = 50): PersonOption[] {
  const q = query.trim().toLowerCase();
  const hits = q ? people.filter((p) => p.name.toLowerCase().includes(q) || p.employeeNo.toLowerCase().includes(q)) : people;
  return [...hits].sort((a, b) => (a.employeeNo < b.employeeNo ? -1 : a.employeeNo > b.employeeNo ? 1 : 0)).slice(0, limit);
}
