import { describe, expect, it } from 'vitest';
import { CAUSE_TITLES, lintNotification, type DiagnosisCheck } from '@auditnotify/core';
import { BACKEND_MESSAGES_ZH } from '../../src/renderer/i18n/backend-messages.js';

// Every check name core's diagnosis can produce; a Record over the union makes tsc flag a new one.
const CHECK_NAMES: Record<DiagnosisCheck['name'], true> = {
  authorization: true,
  headers: true,
  key_known: true,
  timestamp_window: true,
  signature_format: true,
  signature: true,
  signature_type: true,
};

const hasCjk = (text: string | undefined) => /[\u4e00-\u9fff]/.test(text ?? '');

describe('Chinese texts for the backend codes', () => {
  it('gives every cause code of core a Chinese title and explanation', () => {
    for (const code of Object.keys(CAUSE_TITLES)) {
      expect(hasCjk(BACKEND_MESSAGES_ZH.causeTitle[code]), code).toBe(true);
      expect(hasCjk(BACKEND_MESSAGES_ZH.causeExplanation[code]), code).toBe(true);
    }
    expect(Object.keys(BACKEND_MESSAGES_ZH.causeTitle).sort()).toEqual(Object.keys(CAUSE_TITLES).sort());
  });

  it('gives every lint warning code core produces a Chinese text that names the field', () => {
    const warnings = [
      ...lintNotification({ out_request_no: 'R1', mchid: '1900016681', audit_result: 'REJECT', trace_id: 'x' }),
      ...lintNotification({ out_request_no: 'R1', mchid: '1900016681', audit_result: 'PASS', fail_code: 'E1', fail_msg: 'm' }),
    ];
    const codes = [...new Set(warnings.map((w) => w.code))].sort();
    expect(codes).toEqual(['FAIL_FIELDS_WITH_PASS', 'REJECT_WITHOUT_FAIL_CODE', 'REJECT_WITHOUT_FAIL_MSG', 'UNKNOWN_FIELD']);
    for (const w of warnings) {
      const text = BACKEND_MESSAGES_ZH.lint[w.code];
      expect(hasCjk(text), w.code).toBe(true);
      // The field is either spelled out or filled in from the warning.
      expect(text?.includes(w.field ?? '') || text?.includes('{field}'), w.code).toBe(true);
    }
  });

  it('gives every verification check a Chinese name', () => {
    for (const name of Object.keys(CHECK_NAMES)) expect(hasCjk(BACKEND_MESSAGES_ZH.check[name]), name).toBe(true);
  });
});
