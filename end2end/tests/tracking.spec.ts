// 办件查询: a citizen follows a case by number and query code, reads it offline as of its last
// answer, and sees the supplement (补正) staff asked for once the line is back.
import { test, expect, type APIRequestContext } from '@playwright/test';
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
async function fileCase(request: APIRequestContext) {
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

test('a case is followed on the device, read offline, and shows the supplement asked', async ({
  page,
  context,
  request,
}) => {
  const filed = await fileCase(request);

  await page.goto('/track');
  // A wrong code gets the one generic answer.
  await page.getByTestId('track-case-no').fill(filed.case_no);
  await page.getByTestId('track-query-code').fill('WRONG-CODE-0000');
  await page.getByTestId('track-submit').click();
  await expect(page.getByTestId('track-error')).toHaveText('办件编号或查询码不正确。');

  // Typed sloppily (lowercase, spaces): still found.
  await page.getByTestId('track-query-code').fill(` ${filed.query_code.toLowerCase()} `);
  await page.getByTestId('track-submit').click();
  await expect(page.getByTestId('case-no')).toHaveText(filed.case_no);
  await expect(page.getByTestId('case-state')).toHaveText('提交预审');
  await expect(page.getByTestId('case-timeline').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('tracked-cases')).toContainText(filed.case_no);

  // Offline, the device still shows what it knew, and says so.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('tracked-cases')).toContainText(filed.case_no);
  await page.getByTestId('tracked-cases').getByRole('button', { name: filed.case_no }).click();
  await expect(page.getByTestId('case-state')).toHaveText('提交预审');
  await expect(page.getByTestId('case-as-of')).toContainText('离线显示本机保存的信息');

  // Meanwhile the window asks for a supplement.
  const login = await request.post('/api/staff/login', { data: { username: 'ga', password: 'demo-ga-2026' } });
  expect(login.status()).toBe(200);
  const { csrf_token } = await login.json();
  const action = await request.post(`/api/staff/cases/${filed.case_no}/actions`, {
    headers: { 'X-CSRF-Token': csrf_token },
    data: {
      action: 'request_supplement',
      missing: ['身份证复印件不清晰，请重新上传'],
      note: '请上传清晰的正反面照片。',
      expected_state: 'submitted',
    },
  });
  expect(action.status()).toBe(200);

  // Back online, the device refreshes by itself.
  await context.setOffline(false);
  await expect(page.getByTestId('case-state')).toHaveText('需补正');
  await expect(page.getByTestId('case-supplement')).toContainText('身份证复印件不清晰，请重新上传');
  await expect(page.getByTestId('case-supplement')).toContainText('请上传清晰的正反面照片。');

  // The person can take the case and its code off a shared computer.
  await page.getByTestId('forget').click();
  await page.getByTestId('forget-yes').click();
  await expect(page.getByText('本机还没有关注的办件。')).toBeVisible();
});
