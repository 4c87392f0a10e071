import type { z } from 'zod';
import { AssetbridgeError } from '../../core/errors';
import type { HttpClient, HttpRequest } from '../../core/http/http-client';
import {
  AqlPage,
  AssetObjectWire,
  AttributeDefWire,
  ConnectedTickets,
  ObjectSchemaList,
  ObjectTypeWire,
  StatusTypeWire,
  TotalCount,
  WorkspaceList,
  type ObjectIn,
} from './assets-wire';

/**
 * Our own thin, typed client of the Assets Cloud REST API (jira.js 5.x has none), on the
 * instance's `HttpClient`, so that the limiter, retries and stats are shared with the Jira calls.
 * Every answer is checked with zod. Traffic classes follow the Assets per-endpoint limits.
 */
export class AssetsClient {
  private workspace: string | null;

  constructor(
    private readonly assets: HttpClient,
    private readonly site: HttpClient,
    workspaceId: string | undefined,
  ) {
    this.workspace = workspaceId ?? null;
  }

  /** The workspace id: configured, or the first one `servicedeskapi/assets/workspace` lists. */
  async workspaceId(): Promise<string> {
    if (this.workspace !== null) return this.workspace;
    const path = '/rest/servicedeskapi/assets/workspace';
    const res = await this.site.request<unknown>({ method: 'GET', path, query: { limit: 50 } });
    const list = checked(WorkspaceList, res.data, `GET ${path}`);
    const first = list.values[0];
    if (first === undefined) {
      throw new AssetbridgeError(
        'CONFIG_INVALID',
        'the Jira site lists no Assets workspace (Assets needs JSM Premium or Enterprise); set options.workspaceId',
      );
    }
    this.workspace = first.workspaceId;
    return first.workspaceId;
  }

  async schemas() {
    const res = await this.call({
      method: 'GET',
      path: '/objectschema/list',
      query: { maxResults: 50 },
    });
    return checked(ObjectSchemaList, res, 'GET objectschema/list').values;
  }

  async objectTypes(schemaId: string) {
    const path = `/objectschema/${schemaId}/objecttypes/flat`;
    return checked(ObjectTypeWire.array(), await this.call({ method: 'GET', path }), path);
  }

  async attributesOf(objectTypeId: string) {
    const path = `/objecttype/${objectTypeId}/attributes`;
    return checked(AttributeDefWire.array(), await this.call({ method: 'GET', path }), path);
  }

  /** Status types of a schema (global ones included): a status value is written by its id. */
  async statusTypes(schemaId: string) {
    const res = await this.call({
      method: 'GET',
      path: '/config/statustype',
      query: { objectSchemaId: schemaId },
    });
    return checked(StatusTypeWire.array(), res, 'GET config/statustype');
  }

  async aql(qlQuery: string, startAt: number, maxResults: number, signal?: AbortSignal) {
    const res = await this.call({
      method: 'POST',
      path: '/object/aql',
      query: { startAt, maxResults, includeAttributes: true },
      body: { qlQuery },
      idempotent: true,
      trafficClass: 'aql',
      signal,
    });
    return checked(AqlPage, res, 'POST object/aql');
  }

  async totalCount(qlQuery: string, signal?: AbortSignal): Promise<number> {
    const res = await this.call({
      method: 'POST',
      path: '/object/aql/totalcount',
      body: { qlQuery },
      idempotent: true,
      trafficClass: 'aql-count',
      signal,
    });
    return checked(TotalCount, res, 'POST object/aql/totalcount').totalCount;
  }

  /** One object with its attributes; null when Assets answers 404. */
  async object(id: string) {
    const res = await this.call({ method: 'GET', path: `/object/${id}`, expectStatus: [404] });
    return res === NOT_FOUND ? null : checked(AssetObjectWire, res, `GET object/${id}`);
  }

  /** Creates an object; the answer carries no attributes (Cloud), so it is read again. */
  async create(body: ObjectIn) {
    const res = await this.call({
      method: 'POST',
      path: '/object/create',
      body,
      trafficClass: 'object-create',
    });
    return checked(AssetObjectWire, res, 'POST object/create');
  }

  async update(id: string, body: ObjectIn) {
    const res = await this.call({ method: 'PUT', path: `/object/${id}`, body });
    return checked(AssetObjectWire, res, `PUT object/${id}`);
  }

  async connectedTickets(id: string) {
    const path = `/objectconnectedtickets/${id}/tickets`;
    return checked(ConnectedTickets, await this.call({ method: 'GET', path }), path).tickets;
  }

  private async call(req: HttpRequest): Promise<unknown> {
    const base = `/jsm/assets/workspace/${encodeURIComponent(await this.workspaceId())}/v1`;
    const path = `${base}${req.path ?? ''}`;
    const res = await this.assets.request<unknown>({ ...req, path });
    if (res.status === 404 && req.expectStatus?.includes(404)) return NOT_FOUND;
    return res.data;
  }
}

const NOT_FOUND = Symbol('not found');

function checked<S extends z.ZodType>(schema: S, data: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AssetbridgeError(
      'VENDOR_HTTP',
      `Assets ${what} answered an unexpected body: ${issue?.path.join('.') || 'body'}: ${issue?.message}`,
    );
  }
  return parsed.data;
}
