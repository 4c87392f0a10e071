import express, { Router } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { currentUser } from './auth';
import type { SnRecord } from './record-store';
import { sendInvalidTable, sendNoRecord, snNotFoundHandler } from './sn-errors';
import type { ServiceNowState } from './servicenow-state';
import { buildLinkHeader, TableQueryEngine } from './table-query';
import {
  apiVersion,
  encodedQueryOf,
  flag,
  nonNegativeInt,
  origin,
  recordBody,
  renderOptionsOf,
  str,
} from './table-request';
import type { TableInfo } from './table-schema';

const DEFAULT_LIMIT = 10000;

/** The Table API handlers: list, get one, insert, update (PATCH and PUT), delete. */
class TableHandlers {
  private readonly engine: TableQueryEngine;

  constructor(private readonly state: ServiceNowState) {
    this.engine = new TableQueryEngine(state);
  }

  private tableOf(req: Request, res: Response): TableInfo | undefined {
    const name = String(req.params.table);
    const info = this.state.store.schema.get(name);
    if (!info) sendInvalidTable(res, name);
    return info;
  }

  private send(req: Request, res: Response, info: TableInfo, record: SnRecord): void {
    if (str(req.headers['x-no-response-body'])?.toLowerCase() === 'true') {
      res.end();
      return;
    }
    const opts = renderOptionsOf(req, this.state.quirks.emptyChoiceDisplayNull);
    res.json({ result: this.state.renderer.render(info, record, opts) });
  }

  list = (req: Request, res: Response): void => {
    const info = this.tableOf(req, res);
    if (!info) return;
    const quirks = this.state.quirks;
    const limit = nonNegativeInt(req.query.sysparm_limit, DEFAULT_LIMIT) || DEFAULT_LIMIT;
    const offset = nonNegativeInt(req.query.sysparm_offset, 0);
    const { records } = this.engine.run(info, encodedQueryOf(req));
    const total = records.length;
    if (total === 0 && apiVersion(req) === 'v1' && quirks.v1EmptyListIs404) {
      sendNoRecord(res);
      return;
    }
    if (!flag(req, 'sysparm_no_count')) res.setHeader('X-Total-Count', String(total));
    const singlePage = offset === 0 && total <= limit;
    const showLink = !(singlePage && quirks.omitLinkOnSinglePage);
    if (showLink && !flag(req, 'sysparm_suppress_pagination_header')) {
      const url = `${origin(req)}${req.baseUrl}${req.path}`;
      const params = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
      res.setHeader('Link', buildLinkHeader(url, params, offset, limit, total));
    }
    const opts = renderOptionsOf(req, quirks.emptyChoiceDisplayNull);
    const page = records.slice(offset, offset + limit);
    res.json({ result: page.map((r) => this.state.renderer.render(info, r, opts)) });
  };

  getOne = (req: Request, res: Response): void => {
    const info = this.tableOf(req, res);
    if (!info) return;
    const record = this.state.store.get(info.name, String(req.params.sys_id));
    if (!record) sendNoRecord(res);
    else this.send(req, res, info, record);
  };

  insert = (req: Request, res: Response): void => {
    const info = this.tableOf(req, res);
    const body = info && recordBody(req, res);
    if (!info || !body) return;
    const opts = { user: currentUser(res), fire: true };
    const record = this.state.service.insert(info.name, body, opts);
    const base = renderOptionsOf(req, false).apiBase;
    res.status(201).setHeader('Location', `${base}/table/${info.name}/${record.sys_id}`);
    this.send(req, res, info, record);
  };

  update = (req: Request, res: Response): void => {
    const info = this.tableOf(req, res);
    const body = info && recordBody(req, res);
    if (!info || !body) return;
    const opts = { user: currentUser(res), fire: true };
    const outcome = this.state.service.update(info.name, String(req.params.sys_id), body, opts);
    if (!outcome) sendNoRecord(res);
    else this.send(req, res, info, outcome.record);
  };

  remove = (req: Request, res: Response): void => {
    const info = this.tableOf(req, res);
    if (!info) return;
    if (this.state.service.delete(info.name, String(req.params.sys_id))) res.status(204).end();
    else sendNoRecord(res);
  };
}

/** Only `v1`, `v2`, ... are API versions; anything else is not a resource. */
function checkVersion(req: Request, res: Response, next: NextFunction): void {
  const version = apiVersion(req);
  if (version !== undefined && !/^v\d+$/.test(version)) snNotFoundHandler(req, res);
  else next();
}

/** Builds the Table API router; mount it at `/api/now/table` and `/api/now/:api_version/table`. */
export function tableRouter(state: ServiceNowState): Router {
  const router = Router({ mergeParams: true });
  const handlers = new TableHandlers(state);
  const json = express.json({ limit: '25mb', type: () => true });
  router.use(checkVersion);
  router.get('/:table', handlers.list);
  router.get('/:table/:sys_id', handlers.getOne);
  router.post('/:table', json, handlers.insert);
  router.patch('/:table/:sys_id', json, handlers.update);
  router.put('/:table/:sys_id', json, handlers.update);
  router.delete('/:table/:sys_id', handlers.remove);
  return router;
}
