/** zod schema for the fault rules that `PUT /_sim/faults` accepts. */
import { z } from 'zod';
import type { FaultRule } from './sim-types';

export const faultRuleSchema = z
  .object({
    method: z.string().min(1).optional(),
    path: z.string().min(1),
    kind: z.enum(['status', 'slow', 'drop', 'truncate']),
    status: z.number().int().min(100).max(599).optional(),
    retryAfterSeconds: z.number().int().min(0).optional(),
    delayMs: z.number().int().min(0).max(600_000).optional(),
    share: z.number().min(0).max(1).optional(),
    count: z.number().int().min(0).optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    if (rule.kind === 'status' && rule.status === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'a "status" fault needs "status"',
        path: ['status'],
      });
    }
    if (rule.kind === 'slow' && rule.delayMs === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'a "slow" fault needs "delayMs"',
        path: ['delayMs'],
      });
    }
    if (rule.path.startsWith('^')) {
      try {
        new RegExp(rule.path);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        ctx.addIssue({
          code: 'custom',
          message: `invalid regular expression: ${reason}`,
          path: ['path'],
        });
      }
    }
  });

export const faultRulesBodySchema = z.object({ rules: z.array(faultRuleSchema) }).strict();

/** Validates a list of rules; throws an Error naming the first bad field. */
export function parseFaultRules(rules: unknown): FaultRule[] {
  const result = z.array(faultRuleSchema).safeParse(rules);
  if (!result.success) {
    throw new Error(`invalid fault rules: ${formatZodIssues(result.error)}`);
  }
  return result.data;
}

/** `rules.0.status: a "status" fault needs "status"; ...` */
export function formatZodIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.map(String).join('.');
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
