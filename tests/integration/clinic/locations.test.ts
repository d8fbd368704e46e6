import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Location, LocationKind } from '../../../common/domain/clinic';
import type { ApiClient } from '../../../common/rpc/client';
import { startClinicFixture, type ClinicFixture } from '../../support/clinic-fixture';
import { unwrap } from '../../support/test-workstation';

const MISSING = '00000000-0000-4000-8000-00000000dead';

describe('clinic locations', () => {
  let f: ClinicFixture;
  let desk: ApiClient;

  const save = (input: { id?: string; expectedVersion?: number; name: string; kind: LocationKind; parentId?: string }) =>
    f.admin.api.clinic.saveLocation(input);
  const create = async (name: string, kind: LocationKind, parent?: Location): Promise<Location> =>
    unwrap(await save({ name, kind, ...(parent ? { parentId: parent.id } : {}) }));
  const move = (location: Location, changes: { name?: string; kind?: LocationKind; parentId?: string | null }) => {
    const parentId = changes.parentId === undefined ? location.parentId : changes.parentId;
    return save({
      id: location.id,
      expectedVersion: location.version,
      name: changes.name ?? location.name,
      kind: changes.kind ?? location.kind,
      ...(parentId ? { parentId } : {}),
    });
  };
  const reread = async (location: Location): Promise<Location> =>
    unwrap(await f.admin.api.clinic.listLocations({ includeInactive: true })).find((l) => l.id === location.id)!;

  beforeAll(async () => {
    f = await startClinicFixture();
    await f.createUser('desk', 'front_desk');
    desk = await f.signIn('desk');
  });
  afterAll(async () => {
    await f?.tw.close();
  });

  it('creates a site with departments and rooms, and lists them to every role', async () => {
    const site = await create('North site', 'site');
    expect(site).toMatchObject({ name: 'North site', kind: 'site', parentId: null, active: true, version: 1 });
    const dept = await create('Cardiology', 'department', site);
    const room = await create('Exam room 1', 'room', dept);
    const desk1 = await create('Desk PC 1', 'workstation', room);
    expect(desk1.parentId).toBe(room.id);

    const listed = unwrap(await desk.api.clinic.listLocations({}));
    for (const l of [site, dept, room, desk1]) expect(listed).toContainEqual(l);
  });

  it('renames and moves a location with the current version and refuses a stale one', async () => {
    const site = await create('South site', 'site');
    const other = await create('East site', 'site');
    const room = await create('Plaster room', 'room', site);
    const moved = unwrap(await move(room, { name: 'Cast room', parentId: other.id }));
    expect(moved).toMatchObject({ name: 'Cast room', parentId: other.id, version: 2 });

    const before = f.rows('locations');
    expect(await move(room, { name: 'Lost edit' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(f.rows('locations')).toEqual(before);
    expect(await reread(room)).toEqual(moved);
  });

  it('asks for the version when changing an existing location, and refuses unknown ids', async () => {
    const site = await create('Version site', 'site');
    expect(await save({ id: site.id, name: 'No version', kind: 'site' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'expectedVersion' },
    });
    expect(await save({ id: MISSING, expectedVersion: 1, name: 'Ghost', kind: 'site' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'id' },
    });
    expect(await f.admin.api.clinic.setLocationActive({ id: MISSING, active: false })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'id' },
    });
  });

  it('keeps the hierarchy sound: the parent exists, fits the kind and is never inside the location', async () => {
    const site = await create('Rules site', 'site');
    const dept = await create('Rules dept', 'department', site);
    const sub = await create('Rules sub-dept', 'department', dept);
    const room = await create('Rules room', 'room', sub);
    const before = f.rows('locations');

    const refusals: [Promise<unknown>, string, string][] = [
      [save({ name: 'Orphan room', kind: 'room' }), 'VALIDATION', 'A room must be placed inside a site or department'],
      [save({ name: 'Orphan PC', kind: 'workstation' }), 'VALIDATION', 'A workstation must be placed inside a site, department or room'],
      [save({ name: 'Nested site', kind: 'site', parentId: site.id }), 'VALIDATION', 'A site is a top-level location and cannot be placed inside another'],
      [save({ name: 'Room in room', kind: 'room', parentId: room.id }), 'VALIDATION', 'A room can be placed only inside a site or department, not a room'],
      [save({ name: 'Dept in room', kind: 'department', parentId: room.id }), 'VALIDATION', 'A department can be placed only inside a site or department, not a room'],
      [save({ name: 'Ghost child', kind: 'room', parentId: MISSING }), 'NOT_FOUND', 'No such location'],
      // A department moved under its own sub-department, or under itself, would leave the tree.
      [move(dept, { parentId: sub.id }), 'VALIDATION', 'A location cannot be placed inside itself or one of its own sub-locations'],
      [move(dept, { parentId: dept.id }), 'VALIDATION', 'A location cannot be placed inside itself or one of its own sub-locations'],
    ];
    for (const [call, code, message] of refusals) {
      expect(await call).toEqual({ ok: false, error: { code, message, field: 'parentId' } });
    }
    expect(f.rows('locations')).toEqual(before);
  });

  it('refuses a new kind that what is inside the location could not sit in', async () => {
    const site = await create('Kind site', 'site');
    const dept = await create('Kind dept', 'department', site);
    await create('Kind room', 'room', dept);
    const before = f.rows('locations');
    expect(await move(dept, { kind: 'room' })).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        field: 'kind',
        message: '“Kind room” (room) is inside this location and could not stay: A room can be placed only inside a site or department, not a room',
      },
    });
    expect(f.rows('locations')).toEqual(before);
    // A department that becomes a top-level site keeps its room.
    expect(unwrap(await move(dept, { kind: 'site', parentId: null }))).toMatchObject({ kind: 'site', parentId: null });
  });

  it('refuses two locations with the same name in the same place, whatever the case', async () => {
    const site = await create('Twin site', 'site');
    await create('Room A', 'room', site);
    expect(await save({ name: 'room a', kind: 'room', parentId: site.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', field: 'name', message: 'There is already a location named “Room A” in the same place' },
    });
    const other = await create('Twin site 2', 'site');
    expect((await save({ name: 'Room A', kind: 'room', parentId: other.id })).ok).toBe(true);
  });

  it('deactivates from the leaves up, hides inactive ones unless asked, and reactivates from the top down', async () => {
    const site = await create('Closing site', 'site');
    const room = await create('Closing room', 'room', site);

    expect(await f.admin.api.clinic.setLocationActive({ id: site.id, active: false })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', field: 'id', message: '“Closing site” (site) still holds active locations (“Closing room”); deactivate or move them first' },
    });
    const closedRoom = unwrap(await f.admin.api.clinic.setLocationActive({ id: room.id, active: false }));
    expect(closedRoom).toMatchObject({ active: false, version: room.version + 1 });
    const closedSite = unwrap(await f.admin.api.clinic.setLocationActive({ id: site.id, active: false }));
    expect(closedSite.active).toBe(false);
    // Asking again changes nothing, not even the version.
    expect(unwrap(await f.admin.api.clinic.setLocationActive({ id: site.id, active: false }))).toEqual(closedSite);

    const activeOnly = unwrap(await desk.api.clinic.listLocations({})).map((l) => l.id);
    expect(activeOnly).not.toContain(site.id);
    expect(activeOnly).not.toContain(room.id);
    const all = unwrap(await desk.api.clinic.listLocations({ includeInactive: true })).map((l) => l.id);
    expect(all).toEqual(expect.arrayContaining([site.id, room.id]));

    // Nothing new goes into an inactive place, and its contents come back only after it.
    expect(await save({ name: 'New room', kind: 'room', parentId: site.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', field: 'parentId' },
    });
    expect(await f.admin.api.clinic.setLocationActive({ id: room.id, active: true })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', field: 'id' },
    });
    unwrap(await f.admin.api.clinic.setLocationActive({ id: site.id, active: true }));
    expect(unwrap(await f.admin.api.clinic.setLocationActive({ id: room.id, active: true })).active).toBe(true);
  });

  it('lets every role list locations but only the administrator change them', async () => {
    const site = await create('Guarded site', 'site');
    const before = f.rows('locations');
    expect(await desk.api.clinic.saveLocation({ name: 'Desk site', kind: 'site' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await desk.api.clinic.saveLocation({ id: site.id, expectedVersion: site.version, name: 'Renamed', kind: 'site' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await desk.api.clinic.setLocationActive({ id: site.id, active: false })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(f.rows('locations')).toEqual(before);
    expect(unwrap(await desk.api.clinic.listLocations({})).map((l) => l.id)).toContain(site.id);
  });

  it('stores SQL and markup in a name literally', async () => {
    const site = await create("'; DROP TABLE locations; --", 'site');
    const room = await create('<img src=x onerror=alert(1)>', 'room', site);
    const listed = unwrap(await f.admin.api.clinic.listLocations({}));
    expect(listed.find((l) => l.id === site.id)?.name).toBe("'; DROP TABLE locations; --");
    expect(listed.find((l) => l.id === room.id)?.name).toBe('<img src=x onerror=alert(1)>');
  });
});
