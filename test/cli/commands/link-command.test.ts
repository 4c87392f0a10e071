import { owningConnector } from '../../../cli/commands/link-command';
import { isAssetbridgeError } from '../../../core/errors';
import type { ConnectorTickets, TicketRecord } from '../../../core/sync/connector';

/** Ticket connectors that hold the given ticket keys and nothing else. */
function holding(...keys: string[]): ConnectorTickets {
  return {
    readTicket: async (key: string): Promise<TicketRecord | null> =>
      keys.includes(key)
        ? {
            key,
            kind: 'incident',
            state: 'New',
            open: true,
            title: 't',
            assetExternalIds: [],
            updatedAt: '2026-12-01T00:00:00.000Z',
          }
        : null,
    addContext: async () => undefined,
  };
}

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    if (isAssetbridgeError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected an error');
}

describe('link: the connector that holds a ticket', () => {
  const candidates = new Map([
    ['sn-prod', holding('INC0010001')],
    ['jsm-prod', holding('ITSM-42', 'BOTH-1')],
    ['jsm-test', holding('BOTH-1')],
  ]);

  test('the one connector that has it', async () => {
    expect(await owningConnector(candidates, 'INC0010001')).toBe('sn-prod');
    expect(await owningConnector(candidates, 'ITSM-42')).toBe('jsm-prod');
  });

  test('a ticket no connector has is a missing record (exit 1), as an unknown asset is', async () => {
    expect(await failure(owningConnector(candidates, 'INC9999999'))).toEqual({
      code: 'STORE_NOT_FOUND',
      message: 'no connector with tickets (sn-prod, jsm-prod, jsm-test) has ticket INC9999999',
    });
  });

  test('a ticket several connectors have needs --connector (usage, exit 2)', async () => {
    expect(await failure(owningConnector(candidates, 'BOTH-1'))).toEqual({
      code: 'USAGE',
      message: 'ticket BOTH-1 exists in jsm-prod and jsm-test; choose one with --connector',
    });
  });
});
