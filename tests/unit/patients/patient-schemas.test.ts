import { describe, expect, it } from 'vitest';
import { dateOfBirthProblem, DateOfBirthSchema, OptionalEmailSchema, OptionalPhoneSchema, PatientDemographicsSchema } from '../../../common/domain/patients';

describe('patient demographics', () => {
  it('accepts a real date of birth and refuses impossible ones', () => {
    expect(DateOfBirthSchema.safeParse('1984-03-07').success).toBe(true);
    expect(DateOfBirthSchema.safeParse('2024-02-29').success).toBe(true);
    expect(DateOfBirthSchema.safeParse('2023-02-29').success).toBe(false);
    expect(DateOfBirthSchema.safeParse('07/03/1984').success).toBe(false);
  });

  it('judges a date of birth against the date passed in, not the machine clock', () => {
    expect(dateOfBirthProblem('2026-11-25', '2026-11-25')).toBeNull();
    expect(dateOfBirthProblem('2026-11-26', '2026-11-25')).toMatch(/future/);
    expect(dateOfBirthProblem('1896-11-25', '2026-11-25')).toBeNull();
    expect(dateOfBirthProblem('1896-11-24', '2026-11-25')).toMatch(/130 years/);
  });

  it('checks phone and email shapes, allowing empty', () => {
    expect(OptionalPhoneSchema.safeParse('+1 (555) 555-0134').success).toBe(true);
    expect(OptionalPhoneSchema.safeParse('').success).toBe(true);
    expect(OptionalPhoneSchema.safeParse('1234').success).toBe(false);
    expect(OptionalPhoneSchema.safeParse('call me').success).toBe(false);
    expect(OptionalEmailSchema.safeParse('maria@example.org').success).toBe(true);
    expect(OptionalEmailSchema.safeParse('<script>@x.y').success).toBe(false);
  });

  it('names the field of the first problem', () => {
    const result = PatientDemographicsSchema.safeParse({ givenName: 'María', familyName: '123', dateOfBirth: '1984-03-07', sex: 'female' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['familyName']);
    expect(PatientDemographicsSchema.safeParse({ givenName: 'María', familyName: 'García', dateOfBirth: '1984-03-07', sex: 'robot' }).success).toBe(false);
  });
});
