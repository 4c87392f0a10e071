import { buildAuthority, DEFAULT_AUTHORITY } from '../../../core/config/authority';
import { AssetbridgeConfig } from '../../../core/config/config-schema';
import { parseMapping } from '../../../core/mapping/mapping-loader';
import type { Mapping } from '../../../core/mapping/mapping-schema';

const config = AssetbridgeConfig.parse({
  version: 1,
  store: { kind: 'sqlite', file: 'x.db' },
  authority: {
    default: 45,
    rules: [
      {
        source: 'servicenow-prod',
        fields: ['assignment.*', 'lifecycle.stage', 'assetTag'],
        authority: 90,
      },
      { source: 'jamf-prod', fields: ['@hardware', 'os.*'], authority: 85 },
      { source: 'servicenow-prod', fields: ['assignment.location'], authority: 20 },
      { source: '*', fields: ['lastSeen.at'], authority: 70 },
    ],
  },
});

const jamf = parseMapping(
  `version: 1
connector: jamf
authority: 60
fields:
  - { core: serial, source: s, authority: 95 }
  - { core: name, source: n }
  - { core: assetTag, source: t, direction: out, authority: 10 }
  - { core: model, source: m, authority: 30 }
`,
  'jamf.yaml',
);
const plain = parseMapping(
  'version: 1\nconnector: import\nfields: [{ core: name, source: n }]\n',
  'p.yaml',
);

const mappings = new Map<string, Mapping>([
  ['jamf.yaml', jamf],
  ['p.yaml', plain],
]);
const sources = new Map([
  ['jamf-prod', 'jamf.yaml'],
  ['spreadsheet', 'p.yaml'],
]);

describe('buildAuthority', () => {
  const table = buildAuthority(config, mappings, sources);

  test.each([
    ['servicenow-prod', 'assignment.userEmail', 90, 'rule with a group prefix'],
    ['servicenow-prod', 'assignment.location', 20, 'the last matching rule wins'],
    ['servicenow-prod', 'assetTag', 90, 'rule with an exact field'],
    ['servicenow-prod', 'serial', 45, 'no mapping known: config default'],
    ['jamf-prod', 'model', 85, 'a rule beats the mapping field authority'],
    ['jamf-prod', 'os.version', 85, 'rule with a prefix'],
    ['jamf-prod', 'serial', 95, 'mapping field authority'],
    ['jamf-prod', 'name', 60, 'mapping default'],
    ['jamf-prod', 'assetTag', 60, 'out-only fields do not count'],
    ['jamf-prod', 'lastSeen.at', 70, 'a * rule applies to every source'],
    ['spreadsheet', 'name', 45, 'mapping without authority: config default'],
    ['unknown', 'name', 45, 'unknown source: config default'],
  ])('%s / %s → %d (%s)', (source, field, expected) => {
    expect(table.of(source, field)).toBe(expected);
  });

  test('answers stay the same when asked again (cached)', () => {
    expect(table.of('jamf-prod', 'serial')).toBe(95);
    expect(table.of('jamf-prod', 'serial')).toBe(95);
  });

  test('without a config: mapping values, then 50', () => {
    const bare = buildAuthority(null, mappings, sources);
    expect(bare.of('jamf-prod', 'model')).toBe(30);
    expect(bare.of('jamf-prod', 'name')).toBe(60);
    expect(bare.of('spreadsheet', 'name')).toBe(DEFAULT_AUTHORITY);
    expect(DEFAULT_AUTHORITY).toBe(50);
    expect(buildAuthority(null, new Map(), new Map()).of('x', 'serial')).toBe(50);
  });
});
