import { LOCATION_KIND_LABELS, locationPlacementProblem, type Location, type LocationKind } from '../../../common/domain/clinic';

export interface LocationNode {
  location: Location;
  /** 0 for a top-level location. */
  depth: number;
  /** "Main site › Ward A › Room 3": the names from the top down to this location. */
  path: string;
}

/**
 * The locations in tree order: each followed by what is inside it, siblings by name. A location
 * whose parent is missing from the list is shown at the top level rather than hidden.
 */
export function locationTree(locations: readonly Location[]): LocationNode[] {
  const ids = new Set(locations.map((l) => l.id));
  const children = new Map<string | null, Location[]>();
  for (const location of locations) {
    const parent = location.parentId !== null && ids.has(location.parentId) ? location.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), location]);
  }
  const byName = (a: Location, b: Location) => a.name.localeCompare(b.name, undefined, { numeric: true });
  const out: LocationNode[] = [];
  const visited = new Set<string>();
  const visit = (parent: string | null, depth: number, prefix: string) => {
    for (const location of [...(children.get(parent) ?? [])].sort(byName)) {
      if (visited.has(location.id)) continue;
      visited.add(location.id);
      const path = prefix ? `${prefix} › ${location.name}` : location.name;
      out.push({ location, depth, path });
      visit(location.id, depth + 1, path);
    }
  };
  visit(null, 0, '');
  return out;
}

/** The ids of everything inside `id`, at any depth. */
export function descendantIds(locations: readonly Location[], id: string): Set<string> {
  const found = new Set<string>();
  const queue = [id];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const l of locations) {
      if (l.parentId === current && !found.has(l.id)) {
        found.add(l.id);
        queue.push(l.id);
      }
    }
  }
  return found;
}

/**
 * The places a location of `kind` may be put: active locations of a fitting kind (plus its current
 * parent, whatever its state), never itself or anything inside it.
 */
export function parentChoices(
  nodes: readonly LocationNode[],
  kind: LocationKind,
  editing: Location | null,
  allLocations: readonly Location[],
): LocationNode[] {
  const excluded = editing ? descendantIds(allLocations, editing.id).add(editing.id) : new Set<string>();
  return nodes.filter(
    ({ location }) =>
      !excluded.has(location.id) &&
      (location.active || location.id === editing?.parentId) &&
      locationPlacementProblem(kind, location.kind) === null,
  );
}

export function describeNode(node: LocationNode): string {
  const kind = LOCATION_KIND_LABELS[node.location.kind].toLowerCase();
  return `${node.path} (${kind}${node.location.active ? '' : ', inactive'})`;
}

/** CSS class for the indentation of a tree row (inline styles are forbidden by the CSP). */
export function depthClass(depth: number): string {
  return `location-depth-${Math.min(depth, 5)}`;
}
