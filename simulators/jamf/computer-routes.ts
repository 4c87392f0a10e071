/**
 * Computer inventory routes for API versions v1 to v4 (v1 to v3 deprecated in 11.30.1, v4
 * current): paged list, single record, detail GET/PATCH and DELETE; plus departments and buildings.
 */
import express, { type Request, type Response, type Router } from 'express';
import { renderComputer } from './computer-renderer';
import {
  computerFilterFields,
  computerSectionsFor,
  computerSortFields,
  type ComputerApiVersion,
} from './jamf-fields';
import { JamfHttpError, notFound } from './jamf-errors';
import { computerUpdateSchema, firstIssue } from './jamf-patch-schemas';
import { applyComputerUpdate } from './jamf-patcher';
import type { JamfComputer, JamfNamedObject } from './jamf-records';
import type { JamfState } from './jamf-state';
import { parseInventoryQuery, type QueryRules } from './inventory-query';

const VERSIONS: readonly ComputerApiVersion[] = ['v1', 'v2', 'v3', 'v4'];

function rulesFor(state: JamfState, version: ComputerApiVersion): QueryRules {
  return {
    sections: computerSectionsFor(version),
    filterFields: computerFilterFields(version),
    sortFields: computerSortFields(version),
    defaultSort: 'general.name:asc',
    clampPageSize: state.config.clampPageSize,
  };
}

function findComputer(state: JamfState, id: string): JamfComputer {
  const record = state.visibleComputer(id);
  if (!record) throw notFound('Computer', id);
  return record;
}

function listHandler(state: JamfState, version: ComputerApiVersion) {
  return (req: Request, res: Response): void => {
    const query = parseInventoryQuery(
      req.query as Record<string, unknown>,
      rulesFor(state, version),
    );
    const ids = state.computerIndex.select(query);
    const start = query.page * query.pageSize;
    const results = ids
      .slice(start, start + query.pageSize)
      .map((id) =>
        renderComputer(state.computers.get(id) as JamfComputer, version, query.sections),
      );
    res.json({ totalCount: ids.length, results });
  };
}

function patchHandler(state: JamfState, version: ComputerApiVersion) {
  return (req: Request, res: Response): void => {
    const record = findComputer(state, String(req.params.id));
    const parsed = computerUpdateSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const issue = firstIssue(parsed.error);
      throw new JamfHttpError(400, 'INVALID_FIELD', issue.description, issue.field);
    }
    applyComputerUpdate(state, record, parsed.data);
    if (version === 'v1') res.json(renderComputer(record, version, null));
    else res.status(204).end();
  };
}

function addVersion(router: Router, state: JamfState, version: ComputerApiVersion): void {
  router.get(`/${version}/computers-inventory`, listHandler(state, version));
  router.get(`/${version}/computers-inventory/:id`, (req, res) => {
    const rules = rulesFor(state, version);
    const query = parseInventoryQuery({ section: req.query.section }, rules);
    res.json(renderComputer(findComputer(state, String(req.params.id)), version, query.sections));
  });
  router.delete(`/${version}/computers-inventory/:id`, (req, res) => {
    const id = String(req.params.id);
    findComputer(state, id);
    state.computers.delete(id);
    state.touch();
    res.status(204).end();
  });
  router.get(`/${version}/computers-inventory-detail/:id`, (req, res) => {
    res.json(renderComputer(findComputer(state, String(req.params.id)), version, null));
  });
  router.patch(`/${version}/computers-inventory-detail/:id`, patchHandler(state, version));
}

function namedList(items: Map<string, JamfNamedObject>, req: Request, res: Response): void {
  const page = Number(req.query.page ?? 0);
  const pageSize = Math.min(Number(req.query['page-size'] ?? 100), 2000);
  if (!Number.isInteger(page) || !Number.isInteger(pageSize) || page < 0 || pageSize < 1) {
    throw new JamfHttpError(
      400,
      'INVALID_FIELD',
      'page and page-size must be non-negative integers',
      'page',
    );
  }
  const all = [...items.values()].sort((a, b) => Number(a.id) - Number(b.id));
  res.json({ totalCount: all.length, results: all.slice(page * pageSize, (page + 1) * pageSize) });
}

export function createComputerRouter(state: JamfState): Router {
  const router = express.Router();
  for (const version of VERSIONS) addVersion(router, state, version);
  router.get('/v1/departments', (req, res) => namedList(state.departments, req, res));
  router.get('/v1/buildings', (req, res) => namedList(state.buildings, req, res));
  return router;
}
