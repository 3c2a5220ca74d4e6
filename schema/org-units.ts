/**
 * The organisation tree's levels, top first: company, sales centre (营销中心),
 * region (大区), area (片区), team (营销小组). A unit sits below units of an
 * earlier level only; only a company stands at the top.
 */
export const ORG_UNIT_KINDS = ['COMPANY', 'SALES_CENTRE', 'REGION', 'AREA', 'TEAM'] as const;
export type OrgUnitLevel = (typeof ORG_UNIT_KINDS)[number];

export const levelOf = (kind: OrgUnitLevel): number => ORG_UNIT_KINDS.indexOf(kind);

/** The kinds a new unit may have under a parent of this kind (at the top, with no parent: a company). */
export const kindsBelow = (parent: OrgUnitLevel | null): OrgUnitLevel[] => (parent ? ORG_UNIT_KINDS.filter((k) => levelOf(k) > levelOf(parent)) : ['COMPANY']);

/** The paths of a unit's path and every unit above it, top first ("/a/b/" → ["/a/", "/a/b/"]). */
export const pathAndAncestors = (path: string): string[] => path.split('/').filter(Boolean).map((_, i, parts) => `/${parts.slice(0, i + 1).join('/')}/`);
