import { describe, expect, it } from 'vitest';
import { idCheckChar } from '../../../common/id-number.ts';
import { addYears, ageOn, redactSensitive, validateMemberInput } from './member-validate.ts';

const ID = (first17: string) => first17 + idCheckChar(first17);
const GOOD = ID('33052219800101123');
const TODAY = new Date('2026-03-01T04:00:00Z');
const problems = (r: ReturnType<typeof validateMemberInput>) => (r.ok ? [] : r.problems.map((p) => `${p.field}:${p.code}`));

describe('validateMemberInput', () => {
  it('normalizes a valid member: birth date and gender from the ID number, standing normal, empty text as null', () => {
    const r = validateMemberInput({ name: ' 张三 ', idNumber: GOOD, status: 'full', phone: '+86 138-1234-5678', ethnicity: '', joinedOn: '2005-07-01', confirmedOn: '2006-07-01' }, { today: TODAY });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ name: '张三', idNumber: GOOD, birthDate: '1980-01-01', gender: 'male', phone: '13812345678', ethnicity: null, standing: 'normal' });
  });

  it('upgrades a 15-digit number and upper-cases a trailing x', () => {
    const r15 = validateMemberInput({ name: '李四', idNumber: '330522800101123', status: 'full' });
    expect(r15.ok && r15.value.idNumber).toBe(ID('33052219800101123'));
    let first17 = '';
    for (let n = 0; ; n++) {
      first17 = `33052219850315${String(n).padStart(3, '0')}`;
      if (idCheckChar(first17) === 'X') break;
    }
    const rx = validateMemberInput({ name: '王五', idNumber: `${first17}x`, status: 'full' });
    expect(rx.ok && rx.value.idNumber).toBe(`${first17}X`);
  });

  it('names the reason of a bad ID number: format, birth date, check character', () => {
    expect(problems(validateMemberInput({ name: '甲', idNumber: '33052219800101', status: 'full' }))).toEqual(['idNumber:ID_NUMBER_FORMAT']);
    expect(problems(validateMemberInput({ name: '甲', idNumber: ID('33052219800231123'), status: 'full' }))).toEqual(['idNumber:ID_NUMBER_BIRTH_DATE']);
    expect(problems(validateMemberInput({ name: '甲', idNumber: ID('33052220990101123'), status: 'full' }, { today: TODAY }))).toEqual(['idNumber:ID_NUMBER_BIRTH_DATE']);
    const wrong = GOOD.slice(0, 17) + (GOOD[17] === '0' ? '1' : '0');
    expect(problems(validateMemberInput({ name: '甲', idNumber: wrong, status: 'full' }))).toEqual(['idNumber:ID_NUMBER_CHECK_DIGIT']);
  });

  it('requires name, ID number and status; checks codes, phones, dates and lengths', () => {
    expect(problems(validateMemberInput({}))).toEqual(['name:required', 'idNumber:required', 'status:required']);
    const r = validateMemberInput(
      { name: 'x'.repeat(51), idNumber: GOOD, status: 'member', standing: 'gone', education: 'phd', duesCategory: 'rich', phone: '12345', joinedOn: '2005-02-30', confirmedOn: '2030-01-01' },
      { today: TODAY },
    );
    expect(problems(r)).toEqual([
      'name:too_big', 'phone:PHONE_INVALID', 'education:invalid_value', 'duesCategory:invalid_value', 'joinedOn:DATE_INVALID', 'confirmedOn:DATE_IN_FUTURE', 'status:invalid_value', 'standing:invalid_value',
    ]);
    expect(problems(validateMemberInput({ name: '甲\u0000', idNumber: GOOD, status: 'full' }))).toEqual(['name:invalid_format']);
  });

  it('applies the cross-field rules: 入党 at 18 or older, 转正 after 入党, none for 预备党员', () => {
    expect(problems(validateMemberInput({ name: '甲', idNumber: GOOD, status: 'full', joinedOn: '1997-12-31' }))).toEqual(['joinedOn:JOINED_UNDER_18']);
    expect(problems(validateMemberInput({ name: '甲', idNumber: GOOD, status: 'full', joinedOn: '1998-01-01' }))).toEqual([]);
    expect(problems(validateMemberInput({ name: '甲', idNumber: GOOD, status: 'full', joinedOn: '2005-07-01', confirmedOn: '2005-06-30' }))).toEqual(['confirmedOn:CONFIRMED_BEFORE_JOINED']);
    expect(problems(validateMemberInput({ name: '甲', idNumber: GOOD, status: 'probationary', joinedOn: '2025-07-01', confirmedOn: '2026-01-01' }, { today: TODAY }))).toEqual([
      'confirmedOn:PROBATIONARY_CONFIRMED',
    ]);
  });

  it('in partial mode checks only the given fields, using the known birth date for the age rule', () => {
    const r = validateMemberInput({ occupation: '教师' }, { partial: true });
    expect(r).toEqual({ ok: true, value: { occupation: '教师' } });
    expect(problems(validateMemberInput({ joinedOn: '1990-01-01' }, { partial: true, birthDate: '1980-01-01' }))).toEqual(['joinedOn:JOINED_UNDER_18']);
    expect(problems(validateMemberInput({ name: '' }, { partial: true }))).toEqual(['name:required']);
  });
});

describe('date helpers and redaction', () => {
  it('computes ages and anniversaries', () => {
    expect(ageOn('1980-03-01', '2026-02-28')).toBe(45);
    expect(ageOn('1980-03-01', '2026-03-01')).toBe(46);
    expect(addYears('2004-02-29', 18)).toBe('2022-02-28');
  });
  it('masks ID numbers and phones inside free text', () => {
    expect(redactSensitive(`核对 ${GOOD} 与 13812345678，15 位 330522800101123`)).toBe(`核对 3305**********${GOOD.slice(-4)} 与 138****5678，15 位 3305*******1123`);
    expect(redactSensitive('订单 A13812345678 不变')).toBe('订单 A13812345678 不变');
  });
});
