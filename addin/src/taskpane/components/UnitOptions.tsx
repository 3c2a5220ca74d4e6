/** The options of an org unit picker: units in tree order, each indented by its depth below the first. */
import type { OrgUnitOption } from '../../api/operations.ts';

export function UnitOptions({ units }: { units: readonly Pick<OrgUnitOption, 'id' | 'name' | 'depth'>[] }) {
  const top = units[0]?.depth ?? 0;
  return (
    <>
      {units.map((u) => (
        <option key={u.id} value={u.id}>
          {'\u3000'.repeat(Math.max(0, u.depth - top))}
          {u.name}
        </option>
      ))}
    </>
  );
}
