import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AssetbridgeError, isAssetbridgeError } from '../../../core/errors';
import { loadMapping, parseMapping } from '../../../core/mapping/mapping-loader';
import type { FileIssue } from '../../../core/mapping/yaml-document';

const SKETCH = `version: 1
connector: jamf             # connector type
object: computer
externalId: id
authority: 60
fields:
  - core: serial
    source: hardware.serialNumber
    direction: both
    transforms: [trim, upper]
    authority: 90
  - core: hardware.memoryGb
    source: hardware.totalRamMegabytes
    transforms: [number, { divide: 1024 }]
  - core: category
    source: general.platform
    transforms:
      - map: { values: { Mac: laptop, Windows: desktop }, default: other }
  - core: name
    transforms: [{ firstNonEmpty: [general.name, hardware.model] }]
  - core: assignment.location
    transforms: [{ concat: { sources: [userAndLocation.building, userAndLocation.room], separator: ' / ' } }]
  - core: model
    source: hardware.model
    transforms: [{ regex: { pattern: '^(.*?) \\(', group: 1 } }]
`;

function issuesOf(text: string, file = 'mappings/test.yaml'): FileIssue[] {
  try {
    parseMapping(text, file);
  } catch (err) {
    expect(isAssetbridgeError(err, 'MAPPING_INVALID')).toBe(true);
    return (err as AssetbridgeError).details.issues as FileIssue[];
  }
  throw new Error('expected the mapping to be rejected');
}

function messagesOf(text: string, file = 'mappings/test.yaml'): string[] {
  return issuesOf(text, file).map((i) => `${i.file}:${i.line} field ${i.field}: ${i.message}`);
}

/** A mapping with one field entry given as YAML lines (indented under `fields:`). */
function withField(...lines: string[]): string {
  return ['version: 1', 'connector: jamf', 'fields:', ...lines.map((l) => `  ${l}`), ''].join('\n');
}

describe('parseMapping: valid files', () => {
  test('the documented sketch compiles with its defaults', () => {
    const m = parseMapping(SKETCH, 'mappings/jamf.yaml');
    expect(m).toMatchObject({ file: 'mappings/jamf.yaml', connector: 'jamf', object: 'computer' });
    expect(m.authority).toBe(60);
    expect(m.externalId).toEqual({ text: 'id', segments: ['id'] });
    expect(m.fields.map((f) => f.core)).toEqual([
      'serial',
      'hardware.memoryGb',
      'category',
      'name',
      'assignment.location',
      'model',
    ]);
    const [serial, memory] = m.fields;
    expect(serial).toMatchObject({ direction: 'both', authority: 90, line: 7 });
    expect(serial.outTransforms).toEqual([]);
    expect(memory).toMatchObject({ direction: 'in', authority: null, outTransforms: null });
    expect(memory.transforms).toEqual([{ kind: 'number' }, { kind: 'divide', by: 1024 }]);
  });

  test('an out field derives reversed transforms; a field may be mapped in and out', () => {
    const m = parseMapping(
      withField(
        '- { core: hardware.memoryGb, source: ram, direction: both, transforms: [number, mbToGb] }',
        '- { core: serial, source: a, direction: out }',
        '- { core: serial, source: b }',
      ),
      'x.yaml',
    );
    expect(m.fields[0].outTransforms).toEqual([{ kind: 'multiply', by: 1024 }]);
    expect(m.fields).toHaveLength(3);
  });
});

describe('parseMapping: errors name file, line and field', () => {
  test('the example from the issue, exactly', () => {
    const text = SKETCH.replace('direction: both', 'direction: both\n\n\n').replace(
      '[trim, upper]',
      '[trim, uper]',
    );
    expect(messagesOf(text, 'mappings/jamf.yaml')).toEqual([
      "mappings/jamf.yaml:13 field fields.serial.transforms[1]: unknown transform 'uper' (did you mean 'upper'?)",
    ]);
  });

  test('every problem is collected and the message lists them one per line', () => {
    const text = SKETCH.replace('core: name', 'core: nmae')
      .replace('[trim, upper]', '[trim, uper]')
      .replace('Windows: desktop', 'Windows: desktp');
    let caught: unknown;
    try {
      parseMapping(text, 'mappings/jamf.yaml');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AssetbridgeError);
    const err = caught as AssetbridgeError;
    expect(err.code).toBe('MAPPING_INVALID');
    const lines = err.message.split('\n');
    expect(lines[0]).toBe('mapping mappings/jamf.yaml is invalid: 3 problems');
    expect(lines.slice(1)).toEqual([
      "mappings/jamf.yaml:10 field fields.serial.transforms[1]: unknown transform 'uper' (did you mean 'upper'?)",
      expect.stringMatching(
        /^mappings\/jamf\.yaml:18 field fields\.category\.transforms\[0\]\.map: map value 'desktp' is not a valid category \(did you mean 'desktop'\?\)/,
      ),
      "mappings/jamf.yaml:19 field fields.nmae.core: unknown core field 'nmae' (did you mean 'name'?)",
    ]);
    expect(err.details.issues).toHaveLength(3);
    expect((err.details.issues as FileIssue[])[0]).toEqual({
      file: 'mappings/jamf.yaml',
      line: 10,
      field: 'fields.serial.transforms[1]',
      message: "unknown transform 'uper' (did you mean 'upper'?)",
    });
  });

  test.each([
    [
      ['- core: serial', '  source: s', '  trasforms: [trim]'],
      6,
      "unknown key 'trasforms' (did you mean 'transforms'?)",
      'fields.serial.trasforms',
    ],
    [
      ['- core: serial', '  source: s', '  direction: inward'],
      6,
      'expected one of in, out, both, got string "inward"',
      'fields.serial.direction',
    ],
    [
      ['- core: serial', '  source: s', '  authority: 101'],
      6,
      'must be at most 100, got 101',
      'fields.serial.authority',
    ],
    [
      ['- core: serial', '  source: s', '  transforms: [{ divide: 0 }]'],
      6,
      'divide needs a positive number, got 0',
      'fields.serial.transforms[0].divide',
    ],
    [
      ['- core: serial', '  source: s', '  transforms: [{ regex: "(" }]'],
      6,
      "regex pattern '(' does not compile",
      'fields.serial.transforms[0].regex',
    ],
    [
      ['- core: serial', '  source: s', '  transforms: [{ regex: { pattern: a, group: 2 } }]'],
      6,
      'regex group 2 does not exist (the pattern has 0 groups)',
      'fields.serial.transforms[0].regex.group',
    ],
    [
      [
        '- core: serial',
        '  source: s',
        '  transforms: [{ regex: { pattern: "(?<x>a)", group: y } }]',
      ],
      6,
      "regex has no group named 'y'",
      'fields.serial.transforms[0].regex.group',
    ],
    [
      ['- core: serial', '  source: s', '  transforms: [{ map: [a] }]'],
      6,
      'expected object, got a list of 1',
      'fields.serial.transforms[0].map',
    ],
    [
      ['- core: serial', '  source: s', '  transforms: [{ map: { values: {}, dflt: x } }]'],
      6,
      "unknown key 'dflt'",
      'fields.serial.transforms[0].map.dflt',
    ],
    [
      ['- core: serial', '  source: s', '  transforms: [{ trim: true }]'],
      6,
      "transform 'trim' takes no parameters; write it as a plain name",
      'fields.serial.transforms[0].trim',
    ],
    [
      ['- core: serial', '  source: s', '  transforms: [regex]'],
      6,
      "transform 'regex' needs parameters: write { regex: ... }",
      'fields.serial.transforms[0]',
    ],
    [
      ['- core: serial', '  source: s', '  transforms: [{ trim: 1, upper: 2 }]'],
      6,
      'a transform mapping has exactly one key, got 2 (trim, upper)',
      'fields.serial.transforms[0]',
    ],
    [
      ['- core: serial', '  source: s', '  transforms: [{ concat: [] }]'],
      6,
      'must list at least 1 item(s), got none',
      'fields.serial.transforms[0].concat.sources',
    ],
    [
      ['- core: serial', '  source: s', '  transforms: [{ date: "MM/YY" }]'],
      6,
      'date format must be a string with YYYY, MM and DD',
      'fields.serial.transforms[0].date',
    ],
    [
      ['- core: serial', '  source: "a..b"'],
      5,
      "source path 'a..b' has an empty segment",
      'fields.serial.source',
    ],
    [
      ['- core: serial', '  source: "a.__proto__"'],
      5,
      "source path 'a.__proto__' uses the reserved key '__proto__'",
      'fields.serial.source',
    ],
    [
      ['- core: serial'],
      4,
      'needs a source, or a transform that brings a value (concat, firstNonEmpty, default)',
      'fields.serial',
    ],
    [
      ['- core: serial', '  direction: out', '  transforms: [{ default: X }]'],
      5,
      "direction 'out' needs a source",
      'fields.serial.direction',
    ],
    [
      ['- core: model', '  source: m', '  direction: both', '  transforms: [{ regex: "^(a)" }]'],
      6,
      "transform 'regex' cannot be reversed; give outTransforms for direction 'both'",
      'fields.model.direction',
    ],
    [
      [
        '- core: category',
        '  source: c',
        '  direction: both',
        '  transforms: [{ map: { values: { A: laptop, B: laptop } } }]',
      ],
      6,
      "map is ambiguous backwards ('laptop' comes from 'A' and 'B'); give outTransforms",
      'fields.category.direction',
    ],
    [
      [
        '- core: name',
        '  source: n',
        '  direction: out',
        '  outTransforms: [{ firstNonEmpty: [x] }]',
      ],
      7,
      "transform 'firstNonEmpty' reads the vendor record and cannot be used in outTransforms",
      'fields.name.outTransforms[0]',
    ],
    [
      [
        '- core: lifecycle.stage',
        '  source: s',
        '  transforms: [{ map: { values: { x: deployd } } }]',
      ],
      6,
      "map value 'deployd' is not a valid lifecycle.stage (did you mean 'deployed'?)",
      'fields.lifecycle.stage.transforms[0].map',
    ],
    [
      [
        '- core: compliance.state',
        '  source: s',
        '  transforms: [{ map: { values: { x: compliant }, default: bad } }]',
      ],
      6,
      "map value 'bad' is not a valid compliance.state",
      'fields.compliance.state.transforms[0].map',
    ],
  ])('%j → line %d: %s (at %s)', (lines, line, message, field) => {
    const issues = issuesOf(withField(...lines));
    expect(issues).toHaveLength(1);
    expect(issues[0].line).toBe(line);
    expect(issues[0].message).toContain(message);
    expect(issues[0].field).toBe(field);
  });

  test('a core field mapped inward twice is an error at the second entry', () => {
    const issues = issuesOf(
      withField(
        '- core: serial',
        '  source: a',
        '- core: serial',
        '  source: b',
        '  direction: both',
      ),
    );
    expect(issues).toEqual([
      {
        file: 'mappings/test.yaml',
        line: 6,
        field: 'fields.serial.core',
        message: 'is mapped inward twice (first on line 4)',
      },
    ]);
  });

  test('top-level problems name the top-level key', () => {
    const text = 'version: 2\nconnector: Jamf\nextrnalId: x\nfields: []\n';
    expect(messagesOf(text)).toEqual([
      'mappings/test.yaml:1 field version: expected 1, got number 2',
      'mappings/test.yaml:2 field connector: expected a lower-case connector type',
      "mappings/test.yaml:3 field extrnalId: unknown key 'extrnalId' (did you mean 'externalId'?)",
      'mappings/test.yaml:4 field fields: expected at least one field',
    ]);
  });

  test('a missing required key points at the entry that lacks it', () => {
    expect(messagesOf(withField('- source: a'))).toEqual([
      "mappings/test.yaml:4 field fields[0].core: missing key 'core' (expected string)",
    ]);
    expect(messagesOf('connector: jamf\nfields: [{ core: serial, source: s }]\n')).toEqual([
      "mappings/test.yaml:1 field version: missing key 'version' (expected 1)",
    ]);
  });

  test('a bad externalId path is reported', () => {
    const text =
      'version: 1\nconnector: jamf\nexternalId: "a[x]"\nfields: [{ core: serial, source: s }]\n';
    expect(messagesOf(text)).toEqual([
      "mappings/test.yaml:3 field externalId: source path 'a[x]' has an unexpected '[' at position 2",
    ]);
  });

  test('YAML syntax errors and non-mapping documents are reported with a line', () => {
    const broken = 'version: 1\nconnector: jamf\nfields:\n  - core: serial\n   source: [a\n';
    const issues = issuesOf(broken);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0].line).toBeGreaterThanOrEqual(4);
    expect(issues[0].field).toBe('(yaml)');
    expect(messagesOf('')).toEqual([
      'mappings/test.yaml:1 field (root): expected a mapping with version, connector and fields',
    ]);
    expect(messagesOf('- a\n- b\n')).toHaveLength(1);
    expect(issuesOf('a: 1\na: 2\n')[0].message).toMatch(/unique/i);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++)
      bomb.push(
        `${'b'.repeat(i)}: &${'b'.repeat(i)} [${Array(10)
          .fill(i === 1 ? '*a' : `*${'b'.repeat(i - 1)}`)
          .join(', ')}]`,
      );
    expect(issuesOf(bomb.join('\n'))[0]).toMatchObject({ field: '(yaml)', line: 1 });
  });
});

describe('parseMapping: a schema error hides no other problem', () => {
  test('an authority out of range and a transform typo on one field are both reported', () => {
    const text = withField(
      '- core: assetTag',
      '  source: Asset Tag',
      '  transforms: [trim, uper]',
      '  authority: 180',
    );
    expect(messagesOf(text)).toEqual([
      "mappings/test.yaml:6 field fields.assetTag.transforms[1]: unknown transform 'uper' (did you mean 'upper'?)",
      'mappings/test.yaml:7 field fields.assetTag.authority: must be at most 100, got 180',
    ]);
  });

  test('top-level schema errors leave the fields and the externalId checked', () => {
    const text = [
      'version: 1',
      'connector: import',
      'authority: 1.5',
      'externalId: "a..b"',
      'extra: 1',
      'fields:',
      '  - { core: serail, source: s }',
      '  - { core: name, source: n, direction: sideways, transforms: [lowr] }',
      '',
    ].join('\n');
    expect(messagesOf(text)).toEqual([
      'mappings/test.yaml:3 field authority: must be a whole number, got 1.5',
      "mappings/test.yaml:4 field externalId: source path 'a..b' has an empty segment",
      "mappings/test.yaml:5 field extra: unknown key 'extra'",
      "mappings/test.yaml:7 field fields.serail.core: unknown core field 'serail' (did you mean 'serial'?)",
      'mappings/test.yaml:8 field fields.name.direction: expected one of in, out, both, got string "sideways"',
      "mappings/test.yaml:8 field fields.name.transforms[0]: unknown transform 'lowr' (did you mean 'lower'?)",
    ]);
  });

  test('a key that does not fit adds no problem that follows from it', () => {
    expect(messagesOf(withField('- core: serial', '  source: 12', '  direction: out'))).toEqual([
      'mappings/test.yaml:5 field fields.serial.source: expected string, got number 12',
    ]);
    const both = withField(
      '- core: model',
      '  source: m',
      '  direction: both',
      '  transforms: [{ regex: "(" }]',
    );
    expect(issuesOf(both).map((i) => i.field)).toEqual(['fields.model.transforms[0].regex']);
  });

  test('an unknown key is never offered itself as the key meant', () => {
    const text = withField('- core: serial', '  source: s', '  externalId: x');
    expect(messagesOf(text)).toEqual([
      "mappings/test.yaml:6 field fields.serial.externalId: unknown key 'externalId'",
    ]);
  });
});

describe('parseMapping: the kind of file', () => {
  test('a configuration file is named as one, with the command that checks it', () => {
    const config = 'version: 1\nstore: { kind: sqlite, file: x.db }\nconnectors: []\n';
    expect(messagesOf(config, 'config/assetbridge.yaml')).toEqual([
      'config/assetbridge.yaml:1 field (root): config/assetbridge.yaml is a configuration file, not a mapping file; check it with `assetbridge validate config/assetbridge.yaml`',
    ]);
  });

  test('knownConnectors makes an unknown connector type a problem, with the others', () => {
    const text = withField('- core: serial', '  source: s', '  authority: 101').replace(
      'connector: jamf',
      'connector: jamff',
    );
    const known = { knownConnectors: ['jamf', 'intune', 'import'] };
    let issues: FileIssue[] = [];
    try {
      parseMapping(text, 'm.yaml', known);
    } catch (err) {
      issues = (err as AssetbridgeError).details.issues as FileIssue[];
    }
    expect(issues.map((i) => `${i.line} ${i.field}: ${i.message}`)).toEqual([
      "2 connector: unknown connector type 'jamff' (did you mean 'jamf'?); known types: jamf, intune, import",
      '6 fields.serial.authority: must be at most 100, got 101',
    ]);
    expect(
      parseMapping(withField('- { core: serial, source: s }'), 'm.yaml', known).connector,
    ).toBe('jamf');
  });
});

describe('loadMapping', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ab-mapping-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('reads a file and names it as given', () => {
    const file = path.join(dir, 'ok.yaml');
    writeFileSync(file, SKETCH);
    expect(loadMapping(file).file).toBe(file);
    writeFileSync(file, SKETCH.replace('core: model', 'core: modle'));
    expect(() => loadMapping(file)).toThrow(
      `${file}:23 field fields.modle.core: unknown core field 'modle'`,
    );
  });

  test('a missing file is MAPPING_INVALID naming the file', () => {
    const file = path.join(dir, 'nope.yaml');
    expect(() => loadMapping(file)).toThrow(`mapping file ${file} not found`);
  });
});
