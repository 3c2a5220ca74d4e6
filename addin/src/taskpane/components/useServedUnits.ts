/**
 * The units the signed-in finance user serves (brief §8): their names, an
 * empty list when they serve every unit, null until read. Screens use it to
 * offer only what the server would accept from them.
 */
import { useEffect, useState } from 'react';
import type { Client } from '@urql/core';
import { run } from '../../api/client.ts';
import { VIEWER_SERVED_UNITS } from '../../api/operations.ts';

export function useServedUnits(client: Client, wanted = true): string[] | null {
  const [names, setNames] = useState<string[] | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    run<{ viewer: { servedUnits: { name: string }[] } }>(client, VIEWER_SERVED_UNITS, {})
      .then((d) => live && setNames(d.viewer.servedUnits.map((u) => u.name)))
      .catch(() => live && setNames([]));
    return () => {
      live = false;
    };
  }, [client, wanted]);
  return names;
}
