/**
 * `GET /v1.0/deviceManagement/managedDevices` (list with `$select`, `$filter`, `$top`, `$count`
 * and `$skiptoken` paging), `GET .../managedDevices/{id}` and `PATCH .../managedDevices/{id}`.
 */
import express, { type Request, type Response, type Router } from 'express';
import { GraphHttpError } from './graph-errors';
import {
  decodeSkipToken,
  encodeSkipToken,
  pageRoll,
  parseCount,
  parseSelect,
  parseTop,
  project,
  singleFilter,
  type SkipToken,
} from './graph-paging';
import type { IntuneState } from './intune-state';
import {
  isKnownProperty,
  MANAGED_DEVICE_PROPERTIES,
  NON_DEFAULT_VALUES,
  OWNER_TYPES,
  WRITABLE_PROPERTIES,
  type ManagedDevice,
} from './managed-device-properties';
import { ODataFilter, ODataFilterError } from './odata-filter';

const COLLECTION = '/v1.0/deviceManagement/managedDevices';

export interface ManagedDeviceRouteDeps {
  state: IntuneState;
  seed: number;
}

function origin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
}

function context(req: Request, select: string[] | null, entity: boolean): string {
  const projection = select ? `(${select.join(',')})` : '';
  return `${origin(req)}/v1.0/$metadata#deviceManagement/managedDevices${projection}${entity ? '/$entity' : ''}`;
}

function nextLink(req: Request, token: SkipToken): string {
  const url = new URL(req.originalUrl, origin(req));
  url.searchParams.delete('$skiptoken');
  const query = [...url.searchParams.entries()]
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .concat(`$skiptoken=${encodeSkipToken(token)}`)
    .join('&');
  return `${origin(req)}${COLLECTION}?${query}`;
}

function listView(device: ManagedDevice): Record<string, unknown> {
  return { ...device, ...NON_DEFAULT_VALUES };
}

class FilteredIds {
  private cache = new Map<string, string[]>();
  private version = -1;

  constructor(private readonly state: IntuneState) {}

  get(filterText: string): string[] {
    const { state } = this;
    if (state.version !== this.version) {
      this.cache.clear();
      this.version = state.version;
    }
    const filter = parseFilter(state, filterText);
    if (state.config.filterMode === 'ignore' || filterText.trim() === '') return state.visibleIds();
    const cached = this.cache.get(filterText);
    if (cached) return cached;
    const ids = state
      .visibleIds()
      .filter((id) => filter.matches(state.devices.get(id) as ManagedDevice));
    if (this.cache.size > 32) this.cache.clear();
    this.cache.set(filterText, ids);
    return ids;
  }
}

function parseFilter(state: IntuneState, text: string): ODataFilter {
  try {
    return ODataFilter.parse(text, {
      isProperty: isKnownProperty,
      isDateTime: (name) => MANAGED_DEVICE_PROPERTIES[name]?.kind === 'datetime',
      ignored: new Set(state.config.ignoredFilterProperties),
    });
  } catch (error) {
    if (error instanceof ODataFilterError)
      throw new GraphHttpError(400, 'BadRequest', error.message);
    throw error;
  }
}

function listHandler(deps: ManagedDeviceRouteDeps, filtered: FilteredIds) {
  return (req: Request, res: Response): void => {
    const { state } = deps;
    const select = parseSelect(req.query.$select);
    const top = parseTop(req.query.$top, state.config.maxPageSize);
    const count = parseCount(req.query.$count);
    const ids = filtered.get(singleFilter(req.query.$filter));
    const skip = req.query.$skiptoken;
    const token =
      skip === undefined ? { offset: 0, emptied: false } : decodeSkipToken(String(skip));
    const head: Record<string, unknown> = { '@odata.context': context(req, select, false) };
    if (count) head['@odata.count'] = ids.length;
    const rate = state.config.emptyPageRate;
    if (
      rate > 0 &&
      !token.emptied &&
      token.offset < ids.length &&
      pageRoll(deps.seed, token.offset) < rate
    ) {
      res.json({
        ...head,
        '@odata.nextLink': nextLink(req, { offset: token.offset, emptied: true }),
        value: [],
      });
      return;
    }
    const end = token.offset + top;
    const value = ids
      .slice(token.offset, end)
      .map((id) => project(listView(state.devices.get(id) as ManagedDevice), select));
    if (end < ids.length && top > 0)
      head['@odata.nextLink'] = nextLink(req, { offset: end, emptied: false });
    res.json({ ...head, value });
  };
}

function findDevice(state: IntuneState, id: string): ManagedDevice {
  const device = state.visible(id);
  if (!device) {
    throw new GraphHttpError(
      404,
      'ResourceNotFound',
      `Resource not found for the segment 'managedDevices'. No managedDevice with id '${id}'.`,
    );
  }
  return device;
}

function getHandler(state: IntuneState) {
  return (req: Request, res: Response): void => {
    const device = findDevice(state, String(req.params.id));
    const select = parseSelect(req.query.$select);
    const view: Record<string, unknown> = { ...device };
    if (state.config.nonDefaultRequiresSelect) {
      for (const [name, fallback] of Object.entries(NON_DEFAULT_VALUES)) {
        if (!select?.includes(name)) view[name] = fallback;
      }
    }
    res.json({ '@odata.context': context(req, select, true), ...project(view, select) });
  };
}

function checkPatch(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GraphHttpError(400, 'BadRequest', 'The request body must be a JSON object.');
  }
  const changes: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name.startsWith('@odata.')) continue;
    if (!isKnownProperty(name)) {
      throw new GraphHttpError(
        400,
        'BadRequest',
        `The property '${name}' does not exist on type 'microsoft.graph.managedDevice'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
      );
    }
    if (!WRITABLE_PROPERTIES.has(name)) {
      throw new GraphHttpError(
        400,
        'BadRequest',
        `The property '${name}' is read-only and cannot be updated.`,
      );
    }
    const ok =
      name === 'managedDeviceOwnerType'
        ? (OWNER_TYPES as readonly unknown[]).includes(value)
        : value === null || typeof value === 'string';
    if (!ok) {
      throw new GraphHttpError(
        400,
        'BadRequest',
        `Cannot convert the literal '${JSON.stringify(value)}' to the expected type of property '${name}'.`,
      );
    }
    changes[name] = value;
  }
  return changes;
}

function patchHandler(state: IntuneState) {
  return (req: Request, res: Response): void => {
    const device = findDevice(state, String(req.params.id));
    Object.assign(device, checkPatch(req.body));
    state.touch();
    if (state.config.patchStatus === 204) res.status(204).end();
    else res.json({ '@odata.context': context(req, null, true), ...device });
  };
}

export function createManagedDeviceRouter(deps: ManagedDeviceRouteDeps): Router {
  const router = express.Router();
  const filtered = new FilteredIds(deps.state);
  router.get(COLLECTION, listHandler(deps, filtered));
  router.get(`${COLLECTION}/:id`, getHandler(deps.state));
  router.patch(`${COLLECTION}/:id`, patchHandler(deps.state));
  return router;
}
