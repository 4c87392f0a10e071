import type { Router } from 'express';
import { z } from 'zod';
import { TICKET_TABLES } from './outbound-events';
import { configBodySchema } from './servicenow-config';
import type { ServiceNowState } from './servicenow-state';

const mutateBodySchema = z
  .object({
    values: z.record(z.string(), z.unknown()),
    /** Who makes the change (sys_updated_by); default `fred.luddy`, a person, not the API user. */
    user: z.string().min(1).optional(),
  })
  .strict();

function badRequest(message: string): Error & { status: number } {
  return Object.assign(new Error(message), { status: 400 });
}

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}

/** ServiceNow-specific `/_sim` routes: config, person-made changes, outbound deliveries. */
export function serviceNowControlRoutes(state: ServiceNowState): (router: Router) => void {
  return (router) => {
    router.get('/config', (_req, res) => {
      res.json(state.describeConfig());
    });

    router.put('/config', (req, res) => {
      const parsed = configBodySchema.safeParse(req.body);
      if (!parsed.success) throw badRequest(`config rejected: ${issues(parsed.error)}`);
      state.applyConfig(parsed.data);
      res.json(state.describeConfig());
    });

    router.post('/mutate/:table/:sys_id', (req, res) => {
      const parsed = mutateBodySchema.safeParse(req.body);
      if (!parsed.success) throw badRequest(`mutation rejected: ${issues(parsed.error)}`);
      const { table, sys_id } = req.params;
      if (!state.store.schema.has(table)) throw badRequest(`no such table ${table}`);
      const opts = { user: parsed.data.user ?? 'fred.luddy', fire: true };
      const outcome = state.service.update(table, sys_id, parsed.data.values, opts);
      if (!outcome) {
        res.status(404).json({ error: `no record ${sys_id} in ${table}` });
        return;
      }
      if (outcome.changed.length === 0) {
        // A person saving the form counts as an update even when nothing changed.
        const record = state.store.touch(table, sys_id, opts.user);
        if (record && TICKET_TABLES.has(record.sys_class_name) && record.cmdb_ci) {
          state.outbound.emit('ticket.updated', record.sys_class_name, record);
        }
      }
      res.json({ record: outcome.record, changed: outcome.changed });
    });

    router.get('/outbound', (_req, res) => {
      res.json({ deliveries: state.outbound.deliveries });
    });

    router.delete('/outbound', (_req, res) => {
      state.outbound.clear();
      res.status(204).end();
    });
  };
}
