/**
 * Mobile-device routes (Jamf Pro API v2): the paged inventory `GET /v2/mobile-devices/detail`,
 * the short list `GET /v2/mobile-devices`, and `GET`/`PATCH /v2/mobile-devices/{id}`.
 */
import express, { type Request, type Response, type Router } from 'express';
import { MOBILE_FILTER_FIELDS, MOBILE_SECTIONS, MOBILE_SORT_FIELDS } from './jamf-fields';
import { JamfHttpError, notFound } from './jamf-errors';
import { firstIssue, mobileUpdateSchema } from './jamf-patch-schemas';
import { applyMobileUpdate } from './jamf-patcher';
import type { JamfMobileDevice } from './jamf-records';
import type { JamfState } from './jamf-state';
import { parseInventoryQuery, type QueryRules } from './inventory-query';
import { renderMobileDetails, renderMobileInventory, renderMobileSummary } from './mobile-renderer';

function rules(state: JamfState, defaultSort: string): QueryRules {
  return {
    sections: Object.keys(MOBILE_SECTIONS),
    filterFields: MOBILE_FILTER_FIELDS,
    sortFields: MOBILE_SORT_FIELDS,
    defaultSort,
    clampPageSize: state.config.clampPageSize,
  };
}

function findMobile(state: JamfState, id: string): JamfMobileDevice {
  const record = state.visibleMobileDevice(id);
  if (!record) throw notFound('Mobile device', id);
  return record;
}

function page(state: JamfState, req: Request, defaultSort: string) {
  const query = parseInventoryQuery(
    req.query as Record<string, unknown>,
    rules(state, defaultSort),
  );
  const ids = state.mobileIndex.select(query);
  const start = query.page * query.pageSize;
  const records = ids
    .slice(start, start + query.pageSize)
    .map((id) => state.mobileDevices.get(id) as JamfMobileDevice);
  return { query, totalCount: ids.length, records };
}

function details(state: JamfState, record: JamfMobileDevice) {
  const site = {
    id: record.general.siteId,
    name: record.general.siteId === '-1' ? 'None' : `Site ${record.general.siteId}`,
  };
  return renderMobileDetails(record, site);
}

export function createMobileRouter(state: JamfState): Router {
  const router = express.Router();
  router.get('/v2/mobile-devices/detail', (req, res) => {
    const { query, totalCount, records } = page(state, req, 'displayName:asc');
    res.json({ totalCount, results: records.map((r) => renderMobileInventory(r, query.sections)) });
  });
  router.get('/v2/mobile-devices', (req, res) => {
    const { totalCount, records } = page(state, req, 'id:asc');
    res.json({ totalCount, results: records.map(renderMobileSummary) });
  });
  router.get('/v2/mobile-devices/:id', (req, res) => {
    res.json(renderMobileSummary(findMobile(state, String(req.params.id))));
  });
  router.get('/v2/mobile-devices/:id/detail', (req, res) => {
    const record = findMobile(state, String(req.params.id));
    res.json({ ...details(state, record), managementId: record.general.managementId, groups: [] });
  });
  router.patch('/v2/mobile-devices/:id', (req: Request, res: Response) => {
    const record = findMobile(state, String(req.params.id));
    const parsed = mobileUpdateSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const issue = firstIssue(parsed.error);
      throw new JamfHttpError(400, 'INVALID_FIELD', issue.description, issue.field);
    }
    applyMobileUpdate(state, record, parsed.data);
    res.json(details(state, record));
  });
  return router;
}
