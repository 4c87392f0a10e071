/** The helpers work on the real vendor files in ../shared (skipped with ASSETBRIDGE_NO_SHARED=1). */
import fs from 'node:fs';
import path from 'node:path';
import { isJsonObject } from './openapi-schema-transform';
import {
  componentSchemaNames,
  describeConformance,
  graphPropertyNames,
  loadOpenApi,
  sharedDir,
  validateAgainstSchema,
  validateGraphEntity,
  type OpenApiSpec,
} from './spec-validator';

const OPENAPI_FILES = [
  'jamf-pro-api-11.30.1.trimmed.json',
  'jira-cloud-platform-v3.trimmed.json',
  'jsm-assets-cloud.extract.json',
  'jsm-servicedeskapi.trimmed.json',
];

function jsonResponses(spec: OpenApiSpec): string[] {
  const targets: string[] = [];
  const paths = isJsonObject(spec.document.paths) ? spec.document.paths : {};
  for (const [specPath, item] of Object.entries(paths)) {
    if (!isJsonObject(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!isJsonObject(operation) || !isJsonObject(operation.responses)) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        const text = JSON.stringify(response);
        if (/^\d{3}$/.test(status) && (text.includes('json') || text.includes('$ref'))) {
          targets.push(`${method.toUpperCase()} ${specPath} ${status}`);
        }
      }
    }
  }
  return targets;
}

describeConformance('spec helpers on the real vendor specs', () => {
  test.each(OPENAPI_FILES)(
    '%s: every JSON response schema compiles',
    (file) => {
      const spec = loadOpenApi(file)!;
      const failures: string[] = [];
      expect(componentSchemaNames(spec).length).toBeGreaterThan(0);
      const ops = jsonResponses(spec);
      expect(ops.length).toBeGreaterThan(3);
      for (const op of ops) {
        try {
          validateAgainstSchema(spec, op, {});
        } catch (error) {
          const message = (error as Error).message;
          if (!/has no JSON body schema/.test(message)) failures.push(`${op}: ${message}`);
        }
      }
      expect(failures).toEqual([]);
    },
    60_000,
  );

  test('Jamf: an invented inventory field fails, a declared one passes', () => {
    const spec = loadOpenApi('jamf-pro-api-11.30.1.trimmed.json')!;
    const ok = { totalCount: 1, results: [{ id: '1', udid: 'x', general: { name: 'Mac' } }] };
    expect(validateAgainstSchema(spec, 'GET /v1/computers-inventory', ok)).toEqual([]);
    const bad = { totalCount: 1, results: [{ id: '1', general: { name: 'Mac', nickname: 'x' } }] };
    expect(validateAgainstSchema(spec, 'GET /api/v1/computers-inventory', bad)).toEqual([
      '/results/0/general: has property "nickname" that the vendor schema does not declare',
    ]);
  });

  test('Graph: managedDevice names include id, and the captured sample conforms', () => {
    const names = graphPropertyNames()!;
    expect(names.has('id')).toBe(true);
    expect(names.has('serialNumber')).toBe(true);
    expect(names.has('deviceCategory')).toBe(false);
    const sample = path.join(
      sharedDir()!,
      'fixtures',
      'intune',
      'rapid7_graph_managed_device_single.json',
    );
    if (!fs.existsSync(sample)) return;
    const body = JSON.parse(fs.readFileSync(sample, 'utf8')) as Record<string, unknown>;
    const device = Array.isArray(body.value) ? (body.value[0] as unknown) : body;
    const errors = validateGraphEntity(device);
    expect(errors.filter((e) => !/navigation property/.test(e))).toEqual([]);
  });
});
