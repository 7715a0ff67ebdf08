// Helpers shared by the specs: filing a case through the API as the app's outbox would.
import { expect, type APIRequestContext } from '@playwright/test';
import { createHash, randomBytes } from 'node:crypto';

/** Canonical JSON as the core crate writes it: keys sorted by UTF-8 bytes, no spaces. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      Buffer.compare(Buffer.from(a), Buffer.from(b)),
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Files a GA-003 (无犯罪记录证明) pre-review through the API, as the app's outbox would. */
export async function fileCase(request: APIRequestContext) {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const upload = await request.post('/api/uploads?item_code=GA-003&form_version=1&field_id=material_1', {
    headers: { 'Content-Type': 'application/pdf' },
    data: pdf,
  });
  expect(upload.status()).toBe(201);
  const file = await upload.json();
  const answers = {
    name: '张三',
    id_no: '11010519491231002X',
    phone: '13800138000',
    address: '城关镇人民路1号',
    purpose: '就业',
    has_agent: 'no',
    material_1: [{ upload_id: file.upload_id, name: 'id.pdf', media_type: file.media_type, size: file.size }],
  };
  const hash = createHash('sha256')
    .update(canonical({ answers, form_version: 1, item_code: 'GA-003' }))
    .digest('hex');
  const response = await request.post('/api/submissions', {
    data: {
      client_id: randomBytes(16).toString('hex'),
      item_code: 'GA-003',
      form_version: 1,
      answers,
      content_hash: hash,
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as { case_no: string; query_code: string };
}

