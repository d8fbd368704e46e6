import { z } from 'zod';
import { method } from '../rpc/method';
import { UuidSchema } from '../domain/ids';
import { VersionSchema } from '../domain/clinic';
import {
  DeviceSchema,
  DeviceSettingsSchema,
  DeviceStatusSchema,
  JournalEntryDetailSchema,
  JournalEntrySchema,
  MonitorChunkSchema,
  SerialPortInfoSchema,
  UsbDeviceInfoSchema,
} from '../domain/devices';

/**
 * Device administration: what is cabled to this workstation, how to talk to it, whether it is
 * talking, and what it said (the raw journal). Administrators only; clinicians see device status
 * through `devices.statuses`.
 */
export const devicesContract = {
  'devices.list': method({
    summary: 'List configured devices with their live status',
    access: 'devices.manage',
    input: z.strictObject({ includeInactive: z.boolean({ error: 'includeInactive must be true or false' }).default(true) }),
    output: z.array(DeviceSchema),
  }),
  'devices.statuses': method({
    summary: 'Live status of the devices attached to this workstation',
    access: 'devices.capture',
    input: z.strictObject({}),
    output: z.array(DeviceStatusSchema.extend({ name: z.string(), kind: z.string(), locationId: UuidSchema.nullable() })),
  }),
  'devices.ports': method({
    summary: 'List the serial ports and USB devices this workstation can see',
    access: 'devices.manage',
    input: z.strictObject({}),
    output: z.object({
      serial: z.array(SerialPortInfoSchema),
      usb: z.array(UsbDeviceInfoSchema),
      /** Why a list is empty when it could not be read (no udev, no permission, ...). */
      errors: z.array(z.string()),
    }),
  }),
  'devices.create': method({
    summary: 'Add a device cabled to this workstation',
    access: 'devices.manage',
    input: DeviceSettingsSchema,
    output: DeviceSchema,
  }),
  'devices.update': method({
    summary: 'Change a device’s name, place, protocol or port settings (it reconnects)',
    access: 'devices.manage',
    input: z.strictObject({ id: UuidSchema, expectedVersion: VersionSchema, settings: DeviceSettingsSchema }),
    output: DeviceSchema,
  }),
  'devices.setActive': method({
    summary: 'Enable (connect) or disable (disconnect and stop reconnecting) a device',
    access: 'devices.manage',
    input: z.strictObject({ id: UuidSchema, expectedVersion: VersionSchema, active: z.boolean({ error: 'active must be true or false' }) }),
    output: DeviceSchema,
  }),
  'devices.reconnect': method({
    summary: 'Close and reopen a device’s connection now',
    access: 'devices.manage',
    input: z.strictObject({ id: UuidSchema }),
    output: DeviceStatusSchema,
  }),
  'devices.testConnection': method({
    summary: 'Open a port with the given settings for a few seconds and report what arrived',
    access: 'devices.manage',
    input: z.strictObject({
      settings: DeviceSettingsSchema,
      /** The device being edited, so its own open port is released for the test. */
      deviceId: UuidSchema.optional(),
      listenMs: z.number().int().min(200, 'listen at least 200 ms').max(15_000, 'listen at most 15 s').default(3000),
    }),
    output: z.object({
      opened: z.boolean(),
      error: z.string().nullable(),
      bytesReceived: z.number().int(),
      messagesDecoded: z.number().int(),
      framesRejected: z.number().int(),
      /** Decoder notices (bad checksum, noise, ...) seen during the test. */
      notices: z.array(z.string()),
      sample: MonitorChunkSchema.array(),
    }),
  }),
  'devices.monitor': method({
    summary: 'Start or stop the live raw monitor for a device; returns the recent traffic',
    access: 'devices.manage',
    input: z.strictObject({ id: UuidSchema, enabled: z.boolean({ error: 'enabled must be true or false' }) }),
    output: z.object({ recent: z.array(MonitorChunkSchema) }),
  }),
  'devices.journal': method({
    summary: 'Page through the raw message journal, newest first',
    access: 'devices.manage',
    input: z.strictObject({
      deviceId: UuidSchema.optional(),
      status: z.enum(['pending', 'processed', 'failed']).optional(),
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1, 'limit must be 1–200').max(200, 'limit must be 1–200').default(50),
    }),
    output: z.object({ entries: z.array(JournalEntrySchema), hasMore: z.boolean() }),
  }),
  'devices.journalEntry': method({
    summary: 'One raw journal entry in hex and text, with its decoded message',
    access: 'devices.manage',
    input: z.strictObject({ seq: z.number().int().positive() }),
    output: JournalEntryDetailSchema,
  }),
} as const;
