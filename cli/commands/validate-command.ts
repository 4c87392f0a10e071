import path from 'node:path';
import { CONNECTOR_TYPES, connectorModule } from '../../connectors/registry';
import { loadConfig } from '../../core/config/config-loader';
import { AssetbridgeError } from '../../core/errors';
import type { CliIo } from '../cli-io';
import { EXIT } from '../cli-io';

/** `assetbridge validate [config]`: checks a config and every mapping it names. */
export function validateCommand(io: CliIo, file: string | undefined, json: boolean): number {
  const target = file ?? io.env.ASSETBRIDGE_CONFIG ?? 'assetbridge.yaml';
  const loaded = loadConfig(path.resolve(io.cwd, target), {
    env: io.env,
    knownConnectorTypes: CONNECTOR_TYPES,
    connectorOptions: (type) => connectorModule(type)?.optionsSchema,
  });
  const summary = {
    config: target,
    valid: true,
    connectors: loaded.config.connectors.map((c) => c.name),
    sources: loaded.config.sources.map((s) => s.name),
    mappings: [...loaded.mappings.keys()],
  };
  if (json) io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    io.stdout(
      `${target}: valid (${summary.connectors.length} connector(s), ${summary.sources.length} source(s), ` +
        `${summary.mappings.length} mapping(s) checked)\n`,
    );
  }
  return EXIT.OK;
}

export function isUsageError(err: unknown): boolean {
  return (
    err instanceof AssetbridgeError &&
    ['USAGE', 'CONFIG_INVALID', 'MAPPING_INVALID'].includes(err.code)
  );
}
