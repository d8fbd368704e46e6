import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { appContract, METHOD_NAMES, type MethodName } from '../../../common/contract';
import type { ApiClient } from '../../../common/rpc/client';
import type { Result } from '../../../common/rpc/errors';
import { roleHasPermission, type Permission } from '../../../common/domain/permissions';
import { ADMIN, setUpAdmin, startTestWorkstation, unwrap, type TestWorkstation } from '../../support/test-workstation';
import { openTransport, TRANSPORT_NAMES, type TransportHandle } from '../../support/transports';
import { validInput, type InputTarget } from '../../support/valid-inputs';

// ---------------------------------------------------------------------------------------------
// The fields of every method, read from its zod input schema, so a new method or field is covered
// without touching this file.

type FieldKind = 'string' | 'number' | 'boolean' | 'enum' | 'array' | 'object' | 'other';
interface Field {
  name: string;
  required: boolean;
  kind: FieldKind;
  integer: boolean;
}

interface Introspectable {
  def: { type: string; innerType?: Introspectable };
  format?: string | null;
}

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch']);

function fieldsOf(schema: z.ZodType): Field[] {
  const shape = (schema as unknown as { shape?: Record<string, Introspectable> }).shape;
  if (!shape) throw new Error('contract inputs are expected to be objects');
  return Object.entries(shape).map(([name, outer]) => {
    let inner = outer;
    while (WRAPPERS.has(inner.def.type) && inner.def.innerType) inner = inner.def.innerType;
    const required = !['optional', 'default', 'prefault'].includes(outer.def.type);
    // Discriminated unions (a device's transport) and records (a code map) are objects on the wire.
    const type = inner.def.type === 'union' || inner.def.type === 'record' ? 'object' : inner.def.type;
    const kind: FieldKind =
      type === 'string' || type === 'number' || type === 'boolean' || type === 'enum' || type === 'array' || type === 'object' ? type : 'other';
    return { name, required, kind, integer: inner.format === 'safeint' || inner.format === 'int32' };
  });
}

/**
 * Fields that accept free text by design (names, passwords, a ping echo, an audit filter): SQL and
 * markup are legal values there, stored and returned literally. Every other string field has a
 * format (UUID, username pattern, enum) that refuses them. A new free-text field fails the hostile
 * corpus below until it is listed here and given a literal-storage case.
 */
const FREE_TEXT_FIELDS = new Set([
  'system.ping.echo',
  'auth.setupFirstAdmin.organizationName',
  'auth.setupFirstAdmin.displayName',
  'auth.setupFirstAdmin.password',
  'auth.login.password',
  'auth.changePassword.currentPassword',
  'auth.changePassword.newPassword',
  'users.create.displayName',
  'users.create.password',
  'users.update.displayName',
  'users.resetPassword.newPassword',
  'audit.list.action',
  'criticalResults.acknowledge.note',
  'patients.search.query',
  'patients.findDuplicates.givenName',
  'patients.findDuplicates.familyName',
  'patients.register.givenName',
  'patients.register.middleName',
  'patients.register.familyName',
  'patients.register.addressLine',
  'patients.register.city',
  'patients.register.region',
  'patients.register.emergencyContactName',
  'patients.register.emergencyContactRelationship',
  'clinic.updateOrganization.name',
  'clinic.updateOrganization.address',
  'clinic.saveLocation.name',
  'clinic.saveProvider.givenName',
  'clinic.saveProvider.familyName',
  'clinic.saveProvider.specialty',
  'schedule.saveAppointmentType.name',
  'schedule.book.notes',
  'schedule.bookRecurring.notes',
  'schedule.cancel.reason',
  'schedule.walkIn.notes',
  'devices.create.name',
  'capture.reject.reason',
  'problems.record.condition',
  'problems.record.notes',
  'problems.update.condition',
  'problems.update.notes',
  'medications.record.drug',
  'medications.record.dose',
  'medications.record.unit',
  'medications.record.route',
  'medications.record.frequency',
  'medications.update.drug',
  'medications.update.dose',
  'medications.update.unit',
  'medications.update.route',
  'medications.update.frequency',
  'carePlans.save.title',
  'carePlans.save.description',
  'allergies.record.allergen',
  'allergies.record.reaction',
  'allergies.update.reaction',
  'orders.checkAllergies.drug',
  'orders.draftMedication.drug',
  'orders.draftMedication.instructions',
  'orders.draftLab.testName',
  'orders.cancel.reason',
  'encounters.saveComplaint.chiefComplaint',
  'notes.saveDraft.subjective',
  'notes.saveDraft.objective',
  'notes.saveDraft.assessment',
  'notes.saveDraft.plan',
  'notes.amend.reason',
]);

const HUGE = 'A'.repeat(100 * 1024);
const SQL_PAYLOADS = ["'; DROP TABLE users; --", '1 OR 1=1', "' OR '1'='1"];
const SCRIPT_PAYLOADS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>'];

const WRONG_TYPES: Record<FieldKind, unknown[]> = {
  string: [42, true, null, [], {}, ['admin']],
  enum: ['superuser', 'ADMIN', '', 42, null, ['admin'], {}],
  number: ['1', true, null, [], {}],
  boolean: ['true', 1, 0, null, [], {}],
  array: ['x', 42, true, null, {}, [42], [null]],
  object: ['x', 42, true, null, [], { unknownField: 1 }],
  other: [],
};

interface BadCase {
  method: MethodName;
  label: string;
  /** Exact JSON of the input (prototype keys must be own properties, which only JSON text can make). */
  inputJson: string;
  /** The field the error must name; null when the input as a whole is at fault. */
  field: string | null;
}

/** A JSON object text with `key` as an own property ahead of the base fields. */
function withOwnKey(base: Record<string, unknown>, key: string, value: unknown): string {
  const rest = JSON.stringify(base).slice(1, -1);
  return `{${JSON.stringify(key)}:${JSON.stringify(value)}${rest ? `,${rest}` : ''}}`;
}

function hostileCases(target: InputTarget): BadCase[] {
  const cases: BadCase[] = [];
  for (const method of METHOD_NAMES) {
    const base = validInput(method, target);
    const addJson = (label: string, inputJson: string, field: string | null) => cases.push({ method, label, inputJson, field });
    const add = (label: string, input: unknown, field: string | null) => addJson(label, JSON.stringify(input), field);

    for (const input of [null, 42, 'x', [], [base], true]) add(`input ${JSON.stringify(input)}`, input, null);
    for (const key of ['isAdmin', 'passwordHash', 'sessionToken']) add(`extra ${key}`, { ...base, [key]: true }, key);
    addJson('own __proto__ key', withOwnKey(base, '__proto__', { admin: true }), '__proto__');
    addJson('own constructor key', withOwnKey(base, 'constructor', { prototype: { admin: true } }), 'constructor');
    addJson('own prototype key', withOwnKey(base, 'prototype', { admin: true }), 'prototype');

    for (const field of fieldsOf(appContract[method].input)) {
      const set = (value: unknown) => ({ ...base, [field.name]: value });
      if (field.required) {
        const { [field.name]: _dropped, ...missing } = base;
        add(`missing ${field.name}`, missing, field.name);
      }
      for (const value of WRONG_TYPES[field.kind]) add(`${field.name} = ${JSON.stringify(value)}`, set(value), field.name);
      if (field.integer) add(`${field.name} = 1.5`, set(1.5), field.name);
      if (field.kind === 'string' || field.kind === 'enum') {
        add(`${field.name} = 100 kB`, set(HUGE), field.name);
        if (!FREE_TEXT_FIELDS.has(`${method}.${field.name}`)) {
          for (const payload of [...SQL_PAYLOADS, ...SCRIPT_PAYLOADS, '__proto__']) {
            add(`${field.name} = ${payload}`, set(payload), field.name);
          }
        }
      }
    }
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------

/** Every table but the audit log, row by row: the corpus must leave all of it as it was. */
function snapshot(tw: TestWorkstation): Record<string, unknown[]> {
  const raw = tw.workstation.database.raw;
  // Virtual tables (the patient search index) are covered by their shadow tables, some of which
  // have no rowid and are ordered by their key instead.
  const tables = raw
    .prepare(
      "SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'shadow') AND name NOT LIKE 'sqlite_%' AND name <> 'audit_events' ORDER BY name",
    )
    .all() as { name: string; wr: number }[];
  const snap: Record<string, unknown[]> = {};
  for (const { name, wr } of tables) snap[name] = raw.prepare(`SELECT * FROM "${name}" ORDER BY ${wr ? '1' : 'rowid'}`).all();
  return snap;
}

function maxAuditSeq(tw: TestWorkstation): number {
  return (tw.workstation.database.raw.prepare('SELECT coalesce(max(seq), 0) AS seq FROM audit_events').get() as { seq: number }).seq;
}

describe('the field list is read from the contract', () => {
  it('finds every method and the fields of a known one', () => {
    expect(fieldsOf(appContract['users.update'].input)).toEqual([
      { name: 'id', required: true, kind: 'string', integer: false },
      { name: 'expectedVersion', required: true, kind: 'number', integer: true },
      { name: 'displayName', required: false, kind: 'string', integer: false },
      { name: 'role', required: false, kind: 'enum', integer: false },
    ]);
    expect(fieldsOf(appContract['users.list'].input)).toEqual([{ name: 'includeInactive', required: false, kind: 'boolean', integer: false }]);
    for (const method of METHOD_NAMES) {
      for (const field of fieldsOf(appContract[method].input)) expect(field.kind, `${method}.${field.name}`).not.toBe('other');
    }
  });

  it('lists only free-text fields that exist and are strings', () => {
    const stringFields = new Set(
      METHOD_NAMES.flatMap((m) => fieldsOf(appContract[m].input).filter((f) => f.kind === 'string').map((f) => `${m}.${f.name}`)),
    );
    for (const entry of FREE_TEXT_FIELDS) expect(stringFields.has(entry), entry).toBe(true);
  });
});

describe.each(TRANSPORT_NAMES)('bad input over the %s transport', (transportName) => {
  let tw: TestWorkstation;
  let h: TransportHandle;
  let admin: ApiClient;
  let physician: ApiClient;
  let target: InputTarget;

  /** The administrator, or for clinical methods (which administrators may not call) a physician. */
  const callerOf = (method: MethodName) => {
    const access = appContract[method].access;
    return access === 'public' || roleHasPermission('admin', access as Permission)
      ? { client: admin, username: ADMIN.username }
      : { client: physician, username: 'doc' };
  };

  beforeAll(async () => {
    tw = await startTestWorkstation();
    h = await openTransport(tw, transportName);
    admin = await setUpAdmin(tw, h.client());
    const user = unwrap(await admin.api.users.create({ username: 'target', displayName: 'Tara Target', role: 'nurse', password: 'target password' }));
    target = { id: user.id, username: 'target', password: 'target password' };
    unwrap(await admin.api.users.create({ username: 'doc', displayName: 'Dana Doctor', role: 'physician', password: 'doc password' }));
    physician = h.client();
    unwrap(await physician.api.auth.login({ username: 'doc', password: 'doc password' }));
  });
  afterAll(async () => {
    await h?.close();
    await tw?.close();
  });

  it('refuses the hostile corpus for every method with VALIDATION and changes nothing', async () => {
    const cases = hostileCases(target);
    const before = snapshot(tw);
    const seqBefore = maxAuditSeq(tw);
    const failures: string[] = [];

    for (const c of cases) {
      // The raw JSON goes on the wire as is; the in-process transport round-trips through JSON too.
      const input: unknown = JSON.parse(c.inputJson);
      const result: Result<unknown> = await h.transport.call({ method: c.method, input, session: callerOf(c.method).client.session() });
      const where = `${c.method} ${c.label}`;
      if (result.ok) {
        failures.push(`${where}: accepted`);
        continue;
      }
      if (result.error.code !== 'VALIDATION') failures.push(`${where}: ${result.error.code} ${result.error.message}`);
      // A bad element or key inside an array or object field is named by its path ("changes.city").
      const field = result.error.field ?? null;
      if (field !== c.field && !(c.field !== null && field?.startsWith(`${c.field}.`))) failures.push(`${where}: field ${field} instead of ${c.field}`);
      // Errors are short and never echo a 100 kB value back.
      if (JSON.stringify(result).length > 1000) failures.push(`${where}: answer of ${JSON.stringify(result).length} chars`);
    }
    expect(failures).toEqual([]);

    const covered = new Set(cases.map((c) => c.method));
    expect([...covered].sort()).toEqual([...METHOD_NAMES].sort());
    expect(cases.length).toBeGreaterThan(METHOD_NAMES.length * 10);

    expect(snapshot(tw)).toEqual(before);
    // One audit event per call, each an invalid call by its caller.
    const audit = tw.workstation.database.raw
      .prepare('SELECT action, outcome, error_code, username FROM audit_events WHERE seq > ? ORDER BY seq')
      .all(seqBefore) as { action: string; outcome: string; error_code: string; username: string }[];
    expect(audit).toHaveLength(cases.length);
    expect(audit.every((a) => a.outcome === 'invalid' && a.error_code === 'VALIDATION')).toBe(true);
    expect(audit.map((a) => a.username)).toEqual(cases.map((c) => callerOf(c.method).username));
    expect(audit.map((a) => a.action)).toEqual(cases.map((c) => c.method));
    // Nothing leaked onto Object.prototype in this process (the bridge server runs here too).
    expect(({} as Record<string, unknown>).admin).toBeUndefined();

    // Still up, and the administrator's session survived (a bad auth.logout did not end it).
    expect(unwrap(await admin.api.system.ping({ echo: 'still here' })).echo).toBe('still here');
    expect(unwrap(await admin.api.auth.currentSession({})).user.username).toBe(ADMIN.username);
  }, 120_000); // thousands of hostile calls, each audited on an encrypted, fsynced store

  it('stores SQL and markup literally where a field accepts free text', async () => {
    const raw = tw.workstation.database.raw;
    const payloads = [...SQL_PAYLOADS, ...SCRIPT_PAYLOADS];
    const userCount = () => (raw.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
    const before = userCount();

    for (const [i, payload] of payloads.entries()) {
      const created = unwrap(
        await admin.api.users.create({ username: `payload${i}`, displayName: payload, role: 'nurse', password: `${payload} password` }),
      );
      expect(created.displayName).toBe(payload);
      const stored = raw.prepare('SELECT display_name FROM users WHERE id = ?').get(created.id) as { display_name: string };
      expect(stored.display_name).toBe(payload);
      // The payload password is an ordinary password: it works, and only it.
      expect((await h.client().api.auth.login({ username: `payload${i}`, password: `${payload} password` })).ok).toBe(true);
      expect((await h.client().api.auth.login({ username: `payload${i}`, password: "' OR '1'='1" })).ok).toBe(false);
      expect(unwrap(await admin.api.system.ping({ echo: payload })).echo).toBe(payload);
    }
    expect(userCount()).toBe(before + payloads.length);

    const listed = unwrap(await admin.api.users.list({}));
    expect(listed.filter((u) => u.username.startsWith('payload')).map((u) => u.displayName)).toEqual(payloads);

    const renamed = unwrap(await admin.api.users.update({ id: target.id, expectedVersion: 1, displayName: SCRIPT_PAYLOADS[1]! }));
    expect(renamed.displayName).toBe(SCRIPT_PAYLOADS[1]);

    // An audit filter is a value, not SQL: "1 OR 1=1" matches no action.
    for (const action of SQL_PAYLOADS) expect(unwrap(await admin.api.audit.list({ action }))).toEqual([]);

    // A device name is a name: stored and listed literally.
    for (const [i, payload] of payloads.entries()) {
      const device = unwrap(await admin.api.devices.create({
        name: payload, kind: 'scale', protocol: 'scale',
        transport: { type: 'serial', path: `/dev/aipc-payload-${i}`, baudRate: 2400, dataBits: 7, parity: 'even', stopBits: 1, flowControl: 'none' },
      }));
      expect((raw.prepare('SELECT name FROM devices WHERE id = ?').get(device.id) as { name: string }).name).toBe(payload);
    }

    // Reserved-looking words are plain usernames.
    const constructorUser = unwrap(await admin.api.users.create({ username: 'constructor', displayName: 'constructor', role: 'nurse', password: 'constructor password' }));
    expect(constructorUser.username).toBe('constructor');
    expect((await h.client().api.auth.login({ username: 'constructor', password: 'constructor password' })).ok).toBe(true);

    // Free text in a refused call still passes validation and meets the handler's own rule.
    const again = await h.client().api.auth.setupFirstAdmin({
      organizationName: SQL_PAYLOADS[0]!,
      username: 'second',
      displayName: SCRIPT_PAYLOADS[0]!,
      password: "'; DROP TABLE users; --",
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'SETUP_ALREADY_DONE' } });
    expect(unwrap(await admin.api.auth.setupStatus({})).organizationName).toBe('Riverside Clinic');
  });
});
