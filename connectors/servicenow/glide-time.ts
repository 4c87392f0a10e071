import { tryParseInstant } from '../../core/time/parse-instant';

/** ServiceNow date-times are UTC `YYYY-MM-DD HH:mm:ss` (servicenow.md §1 "Date/time semantics"). */
export function toGlide(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19).replace('T', ' ');
}

/** A glide date-time as an ISO instant; null for an empty or unreadable value. */
export function fromGlide(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return tryParseInstant(value);
}

/** The later of two ISO instants (either may be null). */
export function laterOf(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}
