import { parseMapping } from '../../../core/mapping/mapping-loader';

export const CRASH_MDM_MAPPING = parseMapping(
  `version: 1
connector: fake
authority: 60
fields:
  - { core: serial, source: serial }
  - { core: name, source: name }
  - { core: assignment.userEmail, source: owner }
`,
  'mdm.yaml',
);

export const CRASH_CMDB_MAPPING = parseMapping(
  `version: 1
connector: fake
authority: 50
fields:
  - { core: serial, source: serial, direction: both }
  - { core: name, source: name, direction: both }
  - { core: assignment.userEmail, source: owner, direction: both }
`,
  'cmdb.yaml',
);
