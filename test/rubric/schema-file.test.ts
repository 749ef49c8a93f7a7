// schema/rubric.schema.json is generated from src/rubric/schema.ts; this test fails when
// it is stale. Regenerate with `npx vitest run test/rubric/schema-file.test.ts --update`.
import { expect, test } from 'vitest';
import { rubricJsonSchema } from '../../src/rubric/schema.js';

test('schema/rubric.schema.json is what src/rubric/schema.ts generates', async () => {
  await expect(JSON.stringify(rubricJsonSchema(), null, 2) + '\n').toMatchFileSnapshot('../../schema/rubric.schema.json');
});

test('the JSON Schema describes every property, for editor help', () => {
  const undescribed: string[] = [];
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) node.forEach((item, i) => visit(item, `${path}[${i}]`));
    if (typeof node !== 'object' || node === null) return;
    const properties = (node as { properties?: Record<string, { description?: string; anyOf?: unknown }> }).properties ?? {};
    for (const [key, schema] of Object.entries(properties)) {
      if (schema.description === undefined) undescribed.push(`${path}.${key}`);
    }
    for (const [key, child] of Object.entries(node)) visit(child, `${path}.${key}`);
  };
  visit(rubricJsonSchema(), '');
  expect(undescribed).toEqual([]);
});
