/**
 * The Assets Cloud REST API under `/jsm/assets/workspace/{workspaceId}/v1`: object schemas,
 * object types and attributes, objects (create, read, update, delete), AQL search with offset
 * paging, and the Jira issues connected to an object.
 */
import { Router } from 'express';
import type { Request, Response } from 'express';
import type { AssetObject } from './assets-store';
import { AssetsValidationError } from './assets-values';
import {
  renderAttrDef,
  renderAttributes,
  renderObject,
  renderObjectType,
  renderSchema,
} from './assets-render';
import { AqlSyntaxError, parseAql, runAql } from './aql';
import { boolParam, intParam, parseAqlBody, parseObjectIn } from './assets-input';
import { VendorError } from './jira-errors';
import type { JiraState } from './jira-state';
import { renderConnectedTicket } from './connected-tickets';

type Json = Record<string, unknown>;

function param(req: Request, name: string): string {
  return String(req.params[name] ?? '');
}

function asVendorError(error: unknown): never {
  if (error instanceof AssetsValidationError)
    throw new VendorError(400, '', error.errors, error.errorMessages);
  throw error;
}

export function createAssetsRouter(state: JiraState): Router {
  const router = Router({ mergeParams: true });
  const ctx = () => state.assetsCtx();

  router.use((req, _res, next) => {
    if (param(req, 'workspaceId') !== state.options.workspaceId) {
      throw new VendorError(404, `Workspace ${param(req, 'workspaceId')} does not exist`);
    }
    next();
  });

  const findObject = (req: Request): AssetObject => {
    const obj = state.assets.objects.get(param(req, 'id'));
    if (!obj) throw new VendorError(404, `The object with id ${param(req, 'id')} does not exist`);
    return obj;
  };
  const checkSchema = (req: Request): void => {
    if (param(req, 'id') !== state.schema.schema.id) {
      throw new VendorError(404, `The object schema with id ${param(req, 'id')} does not exist`);
    }
  };

  router.get('/objectschema/list', (req, res) => {
    const startAt = intParam(req.query.startAt, 'startAt', 0);
    const maxResults = intParam(req.query.maxResults, 'maxResults', 25, 1);
    const all = [renderSchema(ctx())];
    const values = all.slice(startAt, startAt + maxResults);
    const isLast = startAt + values.length >= all.length;
    res.json({ startAt, maxResults, total: all.length, values, last: isLast, isLast });
  });
  router.get('/objectschema/:id', (req, res) => {
    checkSchema(req);
    res.json(renderSchema(ctx()));
  });
  router.get('/objectschema/:id/attributes', (req, res) => {
    checkSchema(req);
    const query = String(req.query.query ?? '').toLowerCase();
    const defs = [...state.schema.attrs.values()].filter((a) =>
      a.name.toLowerCase().includes(query),
    );
    res.json(defs.map((d) => renderAttrDef(ctx(), d)));
  });
  const listTypes = (req: Request, res: Response) => {
    checkSchema(req);
    const excludeAbstract = boolParam(req.query.excludeAbstract, false);
    const types = [...state.schema.types.values()].filter(
      (t) => !(excludeAbstract && t.abstractObjectType),
    );
    res.json(types.map((t) => renderObjectType(ctx(), t)));
  };
  router.get('/objectschema/:id/objecttypes', listTypes);
  router.get('/objectschema/:id/objecttypes/flat', listTypes);
  router.get('/config/statustype', (req, res) => {
    const schemaId = req.query.objectSchemaId;
    if (schemaId !== undefined && String(schemaId) !== state.schema.schema.id) {
      res.json([]);
      return;
    }
    res.json(
      [...state.schema.statuses.values()].map((s) => ({
        workspaceId: state.options.workspaceId,
        globalId: `${state.options.workspaceId}:${s.id}`,
        id: s.id,
        name: s.name,
        description: '',
        category: s.category,
        objectSchemaId: state.schema.schema.id,
      })),
    );
  });
  router.get('/objecttype/:id', (req, res) => {
    const type = state.schema.types.get(param(req, 'id'));
    if (!type)
      throw new VendorError(404, `The object type with id ${param(req, 'id')} does not exist`);
    res.json(renderObjectType(ctx(), type));
  });
  router.get('/objecttype/:id/attributes', (req, res) => {
    const type = state.schema.types.get(param(req, 'id'));
    if (!type)
      throw new VendorError(404, `The object type with id ${param(req, 'id')} does not exist`);
    const excludeParent = boolParam(req.query.excludeParentAttributes, false);
    const defs = state.schema
      .attributesOf(type.id)
      .filter((a) => !excludeParent || a.objectTypeId === type.id);
    res.json(defs.map((d) => renderAttrDef(ctx(), d, type.id)));
  });

  router.post('/object/create', (req, res) => {
    const input = parseObjectIn(req.body);
    let obj: AssetObject;
    try {
      obj = state.assets.create(input);
    } catch (error) {
      asVendorError(error);
    }
    res
      .status(201)
      .json(
        renderObject(ctx(), obj, { attributes: !state.options.quirks.createReturnsNoAttributes }),
      );
  });
  router.post('/object/aql/totalcount', (req, res) => {
    const body = parseAqlBody(req.body);
    res.json({ totalCount: searchIds(state, body.qlQuery).length });
  });
  router.post('/object/aql', (req, res) => {
    const body = parseAqlBody(req.body);
    const startAt =
      req.query.startAt !== undefined
        ? intParam(req.query.startAt, 'startAt', 0)
        : (body.startAt ?? 0);
    const maxResults =
      req.query.maxResults !== undefined
        ? intParam(req.query.maxResults, 'maxResults', 25, 1)
        : (body.maxResults ?? 25);
    const includeAttributes = boolParam(req.query.includeAttributes, true);
    res.json(aqlPage(state, body.qlQuery, startAt, maxResults, includeAttributes));
  });
  router.get('/object/:id', (req, res) => {
    res.json(renderObject(ctx(), findObject(req), { attributes: true }));
  });
  router.get('/object/:id/attributes', (req, res) => {
    res.json(renderAttributes(ctx(), findObject(req), true));
  });
  router.put('/object/:id', (req, res) => {
    const obj = findObject(req);
    const input = parseObjectIn(req.body);
    try {
      state.assets.update(obj, input);
    } catch (error) {
      asVendorError(error);
    }
    res.json(renderObject(ctx(), obj, { attributes: true }));
  });
  router.delete('/object/:id', (req, res) => {
    state.assets.delete(findObject(req));
    res.status(204).end();
  });
  router.get('/objectconnectedtickets/:id/tickets', (req, res) => {
    const obj = findObject(req);
    const issues = state.issues.referencing(obj.id);
    res.json({
      tickets: issues.map((i) => renderConnectedTicket(state, i)),
      allTicketsQuery: `issue in (${issues.map((i) => i.key).join(', ')})`,
    });
  });
  return router;
}

function searchIds(state: JiraState, qlQuery: string): string[] {
  const normalized = qlQuery.trim();
  return state.assets.cachedQuery(normalized.toLowerCase(), () => {
    try {
      return runAql(parseAql(normalized), state.aqlCtx());
    } catch (error) {
      if (error instanceof AqlSyntaxError)
        throw new VendorError(400, `AQL is not valid: ${error.message}`, { iql: error.message });
      throw error;
    }
  });
}

function aqlPage(
  state: JiraState,
  qlQuery: string,
  startAt: number,
  maxResults: number,
  includeAttributes: boolean,
): Json {
  const ids = searchIds(state, qlQuery);
  const ctx = state.assetsCtx();
  const page = ids
    .slice(startAt, startAt + maxResults)
    .map((id) => state.assets.objects.get(id) as AssetObject);
  const typeIds = [...new Set(page.map((o) => o.objectTypeId))];
  const seen = new Set<string>();
  const objectTypeAttributes: Json[] = [];
  for (const typeId of typeIds) {
    for (const def of state.schema.attributesOf(typeId)) {
      if (seen.has(def.id)) continue;
      seen.add(def.id);
      objectTypeAttributes.push(renderAttrDef(ctx, def, typeId));
    }
  }
  const isLast = startAt + page.length >= ids.length;
  const cap = state.options.quirks.aqlTotalCap;
  return {
    startAt,
    maxResults,
    total: cap === null ? ids.length : Math.min(ids.length, cap),
    values: page.map((o) => renderObject(ctx, o, { attributes: includeAttributes })),
    objectTypeAttributes,
    last: isLast,
    isLast,
  };
}
