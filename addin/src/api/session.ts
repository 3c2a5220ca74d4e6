/**
 * The signed-in session, kept in localStorage under a key that includes
 * Office's partition key (so add-ins in different partitions, e.g. Excel on
 * the web in different sites, never share a token).
 */
export interface StoredSession {
  serverUrl: string;
  token: string;
  username: string;
  roles: string[];
  expiresAt: string;
}

function storageKey(): string {
  const partition = typeof Office !== 'undefined' ? (Office.context?.partitionKey ?? '') : '';
  return `${partition}quotabook.session`;
}

export function loadSession(now = new Date()): StoredSession | null {
  try {
    const raw = localStorage.getItem(storageKey());
    if (!raw) return null;
    const s = JSON.parse(raw) as StoredSession;
    return new Date(s.expiresAt) > now ? s : null;
  } catch {
    return null;
  }
}

export function saveSession(session: StoredSession | null): void {
  if (session) localStorage.setItem(storageKey(), JSON.stringify(session));
  else localStorage.removeItem(storageKey());
}
